/// One `Key=value` setting of a unit, its value possibly continued over `\` lines.
public struct SystemdEntry: Sendable, Equatable {
    /// The section without brackets: `Service`.
    public var section: String
    public var key: String
    /// 0-based line of the key.
    public var line: Int
    /// 0-based line where the value ends (the last continuation line).
    public var lastLine: Int
    /// The regions of the lines that make up the value: the first after `=` and leading blanks,
    /// then each continuation line; continuation backslashes and comment lines are left out.
    public var segments: [ShellWords.Segment]
    /// The logical value split into words as systemd splits command lines (quotes removed,
    /// C escapes resolved), with positions.
    public var shellWords: [ShellWord]

    public init(section: String, key: String, line: Int, lastLine: Int, segments: [ShellWords.Segment], shellWords: [ShellWord]) {
        self.section = section
        self.key = key
        self.line = line
        self.lastLine = lastLine
        self.segments = segments
        self.shellWords = shellWords
    }

    /// The words as tokens; a word written with quotes inside it (`--f="v"`) or escapes is not
    /// verbatim here, so scan `shellWords` to reach values inside quotes.
    public var words: [ValueToken] {
        shellWords.map(\.token)
    }
}
