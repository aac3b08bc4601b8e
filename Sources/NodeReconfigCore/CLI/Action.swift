/// What an invocation asks for.
public enum Action: Sendable, Equatable {
    /// Run a command with the parsed options.
    case run(CommandName)
    /// Print help for a command (nil: the overview).
    case help(CommandName?)
    /// Print `Version.string`.
    case version
}
