/// How a written file is checked by the real program before any reload (SPEC "Safety" 6): a
/// value its kind's handler gives (`Validation.nginx`), run by the transaction where the program
/// is installed.
public struct Validation: Sendable, Equatable {
    /// A second check when the first failed for a known, fixable reason.
    public struct Retry: Sendable, Equatable {
        /// Text in the first check's stderr that asks for the retry.
        public var when: String
        /// Arguments appended to the check for the retry.
        public var extra: [String]
    }

    /// Stands for the written file's path in `arguments`.
    public static let file = "{file}"

    /// The program, looked for on PATH (or a path: a load balancer's own binary its unit names).
    public var program: String
    /// The program on PATH to run when `program` is a path this machine does not have (a unit's
    /// binary missing under a `--root`).
    public var alternative: String?
    /// Its arguments, with `Validation.file` where the file's path goes.
    public var arguments: [String]
    public var retry: Retry?
    /// Text in a failed check's stderr saying the syntax passed, the rest failing on paths named
    /// in the file (log, pid or certificate files). Under a `--root` other than `/` those paths
    /// name the host's files, not the node root's, so only the syntax verdict means something.
    public var syntaxPassed: String?
    /// Words that mark the line of stderr that tells most (`emerg`, `ALERT`); else its last line.
    public var telling: [String]

    public init(program: String, arguments: [String], retry: Retry? = nil, syntaxPassed: String? = nil, telling: [String] = [],
                alternative: String? = nil) {
        self.program = program
        self.alternative = alternative
        self.arguments = arguments
        self.retry = retry
        self.syntaxPassed = syntaxPassed
        self.telling = telling
    }

    /// The program's name for messages (`nginx`, also for `/approot/bin/nginx`).
    public var name: String { PathMath.basename(program) }

    /// The check for the configuration at `path`, run with `located` (the program found on PATH).
    public func command(for path: String, program located: String? = nil) -> ExternalCommand {
        ExternalCommand(located ?? program, arguments.map { $0 == Self.file ? path : $0 })
    }

    /// The retry after a first check that failed with `errorOutput`; nil when none is due.
    public func retry(for path: String, program located: String? = nil, after errorOutput: String) -> ExternalCommand? {
        guard let retry, errorOutput.contains(retry.when) else { return nil }
        var command = command(for: path, program: located)
        command.arguments += retry.extra
        return command
    }

    /// Whether a failed check got past the syntax (see `syntaxPassed`).
    public func passedSyntax(_ errorOutput: String) -> Bool {
        syntaxPassed.map { errorOutput.contains($0) } ?? false
    }

    /// The line of a failed check's stderr to show the operator.
    public func detail(of errorOutput: String) -> String {
        let lines = errorOutput.split(separator: "\n")
        return String(lines.first { line in telling.contains { line.contains($0) } } ?? lines.last ?? "")
    }
}
