#if canImport(Glibc)
import Glibc
#endif

/// Starts a detached POSIX thread: for work that mostly blocks (waiting on a child, reading a
/// pipe), which Dispatch's pool, sized for CPU work, should not hold.
enum DetachedThread {
    /// Runs `body` on a new detached thread. Traps when no thread can be created (the callers
    /// would otherwise wait for ever on work that never runs).
    static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { raw in
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        guard result == 0 else { fatalError("pthread_create failed: \(String(cString: strerror(result)))") }
    }

    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
