/// An nginx file in compact form: every token as a byte range of the source, every directive
/// as indexes into the tokens, depth first in file order. 8 bytes a token and 20 a directive,
/// where a tree of `NginxDirective`s with their `NginxToken`s cost ~450 bytes a server line:
/// a 50 MB pool now parses in a fraction of its own size. `NginxConfig` builds its public
/// views (`directives`, `tokens`, pool servers) from this on demand.
struct NginxSyntax: Sendable {
    /// A token's bytes (quotes included) in `source.bytes`.
    struct Span: Sendable {
        var start: UInt32
        var end: UInt32
    }

    /// One directive: its name token, the arguments right after it, then its `;` or `{`.
    struct Node: Sendable {
        /// Index of the name token.
        var name: UInt32
        var argumentCount: UInt32
        /// Index of the first directive after this one's block (itself + 1 for a simple one).
        var subtreeEnd: UInt32
        /// Index of the `}` token, or `Node.none` for a simple directive.
        var closingBrace: UInt32
        /// 0-based line of the name token.
        var line: UInt32

        static let none = UInt32.max

        var terminator: Int { Int(name) + Int(argumentCount) + 1 }
        var hasBlock: Bool { closingBrace != Self.none }
    }

    let source: SourceText
    let spans: [Span]
    let nodes: [Node]

    /// The directives directly inside `parent`'s block (the top level for nil), in order.
    func children(of parent: Int?) -> [Int] {
        var result: [Int] = []
        var index = parent.map { $0 + 1 } ?? 0
        let end = parent.map { Int(nodes[$0].subtreeEnd) } ?? nodes.count
        while index < end {
            result.append(index)
            index = Int(nodes[index].subtreeEnd)
        }
        return result
    }

    /// What kind of token `index` is, read from its first byte.
    func kind(ofToken index: Int) -> NginxToken.Kind {
        switch source.bytes[Int(spans[index].start)] {
        case UInt8(ascii: ";"): return .semicolon
        case UInt8(ascii: "{"): return .openBrace
        case UInt8(ascii: "}"): return .closeBrace
        case let quote where Self.isQuote(quote):
            return .quoted(Character(Unicode.Scalar(quote)))
        default: return .word
        }
    }

    /// True when `byte` opens a quoted string.
    static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// True when token `index`'s text is `word`: compared on the bytes when the token is a plain
    /// word (no `String` is made for the usual case), on its text when it is quoted or escaped.
    func token(_ index: Int, is word: String) -> Bool {
        let span = spans[index]
        let range = Int(span.start)..<Int(span.end)
        var word = word
        let plain: Bool? = word.withUTF8 { wanted in
            source.bytes.withUnsafeBufferPointer { bytes in
                let raw = UnsafeBufferPointer(rebasing: bytes[range])
                if Self.isQuote(raw[0]) { return nil }
                if raw.elementsEqual(wanted) { return true }
                return raw.contains(UInt8(ascii: "\\")) ? nil : false
            }
        }
        return plain ?? (text(ofToken: index).text == word)
    }

    /// The address token `index` holds, read from its bytes when it is a plain word.
    func address(ofToken index: Int) -> Address {
        let span = spans[index]
        let range = Int(span.start)..<Int(span.end)
        let plain: Address? = source.bytes.withUnsafeBufferPointer { bytes in
            let raw = UnsafeBufferPointer(rebasing: bytes[range])
            guard !Self.isQuote(raw[0]) && !raw.contains(UInt8(ascii: "\\")) else { return nil }
            return Address(utf8: raw)
        }
        return plain ?? Address(parsing: Substring(text(ofToken: index).text))
    }

    /// Token `index` with its text and positions relative to its lines.
    func token(_ index: Int, lineHint: Int) -> NginxToken {
        let span = spans[index]
        let start = Int(span.start)
        let end = Int(span.end)
        let line = source.line(containing: start, from: lineHint)
        let endLine = source.line(containing: end - 1, from: line)
        let lineStart = source.startOffset(ofLine: line)
        let kind = kind(ofToken: index)
        let (text, verbatim) = text(ofToken: index)
        let range: Range<Int>
        if case .quoted = kind {
            range = (start - lineStart + 1)..<(endLine == line ? end - lineStart - 1 : start - lineStart + 1)
        } else {
            range = (start - lineStart)..<(end - lineStart)
        }
        let value = ValueToken(text: text, line: line, range: range, isVerbatim: verbatim)
        return NginxToken(kind: kind, value: value, start: start - lineStart, endLine: endLine, end: end - source.startOffset(ofLine: endLine))
    }

    /// Directive `index` with its block, as the public tree type.
    func directive(_ index: Int) -> NginxDirective {
        let node = nodes[index]
        let line = Int(node.line)
        let first = Int(node.name)
        let arguments = (first + 1)..<node.terminator
        var directive = NginxDirective(name: token(first, lineHint: line), arguments: arguments.map { token($0, lineHint: line) },
                                       terminator: token(node.terminator, lineHint: line))
        if node.hasBlock {
            directive.block = children(of: index).map { self.directive($0) }
            directive.closingBrace = token(Int(node.closingBrace), lineHint: line)
        }
        return directive
    }
}
