import Dispatch
import Synchronization

/// Runs the hosts wave by wave, at most `parallel` at once, and stops after a wave when the
/// failures exceed `--max-failures`: the remaining hosts are reported as skipped.
public struct FanoutRunner: Sendable {
    public var options: FanoutOptions
    public var transport: any FanoutTransport
    public var clock: any Clock
    public var progress: FanoutProgress
    /// `(local path, sha256)` of the binary to copy first, when `--copy-binary`.
    public var binary: (path: String, sha256: String)?

    public init(options: FanoutOptions, transport: any FanoutTransport, clock: any Clock,
                progress: FanoutProgress, binary: (path: String, sha256: String)? = nil) {
        self.options = options
        self.transport = transport
        self.clock = clock
        self.progress = progress
        self.binary = binary
    }

    /// One outcome per host, in the order of `hosts`.
    public func run(hosts: [String]) -> [HostOutcome] {
        let results = OutcomeBox(count: hosts.count)
        var failures = 0
        var stopped = false
        for wave in FanoutWaves.split(count: hosts.count, batch: options.batch) {
            if stopped {
                for index in wave { results.set(index, .skipped(hosts[index])) }
                continue
            }
            let group = DispatchGroup()
            let slots = DispatchSemaphore(value: options.parallel)
            for index in wave {
                slots.wait()
                group.enter()
                // A thread per running host: each mostly waits on ssh, and GCD's pool is sized
                // for CPU work, not for --parallel waiters.
                DetachedThread.start {
                    let outcome = runHost(hosts[index])
                    results.set(index, outcome)
                    progress.finished(outcome, done: results.doneCount, total: hosts.count)
                    slots.signal()
                    group.leave()
                }
            }
            group.wait()
            failures += wave.filter { !(results.get($0)?.result.succeeded ?? false) }.count
            if failures > options.maxFailures { stopped = true }
        }
        let outcomes = hosts.indices.map { results.get($0) ?? .skipped(hosts[$0]) }
        progress.ended(ran: outcomes.count(where: { $0.result != .skipped }), total: hosts.count)
        return outcomes
    }

    /// Copy (when asked) then run, on one host.
    public func runHost(_ host: String) -> HostOutcome {
        let start = clock.now()
        progress.started(host)
        let grace = options.hangupGrace
        if let binary {
            let argv = RemoteInvocation.copy(options, host: host, sha256: binary.sha256)
            let copied = transport.run(argv, stdinFile: binary.path, timeout: options.timeout, grace: grace)
            if copied.exitCode != 0 || copied.timedOut || copied.launchError != nil {
                return HostOutcome.copyFailed(host: host, transport: copied, seconds: clock.now() - start,
                                              timeout: options.timeout, sudo: options.sudo)
            }
        }
        let remaining = max(1, options.timeout - (clock.now() - start))
        let argv = RemoteInvocation.run(options, host: host)
        let result = transport.run(argv, stdinFile: nil, timeout: remaining, grace: grace)
        return HostOutcome.classify(host: host, mode: options.mode, transport: result,
                                    seconds: clock.now() - start, timeout: options.timeout, sudo: options.sudo)
    }
}

/// Outcomes written by concurrent host runs.
final class OutcomeBox: Sendable {
    private let items: Mutex<[HostOutcome?]>

    init(count: Int) { items = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ outcome: HostOutcome) { items.withLock { $0[index] = outcome } }
    func get(_ index: Int) -> HostOutcome? { items.withLock { $0[index] } }
    var doneCount: Int { items.withLock { $0.count(where: { $0 != nil }) } }
}

/// Runs local commands for the fanout. The real one (`ProcessTransport`) starts processes
/// concurrently; tests give a fake.
public protocol FanoutTransport: Sendable {
    /// Runs `argv` (`argv[0]` looked up on PATH) with `stdinFile` (or an open pipe that is closed
    /// at `timeout`) and waits; after a timeout waits `grace` more seconds before killing it.
    /// `timedOut`, `killed` and `launchError` of the result say how it ended.
    func run(_ argv: [String], stdinFile: String?, timeout: Double, grace: Double) -> ProcessResult
}
