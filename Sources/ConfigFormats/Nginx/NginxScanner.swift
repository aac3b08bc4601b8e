/// Reads an nginx file into `NginxSyntax` in one pass over its bytes, the way nginx's own
/// reader splits it: `#` at the start of a token comments out the rest of the line; a word ends
/// at a space, tab, CR, line break or `;`, and at a `{` unless that follows a `$` (`${var}`);
/// `"…"` and `'…'` strings may span lines and take `\` escapes (a `\` at the end of a line is a
/// plain byte). Refuses what nginx would refuse structurally: a `}` with no open block, a block
/// never closed, a directive with no `;`, a stray `;` or `{`, a string never closed.
struct NginxScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 0
    private var spans: [NginxSyntax.Span] = []
    private var nodes: [NginxSyntax.Node] = []
    /// First token of the directive being read, and its line.
    private var pending: (token: Int, line: Int)?
    /// The block directives open here, innermost last.
    private var open: [Int] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Room for a server line's worth of tokens per ~12 bytes: reserved, not touched.
        spans.reserveCapacity(bytes.count / 10 + 16)
        nodes.reserveCapacity(bytes.count / 40 + 16)
    }

    static func scan(_ source: SourceText) throws(FormatError) -> NginxSyntax {
        let result: Result<([NginxSyntax.Span], [NginxSyntax.Node]), FormatError> = source.bytes.withUnsafeBufferPointer { buffer in
            var scanner = NginxScanner(buffer)
            do throws(FormatError) {
                try scanner.run()
                return .success((scanner.spans, scanner.nodes))
            } catch {
                return .failure(error)
            }
        }
        let (spans, nodes) = try result.get()
        return NginxSyntax(source: source, spans: spans, nodes: nodes)
    }

    private mutating func run() throws(FormatError) {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x0A:
                line += 1
                offset += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0D:
                offset += 1
            case UInt8(ascii: "#"):
                while offset < bytes.count, bytes[offset] != 0x0A { offset += 1 }
            case UInt8(ascii: ";"):
                try semicolon()
            case UInt8(ascii: "{"):
                try openBrace()
            case UInt8(ascii: "}"):
                try closeBrace()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                try quoted()
            default:
                word()
            }
        }
        if let pending {
            throw FormatError(line: pending.line + 1, "directive '\(name(pending.token))' has no ending ';' at the end of the file; add the ';'")
        }
        if let opener = open.last {
            throw FormatError(line: Int(nodes[opener].line) + 1, "block '\(name(Int(nodes[opener].name)))' opened here is never closed; add the missing '}'")
        }
    }

    private mutating func single() -> Int {
        spans.append(NginxSyntax.Span(start: UInt32(offset), end: UInt32(offset + 1)))
        offset += 1
        return spans.count - 1
    }

    private mutating func semicolon() throws(FormatError) {
        guard let first = pending else {
            throw FormatError(line: line + 1, "unexpected ';' with no directive before it; remove it")
        }
        let terminator = single()
        nodes.append(NginxSyntax.Node(name: UInt32(first.token), argumentCount: UInt32(terminator - first.token - 1),
                                      subtreeEnd: UInt32(nodes.count + 1), closingBrace: NginxSyntax.Node.none, line: UInt32(first.line)))
        pending = nil
    }

    private mutating func openBrace() throws(FormatError) {
        guard let first = pending else {
            throw FormatError(line: line + 1, "unexpected '{' with no directive name before it; remove it or name the block")
        }
        let terminator = single()
        open.append(nodes.count)
        nodes.append(NginxSyntax.Node(name: UInt32(first.token), argumentCount: UInt32(terminator - first.token - 1),
                                      subtreeEnd: 0, closingBrace: 0, line: UInt32(first.line)))
        pending = nil
    }

    private mutating func closeBrace() throws(FormatError) {
        if let pending {
            throw FormatError(line: pending.line + 1, "directive '\(name(pending.token))' has no ending ';' before '}'; add the ';'")
        }
        guard let opener = open.popLast() else {
            throw FormatError(line: line + 1, "unexpected '}': no block is open here; remove it or add the missing '{'")
        }
        nodes[opener].closingBrace = UInt32(single())
        nodes[opener].subtreeEnd = UInt32(nodes.count)
    }

    /// Records a word or string token as part of the pending directive.
    private mutating func append(_ start: Int, line startLine: Int) {
        spans.append(NginxSyntax.Span(start: UInt32(start), end: UInt32(offset)))
        if pending == nil { pending = (spans.count - 1, startLine) }
    }

    /// True when a line ending (`\n`, or the `\r\n` pair) starts at `index`, or the file ends.
    private func atLineEnd(_ index: Int) -> Bool {
        index >= bytes.count || bytes[index] == 0x0A || (bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A)
    }

    private mutating func word() {
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0D || byte == 0x0A || byte == UInt8(ascii: ";") { break }
            if byte == UInt8(ascii: "{"), offset == start || bytes[offset - 1] != UInt8(ascii: "$") { break }
            if byte == UInt8(ascii: "\\"), !atLineEnd(offset + 1) {
                offset += 2
                continue
            }
            offset += 1
        }
        append(start, line: line)
    }

    private mutating func quoted() throws(FormatError) {
        let quote = bytes[offset]
        let start = offset
        let startLine = line
        offset += 1
        while true {
            if atLineEnd(offset) {
                let next = offset < bytes.count ? offset + (bytes[offset] == 0x0A ? 1 : 2) : offset
                guard next < bytes.count else {
                    throw FormatError(line: startLine + 1, "a quoted string opened here is never closed; add the closing \(Character(Unicode.Scalar(quote)))")
                }
                line += 1
                offset = next
                continue
            }
            let byte = bytes[offset]
            if byte == quote { break }
            offset += byte == UInt8(ascii: "\\") && !atLineEnd(offset + 1) ? 2 : 1
        }
        offset += 1
        append(start, line: startLine)
    }

    /// The text of token `index` for an error message.
    private func name(_ index: Int) -> String {
        let span = spans[index]
        return NginxSyntax.text(of: Int(span.start)..<Int(span.end), in: bytes).text
    }
}
