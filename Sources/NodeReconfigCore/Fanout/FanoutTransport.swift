/// Runs local commands for the fanout. The real one (`ProcessTransport`) starts processes
/// concurrently; tests give a fake.
public protocol FanoutTransport: Sendable {
    /// Runs `argv` (`argv[0]` looked up on PATH) with `stdinFile` (or an open pipe that is closed
    /// at `timeout`) and waits; after a timeout waits `grace` more seconds before killing it.
    /// `timedOut`, `killed` and `launchError` of the result say how it ended.
    func run(_ argv: [String], stdinFile: String?, timeout: Double, grace: Double) -> ProcessResult
}
