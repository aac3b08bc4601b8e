/// A configuration written as statements, one a line, that may open `{ … }` blocks of further
/// statements: CoreDNS's Corefile (Caddyfile syntax) and keepalived.conf. Read for their words
/// with exact positions; rendering gives back the bytes.
///
/// A statement is the words of one line up to a `{` (which opens its block), a `}` (which closes
/// the enclosing block) or the line's end. A `{` starting a line opens the block of the statement
/// just before it (`vrrp_instance VI_1` then `{` on the next line). A comment runs from a word
/// starting with a comment character to the end of the line. `"…"` quotes a word (with `\"` and
/// `\\` escapes) and ends on its own line. Refused, with the 1-based line: a `}` that closes no
/// block, a block never closed, a quote never closed, a `{` with no statement to open.
public struct BlockConfig: Sendable {
    /// How the two formats differ.
    public struct Syntax: Sendable {
        /// Bytes that start a comment where a word starts.
        public var commentStarts: [UInt8]
        /// True when `{` and `}` stand alone even written against a word (keepalived reads
        /// `track_script {chk}` as three tokens); false when only the words `{` and `}` are braces
        /// (a Caddyfile placeholder `{$ENV}` is a word).
        public var splitsBraces: Bool

        /// CoreDNS: `#` comments; `{$VAR}` and `{env.X}` are words.
        public static let corefile = Syntax(commentStarts: [UInt8(ascii: "#")], splitsBraces: false)
        /// keepalived: `#` and `!` comments; braces are always tokens.
        public static let keepalived = Syntax(commentStarts: [UInt8(ascii: "#"), UInt8(ascii: "!")], splitsBraces: true)
    }

    /// One statement: its words and, when it opens one, its block.
    public struct Statement: Sendable {
        /// The words, quotes removed; verbatim (patchable) unless written with escapes.
        public var words: [ValueToken]
        /// 0-based line of the first word.
        public var line: Int
        /// The statements inside its `{ … }`, or nil when it opens no block.
        public var block: [Statement]?
        /// 0-based line of the `}` closing its block.
        public var closingLine: Int?

        /// The first word (`kubernetes`, `virtual_ipaddress`), or "" for a bare block.
        public var name: String { words.first?.text ?? "" }

        /// The words after the first.
        public var arguments: ArraySlice<ValueToken> { words.dropFirst() }

        /// This statement and every statement inside its block, depth first, in file order.
        public func visit(_ body: (Statement, _ parents: [Statement]) -> Void, parents: [Statement] = []) {
            body(self, parents)
            for child in block ?? [] { child.visit(body, parents: parents + [self]) }
        }
    }

    /// The file as it was read.
    public let source: SourceText
    /// The top-level statements, in file order.
    public let statements: [Statement]

    public init(_ source: SourceText, syntax: Syntax) throws(FormatError) {
        self.source = source
        var reader = BlockReader(source: source, syntax: syntax)
        self.statements = try reader.read()
    }

    /// The file's bytes, unchanged.
    public func render() -> [UInt8] {
        source.bytes
    }

    /// Every statement named `name` at any depth, with the statements enclosing it (outermost
    /// first), in file order.
    public func statements(named name: String) -> [(statement: Statement, parents: [Statement])] {
        var found: [(Statement, [Statement])] = []
        for statement in statements {
            statement.visit { candidate, parents in
                if candidate.name == name { found.append((candidate, parents)) }
            }
        }
        return found
    }
}

/// The one pass that reads a `BlockConfig`: words per line, braces into a tree.
private struct BlockReader {
    let source: SourceText
    let syntax: BlockConfig.Syntax

    /// Blocks being read, innermost last: the statements read so far in each, and the index of
    /// the statement (in the enclosing level) that opened it.
    private var levels: [[BlockConfig.Statement]] = [[]]
    private var openers: [BlockConfig.Statement] = []

    init(source: SourceText, syntax: BlockConfig.Syntax) {
        self.source = source
        self.syntax = syntax
    }

    private enum Token {
        case word(ValueToken)
        case open(Int)
        case close(Int)
    }

    mutating func read() throws(FormatError) -> [BlockConfig.Statement] {
        for index in 0..<source.lineCount {
            var words: [ValueToken] = []
            var lineStart = true
            for token in try tokens(ofLine: index) {
                switch token {
                case .word(let word):
                    words.append(word)
                case .open(let column):
                    if words.isEmpty {
                        // `{` opening the block of the statement before it (keepalived, Caddy).
                        guard lineStart, let last = levels[levels.count - 1].popLast(), last.block == nil else {
                            throw FormatError(line: index + 1, "a '{' at column \(column + 1) that belongs to no statement")
                        }
                        openers.append(last)
                    } else {
                        openers.append(BlockConfig.Statement(words: words, line: words[0].line, block: nil))
                        words = []
                    }
                    levels.append([])
                case .close:
                    flush(&words)
                    guard var opener = openers.popLast(), let inner = levels.popLast() else {
                        throw FormatError(line: index + 1, "a '}' that closes no block")
                    }
                    opener.block = inner
                    opener.closingLine = index
                    levels[levels.count - 1].append(opener)
                }
                lineStart = false
            }
            flush(&words)
        }
        if let unclosed = openers.last {
            throw FormatError(line: unclosed.line + 1, "the block opened here is never closed (a '}' is missing)")
        }
        return levels[0]
    }

    private mutating func flush(_ words: inout [ValueToken]) {
        guard !words.isEmpty else { return }
        levels[levels.count - 1].append(BlockConfig.Statement(words: words, line: words[0].line, block: nil))
        words = []
    }

    /// The words and braces of one line, comments left out.
    private func tokens(ofLine index: Int) throws(FormatError) -> [Token] {
        let range = source.textRange(ofLine: index)
        let bytes = Array(source.bytes[range])
        var tokens: [Token] = []
        var i = 0
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        func isBrace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") }
        while i < bytes.count {
            let byte = bytes[i]
            if isBlank(byte) {
                i += 1
                continue
            }
            if syntax.commentStarts.contains(byte) { break }
            if byte == UInt8(ascii: "\"") {
                var text: [UInt8] = []
                var escaped = false
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
                    if bytes[j] == UInt8(ascii: "\\"), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "\"") || bytes[j + 1] == UInt8(ascii: "\\") {
                        escaped = true
                        j += 1
                    }
                    text.append(bytes[j])
                    j += 1
                }
                guard j < bytes.count else {
                    throw FormatError(line: index + 1, "a quoted word that is not closed on its line")
                }
                tokens.append(.word(ValueToken(text: String(decoding: text, as: UTF8.self), line: index,
                                               range: (i + 1)..<j, isVerbatim: !escaped)))
                i = j + 1
                continue
            }
            var j = i
            while j < bytes.count, !isBlank(bytes[j]), !(syntax.splitsBraces && isBrace(bytes[j])) { j += 1 }
            if j == i {
                // A brace on its own (keepalived splits them off any word).
                tokens.append(byte == UInt8(ascii: "{") ? .open(i) : .close(i))
                i += 1
                continue
            }
            if j == i + 1, isBrace(byte) {
                tokens.append(byte == UInt8(ascii: "{") ? .open(i) : .close(i))
            } else {
                tokens.append(.word(ValueToken(text: String(decoding: bytes[i..<j], as: UTF8.self), line: index, range: i..<j)))
            }
            i = j
        }
        return tokens
    }
}
