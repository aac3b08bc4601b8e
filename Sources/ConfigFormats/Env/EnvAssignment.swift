/// One `KEY=value` (or `export KEY=value`) line of an env file.
public struct EnvAssignment: Sendable, Equatable {
    /// How the value is quoted, judged by its first character.
    public enum Quote: Sendable, Equatable {
        case none
        /// `'…'`
        case single
        /// `"…"`
        case double
    }

    public var key: String
    /// True for `export KEY=…`.
    public var isExported: Bool
    public var quote: Quote
    /// 0-based line of the key.
    public var line: Int
    /// 0-based line where the value ends (differs from `line` for multi-line values).
    public var lastLine: Int
    /// The whole logical value, inside the quotes. Verbatim (patchable) only when it is on one
    /// line, in one quoting, without escapes. Empty values sit at their position (`KEY=` → after
    /// `=`; `KEY=""` → between the quotes).
    public var value: ValueToken
    /// The value with every piece's position, for finer edits.
    public var valueWord: ShellWord
    /// The value split on whitespace, as `$KEY` expands unquoted in a unit or script: each word
    /// verbatim when it lies on one line without escapes (also in multi-line `"…\` values).
    public var words: [ValueToken]
    /// `X` when the whole value is `$X` or `${X}` (the indirection rule: rewrite `X` instead).
    public var variableReference: String?

    public init(key: String, isExported: Bool, quote: Quote, line: Int, lastLine: Int, valueWord: ShellWord, valueStart: Int) {
        self.key = key
        self.isExported = isExported
        self.quote = quote
        self.line = line
        self.lastLine = lastLine
        self.valueWord = valueWord
        if valueWord.parts.isEmpty {
            self.value = ValueToken(text: "", line: line, range: valueStart..<valueStart)
        } else {
            self.value = valueWord.token
        }
        self.words = valueWord.splitOnWhitespace().map(\.token)
        self.variableReference = Self.reference(in: value.text)
    }

    /// `X` for `$X` or `${X}` with X a shell identifier.
    public static func reference(in text: String) -> String? {
        guard text.hasPrefix("$") else { return nil }
        var name = text.dropFirst()
        if name.hasPrefix("{") {
            guard name.hasSuffix("}") else { return nil }
            name = name.dropFirst().dropLast()
        }
        return EnvFile.isIdentifier(name) ? String(name) : nil
    }
}
