#if canImport(Glibc)
import Glibc
#endif

/// The real `Clock`: CLOCK_MONOTONIC for durations, CLOCK_REALTIME for ids, nanosleep to wait
/// (resumed after a signal so waits keep their length; callers poll the signal flag between naps).
public struct SystemClock: Clock {
    public init() {}

    public func now() -> Double { Self.read(CLOCK_MONOTONIC) }

    public func wallTime() -> Double { Self.read(CLOCK_REALTIME) }

    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
