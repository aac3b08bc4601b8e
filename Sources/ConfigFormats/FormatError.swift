/// A file that cannot be parsed, or an edit that cannot be made safely.
///
/// Formats know no paths; the core adds the path when it reports the error as `path:line: message`.
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number where the problem is.
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }

    /// The message with a path: `path:line: message`, the shape editors and grep understand.
    public func located(in path: String) -> String {
        "\(path):\(line): \(message)"
    }
}
