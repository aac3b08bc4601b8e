#if canImport(Glibc)
import Glibc
#endif

/// What every child we spawn should not inherit: descriptors 3 and up. Without this, a file
/// another thread has open for writing (a service script being written) stays open in a child
/// that execs a long-running program, and running that script then fails with ETXTBSY.
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
}
