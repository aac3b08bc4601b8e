/// The real transport: starts local processes (ssh) through `ChildProcess`, several at once
/// (one per fanout host thread), each with its own deadline.
///
/// At the deadline the process's stdin pipe is closed (a file as stdin: SIGTERM instead), which
/// makes the remote watchdog hang up the run; if the process has not ended `grace` seconds
/// later it gets SIGTERM, then SIGKILL, and the result says `killed`. Output is read until end
/// of file, for at most 5 s after ssh ended (a grandchild may still hold the pipes).
public struct ProcessTransport: FanoutTransport {
    public init() {}

    public func run(_ argv: [String], stdinFile: String?, timeout: Double, grace: Double) -> ProcessResult {
        let program = argv.first ?? ""
        guard let path = ChildProcess.locate(program) else {
            return ProcessResult(exitCode: 127, launchError: "\(program): not found")
        }
        let options = ChildProcess.Options(input: stdinFile.map { .file($0) } ?? .pipe, timeout: timeout,
                                           atTimeout: .hangUp(grace: grace), drainWait: 5)
        do throws(SystemError) {
            return try ChildProcess.run(path: path, argv: argv, options)
        } catch {
            return ProcessResult(exitCode: 127, launchError: error.description)
        }
    }
}
