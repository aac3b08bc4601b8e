/// Bad input to `node-reconfig fanout`: printed as `Error: …`, the usage line and a pointer to
/// the help, like every other command; nothing has been run on any host.
public struct FanoutUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The three lines printed on stderr.
    public var rendered: String {
        "Error: \(message)\nUsage: \(HelpText.shortUsage(for: .fanout))\n  See 'node-reconfig fanout --help' for more information.\n"
    }
}
