/// Splits an nginx configuration into tokens, the way nginx's own reader does: `#` at the start
/// of a token comments out the rest of the line; a word ends at a space, tab, `;` or `{` (a `{`
/// right after `$` belongs to a `${var}`); `"…"` and `'…'` strings may span lines and take `\`
/// escapes. A token with an escape, or a string spanning lines, is not verbatim.
struct NginxTokenizer {
    private let lines: [[UInt8]]
    private var line = 0
    private var offset = 0
    private var tokens: [NginxToken] = []

    init(_ source: SourceText) {
        lines = source.lines.map { Array($0.text.utf8) }
    }

    /// All tokens, in order. Refuses a quoted string that is never closed.
    static func tokens(of source: SourceText) throws(FormatError) -> [NginxToken] {
        var tokenizer = NginxTokenizer(source)
        try tokenizer.run()
        return tokenizer.tokens
    }

    private mutating func run() throws(FormatError) {
        while line < lines.count {
            let bytes = lines[line]
            guard offset < bytes.count else {
                line += 1
                offset = 0
                continue
            }
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "#"):
                offset = bytes.count
            case UInt8(ascii: ";"):
                single(.semicolon, ";")
            case UInt8(ascii: "{"):
                single(.openBrace, "{")
            case UInt8(ascii: "}"):
                single(.closeBrace, "}")
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                try quoted(bytes[offset])
            default:
                word()
            }
        }
    }

    private mutating func single(_ kind: NginxToken.Kind, _ text: String) {
        let value = ValueToken(text: text, line: line, range: offset..<(offset + 1))
        tokens.append(NginxToken(kind: kind, value: value, start: offset, endLine: line, end: offset + 1))
        offset += 1
    }

    private mutating func word() {
        let bytes = lines[line]
        let start = offset
        var text: [UInt8] = []
        var verbatim = true
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: ";") {
                break
            }
            if byte == UInt8(ascii: "{"), text.last != UInt8(ascii: "$") { break }
            if byte == UInt8(ascii: "\\"), offset + 1 < bytes.count {
                verbatim = false
                text.append(contentsOf: Self.unescape(bytes[offset + 1]))
                offset += 2
                continue
            }
            text.append(byte)
            offset += 1
        }
        let value = ValueToken(text: String(decoding: text, as: UTF8.self), line: line, range: start..<offset, isVerbatim: verbatim)
        tokens.append(NginxToken(kind: .word, value: value, start: start, endLine: line, end: offset))
    }

    private mutating func quoted(_ quote: UInt8) throws(FormatError) {
        let startLine = line
        let start = offset
        var text: [UInt8] = []
        var verbatim = true
        offset += 1
        while true {
            let bytes = lines[line]
            if offset >= bytes.count {
                guard line + 1 < lines.count else {
                    throw FormatError(line: startLine + 1, "a quoted string opened here is never closed; add the closing \(Character(Unicode.Scalar(quote)))")
                }
                verbatim = false
                text.append(UInt8(ascii: "\n"))
                line += 1
                offset = 0
                continue
            }
            let byte = bytes[offset]
            if byte == quote { break }
            if byte == UInt8(ascii: "\\"), offset + 1 < bytes.count {
                verbatim = false
                text.append(contentsOf: Self.unescape(bytes[offset + 1]))
                offset += 2
                continue
            }
            text.append(byte)
            offset += 1
        }
        let contentEnd = line == startLine ? offset : start + 1
        let value = ValueToken(text: String(decoding: text, as: UTF8.self), line: startLine, range: (start + 1)..<contentEnd, isVerbatim: verbatim)
        offset += 1
        tokens.append(NginxToken(kind: .quoted(Character(Unicode.Scalar(quote))), value: value, start: start, endLine: line, end: offset))
    }

    /// nginx resolves `\"`, `\'`, `\\`, `\t`, `\r`, `\n`; any other escaped byte keeps its `\`.
    private static func unescape(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): return [byte]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "n"): return [0x0A]
        default: return [UInt8(ascii: "\\"), byte]
        }
    }
}
