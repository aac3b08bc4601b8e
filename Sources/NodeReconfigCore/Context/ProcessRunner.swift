/// An external command as a value: the program and its arguments. Built by small namespaces
/// (`Systemctl.restart("kubelet")`, `Validator.nginx(config:)`) and run in one place.
public struct ExternalCommand: Sendable, Equatable, CustomStringConvertible {
    public var program: String
    public var arguments: [String]

    public init(_ program: String, _ arguments: [String]) {
        self.program = program
        self.arguments = arguments
    }

    public var description: String { ([program] + arguments).joined(separator: " ") }
}

/// What a finished command left behind: the one result of every process node-reconfig starts
/// (`ProcessRunner` for services and validators, `FanoutTransport` for ssh).
public struct ProcessResult: Sendable, Equatable {
    /// The exit code, or 128 + the signal that ended it; 124 when killed at its timeout, 130
    /// when abandoned, 127 when the program was not found.
    public var exitCode: Int32
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]
    /// The timeout passed (a hung-up fanout run: the remote side was told to hang up).
    public var timedOut: Bool
    /// It had to be killed: at its timeout or when abandoned; for a hung-up fanout run, ssh did
    /// not end within the grace period, so nothing confirms the remote run ended.
    public var killed: Bool
    /// The program could not be started at all (fanout reports it as such).
    public var launchError: String?

    public init(exitCode: Int32, standardOutput: [UInt8] = [], standardError: [UInt8] = [],
                timedOut: Bool = false, killed: Bool = false, launchError: String? = nil) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timedOut = timedOut
        self.killed = killed
        self.launchError = launchError
    }

    public var succeeded: Bool { exitCode == 0 }
    public var output: String { String(decoding: standardOutput, as: UTF8.self) }
    public var errorOutput: String { String(decoding: standardError, as: UTF8.self) }
}

/// Runs external commands. The only place node-reconfig starts a process.
public protocol ProcessRunner: Sendable {
    /// Runs `command` to completion (or until `timeout` seconds, then kills it and returns
    /// exit code 124). `nil` from `locate` means the program is not installed.
    func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult
    /// Like `run(_:timeout:)`, but the command is killed as soon as `abandonWhen` turns true
    /// (an operator's Ctrl-C while a restart hangs), returning exit code 130.
    func run(_ command: ExternalCommand, timeout: Double?, abandonWhen: @escaping @Sendable () -> Bool) throws(SystemError) -> ProcessResult
    /// The absolute path of `program` on PATH, or nil.
    func locate(_ program: String) -> String?
}

extension ProcessRunner {
    /// Runners that cannot abandon a command (test fakes) run it to the end.
    public func run(_ command: ExternalCommand, timeout: Double?, abandonWhen: @escaping @Sendable () -> Bool) throws(SystemError) -> ProcessResult {
        try run(command, timeout: timeout)
    }
}
