/// The command line, parsed and validated: what to do and with which options.
public struct Invocation: Sendable {
    public var action: Action
    /// Options with SPEC defaults for everything not given. `plan` has `dryRun` set.
    public var options: Options
    /// For `fanout`: every argument after the word `fanout`, untouched.
    public var passthrough: [String]

    public init(action: Action, options: Options = Options(), passthrough: [String] = []) {
        self.action = action
        self.options = options
        self.passthrough = passthrough
    }

    /// The command to run, or nil for help and version.
    public var command: CommandName? {
        if case .run(let command) = action { return command }
        return nil
    }
}
