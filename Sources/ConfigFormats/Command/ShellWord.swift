/// One word of a shell or systemd command line, as the program will receive it, with where each
/// piece of it sits in the file.
///
/// A word is made of `parts`: runs of bytes copied verbatim from one line (unquoted or inside
/// quotes) and single characters produced by escapes (`\"`, a removed backslash-newline leaves
/// no part at all). The quotes themselves are never part of the text. Anything that lies within
/// one verbatim part can be patched in place; see `token(for:)`.
public struct ShellWord: Sendable, Equatable {
    /// A piece of a word.
    public struct Part: Sendable, Equatable {
        /// The logical text of this piece.
        public var text: String
        /// 0-based line of the piece.
        public var line: Int
        /// UTF-8 offsets in that line. For a verbatim part, `text` sits exactly there.
        public var range: Range<Int>
        /// True when `text` appears byte for byte at `range`.
        public var isVerbatim: Bool
        /// True when the piece was inside `'…'` or `"…"`.
        public var isQuoted: Bool

        public init(text: String, line: Int, range: Range<Int>, isVerbatim: Bool, isQuoted: Bool) {
            self.text = text
            self.line = line
            self.range = range
            self.isVerbatim = isVerbatim
            self.isQuoted = isQuoted
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// A word that is one plain token (from a format without shell quoting, e.g. YAML items).
    public init(token: ValueToken) {
        self.parts = [Part(text: token.text, line: token.line, range: token.range, isVerbatim: token.isVerbatim, isQuoted: false)]
    }

    /// The word as the program receives it: quotes removed, escapes resolved.
    public var text: String {
        parts.map(\.text).joined()
    }

    /// The whole word as a token: verbatim only when it lies in one verbatim part.
    public var token: ValueToken {
        token(for: 0..<text.utf8.count)
    }

    /// True when any piece of the word was quoted.
    public var isQuoted: Bool {
        parts.contains(where: \.isQuoted)
    }
}
