import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawnp` and reaped with `waitpid` on its own thread.
///
/// Foundation's `Process` is not used: on Linux its SIGCHLD handling can miss a child when
/// several start and end at once, leaving the wait hanging. Pipes are close-on-exec, so
/// concurrent children never hold each other's output open.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    private let exited = DispatchSemaphore(value: 0)
    /// The wait status (set once the child is reaped) and the write end of its stdin pipe.
    private let state: Mutex<(status: Int32, stdinWriter: Int32)>
    private let out: FDReader
    private let err: FDReader

    /// Starts `argv` (`argv[0]` searched on PATH). Standard input is `stdinFile`, or else a
    /// pipe kept open until `closeStandardInput()`.
    public init(_ argv: [String], stdinFile: String? = nil) throws(SystemError) {
        // pipe2(O_CLOEXEC) is not exported by Glibc's module map: pipe + FD_CLOEXEC, with every
        // spawn of this class serialised so no child inherits another's pipe in between.
        let spawned = try Self.spawnLock.withLock { _ throws(SystemError) in try Self.spawn(argv, stdinFile: stdinFile) }
        let child = spawned.pid
        pid = child
        state = Mutex((status: 0, stdinWriter: spawned.stdinWriter))
        out = FDReader(spawned.stdout)
        err = FDReader(spawned.stderr)
        DetachedThread.start { [self] in
            var value: Int32 = 0
            while waitpid(child, &value, 0) < 0 && errno == EINTR {}
            state.withLock { $0.status = value }
            exited.signal()
        }
    }

    /// Starts the child: its pid, the write end of its stdin pipe (-1 for a file) and the read
    /// ends of its stdout and stderr pipes.
    private static func spawn(_ argv: [String], stdinFile: String?) throws(SystemError)
        -> (pid: pid_t, stdinWriter: Int32, stdout: Int32, stderr: Int32) {
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var inFD: Int32 = -1
        if let stdinFile {
            inFD = try SystemError.retrying("open", stdinFile) { open(stdinFile, O_RDONLY | O_CLOEXEC) }
        } else {
            try Self.makePipe(&inPipe, "stdin")
            inFD = inPipe[0]
        }
        try Self.makePipe(&outPipe, "stdout")
        try Self.makePipe(&errPipe, "stderr")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inFD, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        SpawnHygiene.closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnHygiene.resetSignals(&attributes, newProcessGroup: false)

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var spawned: pid_t = 0
        let result = posix_spawnp(&spawned, argv.first ?? "", &actions, &attributes, cArguments, environ)
        let child = spawned
        close(inFD)
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            if inPipe[1] >= 0 { close(inPipe[1]) }
            throw SystemError("posix_spawnp", argv.first ?? "", result)
        }
        return (child, inPipe[1], outPipe[0], errPipe[0])
    }

    private static let spawnLock = Mutex(())

    private static func makePipe(_ fds: inout [Int32], _ name: String) throws(SystemError) {
        try SystemError.retrying("pipe", name) { pipe(&fds) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    }

    /// Closes the pipe on the child's standard input (end of file for the child).
    public func closeStandardInput() {
        state.withLock {
            if $0.stdinWriter >= 0 { close($0.stdinWriter) }
            $0.stdinWriter = -1
        }
    }

    /// Waits up to `seconds` (nil: for ever); true when the child has ended.
    public func wait(seconds: Double? = nil) -> Bool {
        guard let seconds else {
            exited.wait()
            exited.signal()
            return true
        }
        guard exited.wait(timeout: .now() + seconds) == .success else { return false }
        exited.signal()
        return true
    }

    public func signal(_ number: Int32) { kill(pid, number) }

    /// The exit code, or 128 + the signal that ended it. Call after `wait` returned true.
    public var exitCode: Int32 {
        let value = state.withLock { $0.status }
        let signal = value & 0x7f
        return signal == 0 ? (value >> 8) & 0xff : 128 + signal
    }

    /// Everything the child wrote to stdout and stderr; waits up to 5 s for end of file (a
    /// grandchild may still hold the pipes).
    public func output() -> (stdout: [UInt8], stderr: [UInt8]) {
        closeStandardInput()
        return (out.finish(), err.finish())
    }
}

/// Drains one pipe on a background thread, so a chatty child never blocks on a full pipe.
final class FDReader: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let done = DispatchSemaphore(value: 0)

    init(_ fd: Int32) {
        DetachedThread.start { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                bytes.withLock { $0.append(contentsOf: buffer[0..<n]) }
            }
            close(fd)
            done.signal()
        }
    }

    func finish() -> [UInt8] {
        _ = done.wait(timeout: .now() + 5)
        return bytes.withLock { $0 }
    }
}
