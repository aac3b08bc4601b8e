/// One lexical token of an nginx configuration: a word, a quoted string, `;`, `{` or `}`.
///
/// `value` holds the logical text (quotes removed, escapes resolved) and where it sits; the
/// token's own bytes (quotes included) run from `start` on `value.line` to `end` on `endLine`.
public struct NginxToken: Sendable, Equatable {
    /// What kind of token this is.
    public enum Kind: Sendable, Equatable {
        /// An unquoted word (`server`, `192.168.1.1:6443`, `$remote_addr`, `max_fails=3`).
        case word
        /// A `"…"` or `'…'` string; the payload is the quote character.
        case quoted(Character)
        /// `;`, ending a simple directive.
        case semicolon
        /// `{`, opening a block.
        case openBrace
        /// `}`, closing a block.
        case closeBrace
    }

    public var kind: Kind
    /// The logical text and its position (inside the quotes for a quoted string).
    public var value: ValueToken
    /// UTF-8 offset of the token's first byte (the opening quote, if any) on `value.line`.
    public var start: Int
    /// 0-based line of the token's last byte (a quoted string may span lines).
    public var endLine: Int
    /// UTF-8 offset just past the token's last byte on `endLine`.
    public var end: Int

    public init(kind: Kind, value: ValueToken, start: Int, endLine: Int, end: Int) {
        self.kind = kind
        self.value = value
        self.start = start
        self.endLine = endLine
        self.end = end
    }
}
