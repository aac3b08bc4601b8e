/// How a local `ssh` process ended.
public struct TransportResult: Sendable, Equatable {
    public var exitCode: Int32
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]
    /// The deadline passed and the remote side was told to hang up.
    public var timedOut: Bool
    /// After a timeout: ssh did not end within the grace period and was killed, so nothing
    /// confirms the remote run ended.
    public var killed: Bool
    /// The program could not be started at all.
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
}

/// Runs local commands for the fanout. The real one (`ProcessTransport`) starts processes
/// concurrently; tests give a fake.
public protocol FanoutTransport: Sendable {
    /// Runs `argv` (`argv[0]` looked up on PATH) with `stdinFile` (or an open pipe that is closed
    /// at `timeout`) and waits; after a timeout waits `grace` more seconds before killing it.
    func run(_ argv: [String], stdinFile: String?, timeout: Double, grace: Double) -> TransportResult
}
