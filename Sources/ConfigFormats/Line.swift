/// One line: its text without the ending, and the ending itself.
public struct Line: Sendable, Equatable {
    public var text: String
    public var ending: LineEnding

    public init(_ text: String, ending: LineEnding = .lf) {
        self.text = text
        self.ending = ending
    }

    /// The leading run of spaces and tabs.
    public var indentation: Substring {
        text.prefix(while: { $0 == " " || $0 == "\t" })
    }

    /// True when the line holds nothing but spaces and tabs.
    public var isBlank: Bool {
        text.allSatisfy { $0 == " " || $0 == "\t" }
    }
}

/// How a line ends. The last line of a file may have no ending.
public enum LineEnding: String, Sendable, Equatable {
    case lf = "\n"
    case crlf = "\r\n"
    case none = ""
}
