#if canImport(Glibc)
import Glibc
#endif

/// The real transport: starts local processes (ssh) as `ChildProcess`es, several at once, each
/// with its own deadline.
///
/// At the deadline the process's stdin pipe is closed (a file as stdin: SIGTERM instead), which
/// makes the remote watchdog hang up the run; if the process has not ended `grace` seconds
/// later it gets SIGTERM, then SIGKILL, and the result says `killed`.
public struct ProcessTransport: FanoutTransport {
    public init() {}

    public func run(_ argv: [String], stdinFile: String?, timeout: Double, grace: Double) -> TransportResult {
        let child: ChildProcess
        do throws(SystemError) {
            child = try ChildProcess(argv, stdinFile: stdinFile)
        } catch {
            return TransportResult(exitCode: 127, launchError: error.description)
        }
        var timedOut = false
        var killed = false
        if !child.wait(seconds: timeout) {
            timedOut = true
            if stdinFile == nil { child.closeStandardInput() } else { child.signal(SIGTERM) }
            if !child.wait(seconds: grace) {
                killed = true
                child.signal(SIGTERM)
                if !child.wait(seconds: 2) {
                    child.signal(SIGKILL)
                    _ = child.wait()
                }
            }
        }
        let (stdout, stderr) = child.output()
        return TransportResult(exitCode: child.exitCode, standardOutput: stdout, standardError: stderr,
                               timedOut: timedOut, killed: killed)
    }
}
