/// Splits command-line regions of a file into words, the way the program that reads the file
/// does, keeping the position of every piece (see `ShellWord`).
public enum ShellWords {
    /// Whose quoting rules apply.
    public enum Dialect: Sendable {
        /// POSIX shell (env files): `'…'` is literal; inside `"…"` a backslash escapes only
        /// `$`, `` ` ``, `"`, `\` and newline; unquoted, a backslash escapes any character and
        /// backslash-newline is removed. A quote may run past a line end only through a
        /// backslash-newline (a bare newline inside quotes is refused as a probable missing
        /// quote). Command substitution and unquoted operators (`;`, `|`, `&`, `<`, `>`, `(`) are
        /// refused as shell code.
        case shell
        /// systemd (`ExecStart=`, `Environment=`): `'…'` and `"…"` both take C escapes
        /// (`\n`, `\t`, `\\`, `\"`, `\xNN`, …); unquoted, a backslash escapes the next character.
        case systemd
    }

    /// A region of one line: its 0-based index and a UTF-8 range of its text.
    public struct Segment: Sendable, Equatable {
        public var line: Int
        public var range: Range<Int>

        public init(line: Int, range: Range<Int>) {
            self.line = line
            self.range = range
        }
    }

    /// The words of `segments` (regions of `source`'s lines, read as if joined by one space,
    /// which is how systemd joins `\` continuation lines).
    public static func split(_ segments: [Segment], of source: SourceText, dialect: Dialect) throws(FormatError) -> [ShellWord] {
        let flat = FlatText(segments: segments, of: source, separator: 0x20)
        let lexer = ShellLexer(flat: flat, dialect: dialect)
        var words: [ShellWord] = []
        var index = lexer.skipBlanks(from: 0)
        while index < flat.count {
            let (word, next) = try lexer.readWord(from: index)
            words.append(word)
            index = lexer.skipBlanks(from: next)
        }
        return words
    }

    /// The words of one whole line of `source`.
    public static func split(line: Int, of source: SourceText, dialect: Dialect) throws(FormatError) -> [ShellWord] {
        try split([Segment(line: line, range: 0..<source.lines[line].text.utf8.count)], of: source, dialect: dialect)
    }
}
