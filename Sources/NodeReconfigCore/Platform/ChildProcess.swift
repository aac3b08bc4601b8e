import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The one place node-reconfig starts a process (`LocalProcessRunner` for service and validation
/// commands, `ProcessTransport` for fanout's ssh): `posix_spawn`, stdout and stderr captured
/// through pipes, a deadline, reaped with `waitpid`.
///
/// Foundation's `Process` is not used: on Linux its SIGCHLD handling can miss a child when
/// several start and end at once, leaving the wait hanging. One thread runs one child: it polls
/// the pipes (so a chatty child never blocks on a full pipe) and `waitpid(WNOHANG)` in turn.
public enum ChildProcess {
    /// The child's standard input.
    public enum Input: Sendable, Equatable {
        /// `/dev/null`.
        case null
        /// A file, opened read-only (fanout's `--copy-binary` feeds the binary this way).
        case file(String)
        /// A pipe nothing is written to, kept open until the deadline: its end of file tells the
        /// child (fanout's remote watchdog) to hang up.
        case pipe
    }

    /// What happens when the timeout passes.
    public enum AtTimeout: Sendable, Equatable {
        /// SIGKILL to the child (and its process group, when it has its own): exit code 124.
        case kill
        /// Hang up: close the stdin pipe (a file as stdin: SIGTERM instead), wait `grace`
        /// seconds, then SIGTERM, 2 s later SIGKILL. `killed` says the hangup was not enough.
        case hangUp(grace: Double)
    }

    public struct Options: Sendable {
        public var input: Input = .null
        /// A process group of its own (so a Ctrl-C at the terminal reaches node-reconfig, not
        /// the child, and a kill reaches whatever the child started).
        public var ownProcessGroup = false
        /// Seconds; nil for no limit.
        public var timeout: Double?
        public var atTimeout: AtTimeout = .kill
        /// Checked between polls: when true the child is killed (SIGKILL) and the exit code is 130.
        public var abandonWhen: @Sendable () -> Bool = { false }
        /// Once the child has ended, how long to wait for end of file on its pipes (a
        /// grandchild, a daemon it started, may hold them open); 0 takes what is there.
        public var drainWait: Double = 0

        public init(input: Input = .null, ownProcessGroup: Bool = false, timeout: Double? = nil,
                    atTimeout: AtTimeout = .kill, abandonWhen: @escaping @Sendable () -> Bool = { false },
                    drainWait: Double = 0) {
            self.input = input
            self.ownProcessGroup = ownProcessGroup
            self.timeout = timeout
            self.atTimeout = atTimeout
            self.abandonWhen = abandonWhen
            self.drainWait = drainWait
        }
    }

    /// Runs the program at `path` with `argv` (`argv[0]` as the child sees it) to its end.
    /// Throws when it cannot be started.
    public static func run(path: String, argv: [String], _ options: Options) throws(SystemError) -> ProcessResult {
        let child = try Started(path: path, argv: argv, options)
        defer { child.closeAll() }
        return try child.wait(options)
    }

    /// Serialises the making of pipes with every spawn: `pipe2(O_CLOEXEC)` is not exported by
    /// Glibc's module map, so a pipe is close-on-exec only once `fcntl` has run, and a child
    /// spawned in between would inherit it (and hold its reader's end of file back).
    private static let spawnLock = Mutex(())

    /// Searched after `$PATH`: sbin directories are often missing from non-login PATHs.
    static let fallbackPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// The absolute path of `program` on `$PATH` (then the sbin directories), or nil; a name with
    /// a slash when it is executable.
    public static func locate(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let directories = path.split(separator: ":").map(String.init) + fallbackPath
        return directories.lazy.map { "\($0)/\(program)" }.first { access($0, X_OK) == 0 }
    }

    /// A spawned child and the parent's ends of its pipes.
    private final class Started {
        let pid: pid_t
        let path: String
        let ownProcessGroup: Bool
        let fileInput: Bool
        var stdinWriter: Int32
        var capture: Capture

        init(path: String, argv: [String], _ options: Options) throws(SystemError) {
            self.path = path
            ownProcessGroup = options.ownProcessGroup
            var inputFD: Int32 = -1
            var writer: Int32 = -1
            switch options.input {
            case .null:
                inputFD = try SystemError.retrying("open", "/dev/null") { open("/dev/null", O_RDONLY | O_CLOEXEC) }
            case .file(let file):
                inputFD = try SystemError.retrying("open", file) { open(file, O_RDONLY | O_CLOEXEC) }
            case .pipe:
                let ends = try ChildProcess.makePipe(path, closing: [])
                (inputFD, writer) = (ends.read, ends.write)
            }
            fileInput = { if case .file = options.input { true } else { false } }()
            let out = try ChildProcess.makePipe(path, closing: [inputFD, writer])
            let err = try ChildProcess.makePipe(path, closing: [inputFD, writer, out.read, out.write])
            let spawned: Result<pid_t, SystemError>
            do throws(SystemError) {
                spawned = .success(try ChildProcess.spawn(path, argv, stdin: inputFD, stdout: out.write, stderr: err.write,
                                                          ownProcessGroup: options.ownProcessGroup))
            } catch {
                spawned = .failure(error)
            }
            for fd in [inputFD, out.write, err.write] { close(fd) }
            switch spawned {
            case .success(let child):
                pid = child
            case .failure(let error):
                for fd in [writer, out.read, err.read] where fd >= 0 { close(fd) }
                throw error
            }
            stdinWriter = writer
            capture = Capture(output: out.read, errors: err.read)
        }

        /// Polls output and the child until it ends; applies the deadline and `abandonWhen`.
        func wait(_ options: Options) throws(SystemError) -> ProcessResult {
            let clock = SystemClock()
            var deadline = options.timeout.map { clock.now() + $0 }
            var timedOut = false
            var killed = false
            /// For `.hangUp`: 0 running, 1 hung up, 2 SIGTERM sent, 3 SIGKILL sent.
            var stage = 0
            while true {
                capture.pump(milliseconds: 20)
                if let status = try reap() {
                    capture.finish(waitingUpTo: options.drainWait)
                    return result(Self.exitCode(status), timedOut: timedOut, killed: killed)
                }
                let late = deadline.map { clock.now() > $0 } ?? false
                if options.abandonWhen() || (late && options.atTimeout == .kill) {
                    signal(SIGKILL)
                    var status: Int32 = 0
                    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                    capture.finish(waitingUpTo: 0)
                    return result(late ? 124 : 130, timedOut: late, killed: true)
                }
                guard late, case .hangUp(let grace) = options.atTimeout else { continue }
                stage += 1
                switch stage {
                case 1:
                    timedOut = true
                    if fileInput { signal(SIGTERM) } else { closeStandardInput() }
                    deadline = clock.now() + grace
                case 2:
                    killed = true
                    signal(SIGTERM)
                    deadline = clock.now() + 2
                default:
                    signal(SIGKILL)
                    deadline = nil
                }
            }
        }

        private func result(_ exitCode: Int32, timedOut: Bool, killed: Bool) -> ProcessResult {
            ProcessResult(exitCode: exitCode, standardOutput: capture.stdout, standardError: capture.stderr,
                          timedOut: timedOut, killed: killed)
        }

        /// The wait status once the child has ended; nil while it runs.
        private func reap() throws(SystemError) -> Int32? {
            var status: Int32 = 0
            while true {
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid { return status }
                if reaped == 0 { return nil }
                if errno != EINTR { throw SystemError("waitpid", path, errno) }
            }
        }

        /// Sends `number` to the child, and to its process group when it has one of its own.
        private func signal(_ number: Int32) {
            if ownProcessGroup { kill(-pid, number) }
            kill(pid, number)
        }

        private func closeStandardInput() {
            if stdinWriter >= 0 { close(stdinWriter) }
            stdinWriter = -1
        }

        func closeAll() {
            closeStandardInput()
            capture.closeAll()
        }

        static func exitCode(_ status: Int32) -> Int32 {
            status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        }
    }

    /// A close-on-exec pipe. On failure closes `closing` (the descriptors made so far).
    private static func makePipe(_ path: String, closing: [Int32]) throws(SystemError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        let made = spawnLock.withLock { _ in
            let result = pipe(&fds)
            if result == 0 { for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) } }
            return result == 0 ? 0 : errno
        }
        guard made == 0 else {
            for fd in closing where fd >= 0 { close(fd) }
            throw SystemError("pipe", path, made)
        }
        return (fds[0], fds[1])
    }

    private static func spawn(_ path: String, _ argv: [String], stdin: Int32, stdout: Int32, stderr: Int32,
                              ownProcessGroup: Bool) throws(SystemError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        SpawnHygiene.closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnHygiene.resetSignals(&attributes, newProcessGroup: ownProcessGroup)
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        var code = spawnLock.withLock { _ in posix_spawn(&pid, path, &actions, &attributes, cArguments, environ) }
        // ETXTBSY: a script just written is still open for writing in a child another thread is
        // spawning (until that child's exec closes it). It clears within milliseconds.
        var attempts = 0
        while code == ETXTBSY && attempts < 50 {
            attempts += 1
            usleep(20_000)
            code = spawnLock.withLock { _ in posix_spawn(&pid, path, &actions, &attributes, cArguments, environ) }
        }
        guard code == 0 else { throw SystemError("posix_spawn", path, code) }
        return pid
    }
}

/// The read ends of a child's stdout and stderr pipes, and what came through them.
private struct Capture {
    private var descriptors: [Int32]
    private(set) var stdout: [UInt8] = []
    private(set) var stderr: [UInt8] = []

    init(output: Int32, errors: Int32) {
        descriptors = [output, errors]
        for fd in descriptors { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    /// Waits up to `milliseconds` for output and reads what is there.
    mutating func pump(milliseconds: Int32) {
        var polls = descriptors.filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if polls.isEmpty {
            usleep(UInt32(milliseconds) * 1000)
            return
        }
        if poll(&polls, nfds_t(polls.count), milliseconds) > 0 { drain() }
    }

    /// After the child ended: reads until end of file on both pipes or until `seconds` passed
    /// (0: what is there now).
    mutating func finish(waitingUpTo seconds: Double) {
        drain()
        let clock = SystemClock()
        let deadline = clock.now() + seconds
        while descriptors.contains(where: { $0 >= 0 }) {
            let remaining = deadline - clock.now()
            if remaining <= 0 { break }
            pump(milliseconds: Int32(min(remaining, 0.1) * 1000) + 1)
        }
    }

    /// Reads everything available now without waiting; closes a pipe at end of file.
    mutating func drain() {
        var chunk = [UInt8](repeating: 0, count: 16384)
        for index in descriptors.indices where descriptors[index] >= 0 {
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptors[index], $0.baseAddress, $0.count) }
                if count > 0 {
                    if index == 0 { stdout += chunk[0..<count] } else { stderr += chunk[0..<count] }
                    continue
                }
                if count < 0 && errno == EINTR { continue }
                if count == 0 {
                    close(descriptors[index])
                    descriptors[index] = -1
                }
                break
            }
        }
    }

    mutating func closeAll() {
        for index in descriptors.indices where descriptors[index] >= 0 {
            close(descriptors[index])
            descriptors[index] = -1
        }
    }
}

/// What every child we spawn should not inherit: descriptors 3 and up (without this, a file
/// another thread has open for writing, a service script being written, stays open in a child
/// that execs a long-running program, and running that script then fails with ETXTBSY), and
/// our signal handling (handlers, SIGPIPE ignored, signals blocked by whoever started us).
private enum SpawnHygiene {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, looked up at run time because
    /// Swift's Glibc module does not declare it (it sits behind _GNU_SOURCE).
    private static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// Adds "close every descriptor from 3 up" to `actions`, where the C library can.
    static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        guard let closeFrom else { return }
        _ = closeFrom(&actions, 3)
    }

    /// Sets `attributes` so the child starts with the default disposition of every signal we
    /// handle or ignore, and nothing blocked; with `newProcessGroup`, in a process group of its
    /// own (so a Ctrl-C at the terminal reaches us, not the child, and a timeout can kill the group).
    static func resetSignals(_ attributes: inout posix_spawnattr_t, newProcessGroup: Bool) {
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if newProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
    }
}
