/// One word of a haproxy configuration line.
public struct HAProxyWord: Sendable, Equatable {
    /// The logical word (quotes removed, `\ ` escapes resolved) and where it sits; verbatim
    /// only when the bytes are the text itself or one plain quoted string.
    public var token: ValueToken
    /// The word's bytes on the line, quotes and escapes included.
    public var span: Range<Int>

    public init(token: ValueToken, span: Range<Int>) {
        self.token = token
        self.span = span
    }

    public var text: String { token.text }
}
