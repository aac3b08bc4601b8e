/// Splits an nginx configuration into tokens, the way nginx's own reader does: `#` at the start
/// of a token comments out the rest of the line; a word ends at a space, tab, `;` or `{` (a `{`
/// right after `$` belongs to a `${var}`); `"…"` and `'…'` strings may span lines and take `\`
/// escapes. A token with an escape, or a string spanning lines, is not verbatim.
///
/// Tokens are handed out one at a time (`next()`), so the parser builds the directive tree
/// without a second array of every token (a 50 MB pool kept ~440 bytes a line in that array);
/// only the current line's bytes are copied.
struct NginxTokenizer {
    private let source: SourceText
    private var line = 0
    private var offset = 0
    private var bytes: [UInt8]

    init(_ source: SourceText) {
        self.source = source
        self.bytes = source.lines.first.map { Array($0.text.utf8) } ?? []
    }

    /// All tokens, in order. Refuses a quoted string that is never closed.
    static func tokens(of source: SourceText) throws(FormatError) -> [NginxToken] {
        var tokenizer = NginxTokenizer(source)
        var tokens: [NginxToken] = []
        while let token = try tokenizer.next() { tokens.append(token) }
        return tokens
    }

    private mutating func advanceLine() {
        line += 1
        offset = 0
        bytes = line < source.lines.count ? Array(source.lines[line].text.utf8) : []
    }

    /// The next token, or nil at the end of the file. Refuses a quoted string never closed.
    mutating func next() throws(FormatError) -> NginxToken? {
        while line < source.lines.count {
            guard offset < bytes.count else {
                advanceLine()
                continue
            }
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "#"):
                offset = bytes.count
            case UInt8(ascii: ";"):
                return single(.semicolon, ";")
            case UInt8(ascii: "{"):
                return single(.openBrace, "{")
            case UInt8(ascii: "}"):
                return single(.closeBrace, "}")
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                return try quoted(bytes[offset])
            default:
                return word()
            }
        }
        return nil
    }

    private mutating func single(_ kind: NginxToken.Kind, _ text: String) -> NginxToken {
        let value = ValueToken(text: text, line: line, range: offset..<(offset + 1))
        offset += 1
        return NginxToken(kind: kind, value: value, start: offset - 1, endLine: line, end: offset)
    }

    private static func endsWord(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: ";")
    }

    private mutating func word() -> NginxToken {
        let start = offset
        // Fast path: no escape, so the text is the bytes themselves (no scratch array).
        var end = start
        while end < bytes.count, !Self.endsWord(bytes[end]), bytes[end] != UInt8(ascii: "\\") {
            if bytes[end] == UInt8(ascii: "{"), end == start || bytes[end - 1] != UInt8(ascii: "$") { break }
            end += 1
        }
        if end == bytes.count || bytes[end] != UInt8(ascii: "\\") || end + 1 >= bytes.count {
            if end < bytes.count, bytes[end] == UInt8(ascii: "\\") { end += 1 }  // a trailing `\` is a plain byte
            offset = end
            let value = ValueToken(text: String(decoding: bytes[start..<end], as: UTF8.self), line: line, range: start..<end)
            return NginxToken(kind: .word, value: value, start: start, endLine: line, end: end)
        }
        var text = Array(bytes[start..<end])
        offset = end
        while offset < bytes.count {
            let byte = bytes[offset]
            if Self.endsWord(byte) { break }
            if byte == UInt8(ascii: "{"), text.last != UInt8(ascii: "$") { break }
            if byte == UInt8(ascii: "\\"), offset + 1 < bytes.count {
                text.append(contentsOf: Self.unescape(bytes[offset + 1]))
                offset += 2
                continue
            }
            text.append(byte)
            offset += 1
        }
        let value = ValueToken(text: String(decoding: text, as: UTF8.self), line: line, range: start..<offset, isVerbatim: false)
        return NginxToken(kind: .word, value: value, start: start, endLine: line, end: offset)
    }

    private mutating func quoted(_ quote: UInt8) throws(FormatError) -> NginxToken {
        let startLine = line
        let start = offset
        var text: [UInt8] = []
        var verbatim = true
        offset += 1
        while true {
            if offset >= bytes.count {
                guard line + 1 < source.lines.count else {
                    throw FormatError(line: startLine + 1, "a quoted string opened here is never closed; add the closing \(Character(Unicode.Scalar(quote)))")
                }
                verbatim = false
                text.append(UInt8(ascii: "\n"))
                advanceLine()
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
        return NginxToken(kind: .quoted(Character(Unicode.Scalar(quote))), value: value, start: start, endLine: line, end: offset)
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
