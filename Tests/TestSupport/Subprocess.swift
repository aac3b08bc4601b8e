import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program for a test and waits for it, without Foundation's `Process`.
///
/// On Linux, `Process.waitUntilExit()` can miss a child's exit when many children come and go on
/// other threads (a whole `swift test` run hung on it in CI). This spawns with `posix_spawn`,
/// reaps exactly its own pid with `waitpid`, sends output to files (so a daemon that keeps
/// inherited descriptors open cannot hang the read) and kills the child's process group at the
/// timeout.
public enum Subprocess {
    public struct Result: Sendable, CustomStringConvertible {
        public var status: Int32
        /// True when the child died of a signal; `status` is then the signal number.
        public var signaled: Bool
        public var timedOut: Bool
        public var stdout: Data
        public var stderr: Data

        public var output: String { String(decoding: stdout, as: UTF8.self) }
        public var errorOutput: String { String(decoding: stderr, as: UTF8.self) }
        public var description: String {
            "exit \(signaled ? "signal " : "")\(status)\(timedOut ? " (timed out)" : "")\nstdout: \(output.prefix(2000))\nstderr: \(errorOutput.prefix(2000))"
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `argv` (argv[0] absolute, or found on PATH). `environment` entries are added to (or
    /// replace) the current environment. `stdin` is fed from a file; with `closeStdinAfter` the
    /// child reads a pipe that is closed after that many seconds instead. `mergeStderr` sends
    /// stderr to stdout's file.
    public static func run(_ argv: [String], environment: [String: String]? = nil, stdin: Data? = nil,
                           closeStdinAfter: Double? = nil, mergeStderr: Bool = false, currentDirectory: String? = nil,
                           timeout: Double = 900, started: ((pid_t) -> Void)? = nil) throws -> Result {
        let running = try start(argv, environment: environment, stdin: stdin, closeStdinAfter: closeStdinAfter,
                                mergeStderr: mergeStderr, currentDirectory: currentDirectory)
        started?(running.pid)
        return try running.wait(timeout: timeout)
    }

    /// Starts `argv` and returns at once; `wait` or `stop` it.
    public static func start(_ argv: [String], environment: [String: String]? = nil, stdin: Data? = nil,
                             closeStdinAfter: Double? = nil, mergeStderr: Bool = false,
                             currentDirectory: String? = nil) throws -> Running {
        guard var program = argv.first else { throw Failure(description: "no program") }
        var argv = argv
        if let currentDirectory {
            argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", currentDirectory] + argv
            program = "/bin/sh"
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("subprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let out = scratch.appendingPathComponent("out").path, err = scratch.appendingPathComponent("err").path
        let input = scratch.appendingPathComponent("in").path
        try (stdin ?? Data()).write(to: URL(fileURLWithPath: input))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if closeStdinAfter != nil {
            guard pipe(&pipeEnds) == 0 else { throw Failure(description: "pipe: errno \(errno)") }
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if mergeStderr {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var environmentValues = ProcessInfo.processInfo.environment
        for (key, value) in environment ?? [:] { environmentValues[key] = value }
        let envp: [UnsafeMutablePointer<CChar>?] = environmentValues.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let args: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) }; args.forEach { free($0) } }

        var pid: pid_t = 0
        var code: Int32 = ETXTBSY
        for _ in 0..<50 where code == ETXTBSY {
            code = program.contains("/")
                ? posix_spawn(&pid, program, &actions, &attributes, args, envp)
                : posix_spawnp(&pid, program, &actions, &attributes, args, envp)
            if code == ETXTBSY { usleep(20_000) }
        }
        if closeStdinAfter != nil { close(pipeEnds[0]) }
        guard code == 0 else {
            if closeStdinAfter != nil { close(pipeEnds[1]) }
            throw Failure(description: "cannot start \(program): \(String(cString: strerror(code)))")
        }
        return Running(pid: pid, scratch: scratch, out: out, err: err, mergeStderr: mergeStderr,
                       stdinWriter: closeStdinAfter != nil ? pipeEnds[1] : -1, closeStdinAfter: closeStdinAfter)
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// Children inherit nothing from 3 up (glibc's `posix_spawn_file_actions_addclosefrom_np`,
    /// looked up at run time): a script another test thread is writing must not stay open for
    /// writing in our child, or running that script fails with ETXTBSY.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }

    /// A started child: reap it with `wait`, or end it with `stop`.
    public final class Running: @unchecked Sendable {
        public let pid: pid_t
        let scratch: URL
        let out: String, err: String
        let mergeStderr: Bool
        var stdinWriter: Int32
        let closeStdinAfter: Double?
        let begin = Date()
        var result: Result?

        init(pid: pid_t, scratch: URL, out: String, err: String, mergeStderr: Bool, stdinWriter: Int32, closeStdinAfter: Double?) {
            self.pid = pid
            self.scratch = scratch
            self.out = out
            self.err = err
            self.mergeStderr = mergeStderr
            self.stdinWriter = stdinWriter
            self.closeStdinAfter = closeStdinAfter
        }

        deinit { try? FileManager.default.removeItem(at: scratch) }

        /// Waits for the child; past `timeout` seconds its process group is killed.
        public func wait(timeout: Double = 900) throws -> Result {
            if let result { return result }
            var status: Int32 = 0
            var timedOut = false
            let start = Date()
            while true {
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid { break }
                if reaped < 0 && errno != EINTR { throw Failure(description: "waitpid: errno \(errno)") }
                if stdinWriter >= 0, let after = closeStdinAfter, Date().timeIntervalSince(begin) >= after {
                    close(stdinWriter)
                    stdinWriter = -1
                }
                if Date().timeIntervalSince(start) > timeout && !timedOut {
                    timedOut = true
                    kill(-pid, SIGKILL)
                    kill(pid, SIGKILL)
                }
                usleep(5_000)
            }
            if stdinWriter >= 0 { close(stdinWriter); stdinWriter = -1 }
            let signaled = status & 0x7f != 0
            let done = Result(status: signaled ? status & 0x7f : (status >> 8) & 0xff, signaled: signaled, timedOut: timedOut,
                              stdout: (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data(),
                              stderr: mergeStderr ? Data() : ((try? Data(contentsOf: URL(fileURLWithPath: err))) ?? Data()))
            result = done
            return done
        }

        /// SIGTERM, then SIGKILL after `grace` seconds; returns how it ended.
        @discardableResult
        public func stop(grace: Double = 5) -> Result? {
            if let result { return result }
            kill(pid, SIGTERM)
            return try? wait(timeout: grace)
        }
    }
}
