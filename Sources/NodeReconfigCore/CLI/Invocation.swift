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

/// The commands of `node-reconfig` (SPEC "Commands").
public enum CommandName: String, Sendable, CaseIterable, Hashable {
    /// The switch-over; the default when the first word is a flag.
    case apply
    /// `apply --dry-run`: prints a unified diff per file, changes nothing.
    case plan
    /// Lists the config files found on this node and the values they hold now.
    case detect
    /// Restores the newest (or the named) backup set.
    case rollback
    /// Lists backup sets.
    case backups
    /// The coordinator; its arguments are passed through untouched.
    case fanout
    /// Usage, per command.
    case help
}

/// What an invocation asks for.
public enum Action: Sendable, Equatable {
    /// Run a command with the parsed options.
    case run(CommandName)
    /// Print help for a command (nil: the overview).
    case help(CommandName?)
    /// Print `Version.string`.
    case version
}

/// What `main.swift` does with a command line: run a command, or print and exit.
public enum CLIOutcome: Sendable {
    /// Run this invocation.
    case run(Invocation)
    /// Print `standardOutput` / `standardError` and exit with `exitCode` (help, version, usage errors).
    case exit(code: Int32, standardOutput: String, standardError: String)

    /// Parses `arguments` (without argv[0]); help and version exit 0, a usage error exits 1
    /// (SPEC "Exit codes": refused, nothing changed) with the rendered error on standard error.
    /// `currentDirectory` makes a relative `--root` absolute.
    public static func resolve(_ arguments: [String],
                               currentDirectory: () throws(SystemError) -> String = CLIParser.unknownCurrentDirectory) -> CLIOutcome {
        do {
            let invocation = try CLIParser.parse(arguments, currentDirectory: currentDirectory)
            switch invocation.action {
            case .help(let command): return .exit(code: 0, standardOutput: HelpText.text(for: command), standardError: "")
            case .version: return .exit(code: 0, standardOutput: Version.string + "\n", standardError: "")
            case .run: return .run(invocation)
            }
        } catch {
            return .exit(code: 1, standardOutput: "", standardError: error.rendered + "\n")
        }
    }
}
