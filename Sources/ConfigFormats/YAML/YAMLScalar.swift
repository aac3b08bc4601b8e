/// A scalar on one line: its value as a `ValueToken` and the quote style it is written in.
public struct YAMLScalar: Sendable, Equatable {
    /// How the scalar is quoted in the file.
    public enum Style: Sendable, Equatable {
        case plain
        case singleQuoted
        case doubleQuoted
        /// The content line of a `|-` / `>-` block scalar holding one line.
        case block

        /// True when `value` can be written in this style without escaping, so that a reader
        /// gets back exactly `value`.
        public func canHold(_ value: String) -> Bool {
            if value.contains(where: { $0.isNewline || $0 == "\t" || ($0.asciiValue ?? 0x20) < 0x20 }) { return false }
            switch self {
            case .doubleQuoted:
                return !value.contains("\"") && !value.contains("\\")
            case .singleQuoted:
                return !value.contains("'")
            case .block:
                return !value.isEmpty && value.first != " " && value.first != "#"
            case .plain:
                guard let first = value.first, let last = value.last else { return false }
                if "[]{}#&*!|>'\"%@`,".contains(first) || first == " " || last == " " || last == ":" { return false }
                if (first == "-" || first == "?" || first == ":") && (value.count == 1 || value.dropFirst().first == " ") { return false }
                return !value.contains(": ") && !value.contains(" #")
            }
        }
    }

    public var style: Style
    /// The value (quotes removed) and its position (inside the quotes).
    public var token: ValueToken

    public init(style: Style, token: ValueToken) {
        self.style = style
        self.token = token
    }

    /// The logical value.
    public var text: String { token.text }

    /// The patch that sets this scalar to `value` in the same quote style. Refuses a value that
    /// the style cannot hold without escapes, and a scalar written with escapes.
    public func patch(with value: String) throws(FormatError) -> Patch {
        guard style.canHold(value) else {
            throw FormatError(line: token.line + 1, "the value '\(value)' cannot be written in this scalar's quote style without escapes; edit it by hand")
        }
        return try token.patch(with: value)
    }
}
