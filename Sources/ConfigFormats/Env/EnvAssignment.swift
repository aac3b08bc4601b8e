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
    /// The value split in words as a shell reads it as a command line (inner quotes removed:
    /// `'--master="http://a"'` gives `--master=http://a`, whose value lies between the inner
    /// quotes and is patched there). Blanks inside `$(…)` do not split. For flag scanning.
    public var shellWords: [ShellWord]
    /// `shellWords` as tokens: each verbatim when it lies in one piece of one line.
    public var words: [ValueToken]
    /// `X` when the whole value is `$X` or `${X}` (the indirection rule: rewrite `X` instead).
    public var variableReference: String?
    /// The variables the value expands (`${MASTER}` in `"--master=${MASTER}"`), in order.
    public var referencedVariables: [String]
    /// True when the shell computes part of the value (`$(hostname)`, backticks, `$((…))`):
    /// the text is the source as written, not what the shell assigns.
    public var isComputed: Bool
    /// Index in the parser's flat text just after the value.
    var valueEnd = 0

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
        self.shellWords = valueWord.splitRemovingInnerQuotes()
        self.words = shellWords.map(\.token)
        self.variableReference = Self.reference(in: value.text)
        self.referencedVariables = quote == .single ? [] : valueWord.referencedVariables
        self.isComputed = valueWord.isComputed
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

// Replacing the whole value, keeping its quotes.
extension EnvAssignment {
    /// A patch that makes the whole value `newValue`, keeping the quotes as they are:
    /// `KEY='old'` → `KEY='new'`, `KEY="old"` → `KEY="new"`, `KEY=` → `KEY=new`, `KEY=""` →
    /// `KEY="new"`. An unquoted value that would need quotes gets double quotes (the only
    /// faithful way to write it). Refuses multi-line or escaped values, and a single-quoted
    /// value that would have to hold `'`.
    public func replacingValue(with newValue: String) throws(FormatError) -> Patch {
        guard value.isVerbatim, line == lastLine else {
            throw FormatError(line: line + 1, "the value of \(key) spans lines or holds escapes; node-reconfig does not rewrite it whole, edit it by hand")
        }
        switch quote {
        case .single:
            guard !newValue.contains("'") else {
                throw FormatError(line: line + 1, "the new value of \(key) holds a single quote and cannot be written inside '…'")
            }
            return try value.patch(with: newValue)
        case .double:
            return try value.patch(with: Self.escapedForDoubleQuotes(newValue))
        case .none:
            if newValue.utf8.allSatisfy(Self.isSafeUnquoted) {
                return try value.patch(with: newValue)
            }
            return try value.patch(with: "\"" + Self.escapedForDoubleQuotes(newValue) + "\"")
        }
    }

    /// `\`, `"`, `$` and `` ` `` escaped with a backslash, as the shell reads `"…"`.
    static func escapedForDoubleQuotes(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "\"" || character == "$" || character == "`" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Bytes a shell leaves alone outside quotes.
    static func isSafeUnquoted(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "_@%+=:,./-".utf8.contains(byte)
        }
    }
}
