#if canImport(Glibc)
import Glibc
#endif

/// The real `ProcessRunner`: `posix_spawn` with stdin from /dev/null and stdout/stderr captured.
///
/// The child runs in its own process group with default signal dispositions, so an operator's
/// Ctrl-C reaches node-reconfig (which rolls back) rather than killing a `systemctl restart`
/// half way. On timeout the whole group is killed and the exit code is 124. Output is read
/// until the child exits; a daemon the child leaves behind holding the pipes does not hang us.
public struct LocalProcessRunner: ProcessRunner {
    /// Searched after `$PATH`: sbin directories are often missing from non-login PATHs.
    static let fallbackPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    public init() {}

    public func locate(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let directories = path.split(separator: ":").map(String.init) + Self.fallbackPath
        return directories.lazy.map { "\($0)/\(program)" }.first { access($0, X_OK) == 0 }
    }

    public func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult {
        try run(command, timeout: timeout, abandonWhen: { false })
    }

    public func run(_ command: ExternalCommand, timeout: Double?, abandonWhen: @escaping @Sendable () -> Bool) throws(SystemError) -> ProcessResult {
        guard let path = locate(command.program) else {
            return ProcessResult(exitCode: 127, standardError: Array("\(command.program): not found\n".utf8))
        }
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        try SystemError.retrying("pipe", path) { pipe(&output) }
        do {
            try SystemError.retrying("pipe", path) { pipe(&errors) }
        } catch {
            close(output[0]); close(output[1])
            throw error
        }
        // Not inherited by other children spawned meanwhile (dup2 in the child clears it).
        for fd in output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        do {
            pid = try spawn(path, [path] + command.arguments, stdout: output[1], stderr: errors[1])
        } catch {
            output.forEach { close($0) }; errors.forEach { close($0) }
            throw error
        }
        close(output[1]); close(errors[1])
        var capture = ProcessCapture(output: output[0], errors: errors[0])
        defer { capture.closeAll() }
        let deadline = timeout.map { SystemClock().now() + $0 }
        while true {
            capture.pump(milliseconds: 20)
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                capture.drain()
                return ProcessResult(exitCode: Self.exitCode(status), standardOutput: capture.stdout, standardError: capture.stderr)
            }
            if reaped < 0 && errno != EINTR { throw SystemError("waitpid", path, errno) }
            let timedOut = deadline.map { SystemClock().now() > $0 } ?? false
            if timedOut || abandonWhen() {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                capture.drain()
                return ProcessResult(exitCode: timedOut ? 124 : 130, standardOutput: capture.stdout, standardError: capture.stderr)
            }
        }
    }

    private func spawn(_ path: String, _ arguments: [String], stdout: Int32, stderr: Int32) throws(SystemError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        SpawnHygiene.closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnHygiene.resetSignals(&attributes, newProcessGroup: true)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var code = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        // ETXTBSY: a script just written is still open for writing in a child another thread is
        // spawning (until that child's exec closes it). It clears within milliseconds.
        var attempts = 0
        while code == ETXTBSY && attempts < 50 {
            attempts += 1
            usleep(20_000)
            code = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        }
        guard code == 0 else { throw SystemError("posix_spawn", path, code) }
        return pid
    }

    static func exitCode(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
