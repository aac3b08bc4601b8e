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
