/// A command line node-reconfig refuses, rendered in swift-argument-parser's shape:
///
///     Error: Unknown option '--etc'
///     Did you mean '--etcd'?
///     Usage: node-reconfig apply [--master=URL] [--etcd=URL,...] ...
///       See 'node-reconfig apply --help' for more information.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence after `Error: `.
    public var message: String
    /// An extra line such as `Did you mean '--etcd'?`.
    public var hint: String?
    /// The command whose usage is shown; nil for the top-level usage.
    public var command: CommandName?

    public init(_ message: String, hint: String? = nil, command: CommandName?) {
        self.message = message
        self.hint = hint
        self.command = command
    }

    /// A refused value, with the command's usage.
    public init(_ error: ValueError, command: CommandName?) {
        self.init(error.message, command: command)
    }

    /// The text for standard error, without a final newline.
    public var rendered: String {
        var lines = ["Error: \(message)"]
        if let hint { lines.append(hint) }
        lines.append("Usage: \(HelpText.shortUsage(for: command))")
        let help = command.map { "node-reconfig \($0.rawValue) --help" } ?? "node-reconfig --help"
        lines.append("  See '\(help)' for more information.")
        return lines.joined(separator: "\n")
    }

    public var description: String { rendered }
}
