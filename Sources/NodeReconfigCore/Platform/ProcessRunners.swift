/// The real `ProcessRunner`: `ChildProcess` with stdin from /dev/null and stdout/stderr captured.
///
/// The child runs in its own process group with default signal dispositions, so an operator's
/// Ctrl-C reaches node-reconfig (which rolls back) rather than killing a `systemctl restart`
/// half way. On timeout the whole group is killed and the exit code is 124. Output is read
/// until the child exits; a daemon the child leaves behind holding the pipes does not hang us.
public struct LocalProcessRunner: ProcessRunner {
    public init() {}

    public func locate(_ program: String) -> String? { ChildProcess.locate(program) }

    public func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult {
        try run(command, timeout: timeout, abandonWhen: { false })
    }

    public func run(_ command: ExternalCommand, timeout: Double?, abandonWhen: @escaping @Sendable () -> Bool) throws(SystemError) -> ProcessResult {
        guard let path = locate(command.program) else {
            return ProcessResult(exitCode: 127, standardError: Array("\(command.program): not found\n".utf8))
        }
        let options = ChildProcess.Options(input: .null, ownProcessGroup: true, timeout: timeout, atTimeout: .kill,
                                           abandonWhen: abandonWhen)
        return try ChildProcess.run(path: path, argv: [path] + command.arguments, options)
    }
}

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
