#if canImport(Glibc)
import Glibc
#endif

/// What every child we spawn should not inherit: descriptors 3 and up (without this, a file
/// another thread has open for writing, a service script being written, stays open in a child
/// that execs a long-running program, and running that script then fails with ETXTBSY), and
/// our signal handling (handlers, SIGPIPE ignored, signals blocked by whoever started us).
/// Shared by `LocalProcessRunner` and fanout's `ChildProcess`.
enum SpawnHygiene {
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
