/// Time, as a protocol, so health gates can be tested without waiting.
public protocol Clock: Sendable {
    /// Seconds since some fixed point (monotonic).
    func now() -> Double
    /// Wall-clock time for backup ids and reports: seconds since 1970.
    func wallTime() -> Double
    func sleep(seconds: Double)
}
