import Dispatch
import Synchronization

/// SPEC "Safety" 1: before any file changes, ask the new control plane, every endpoint at once
/// with a short timeout per step, with the node's own credentials: TCP first (one `poll` for
/// all), then per endpoint on its own thread the TLS handshake (`openssl s_client`: the chain to
/// the node's CA, the names against the host the node uses), the apiserver's verdict on the
/// node's credentials (`GET /version`), etcd's `/health` and member list (`curl`); then the
/// checks across the etcd URLs. Every finding comes back in one report.
public struct Preflight: Sendable {
    public var plan: PreflightPlan
    public var context: Context
    /// The backup directory (host path): the scratch directory for credentials goes in it.
    public var backupDirectory: String
    /// Seconds per step (a connect, a handshake, a request).
    public var timeout: Double = 3
    public var pid: Int32 = Platform.processID

    public init(plan: PreflightPlan, context: Context, backupDirectory: String) {
        self.plan = plan
        self.context = context
        self.backupDirectory = backupDirectory
    }

    public struct Report: Sendable, Equatable {
        /// Each refuses the run.
        public var findings: [PreflightFinding] = []
        /// Said, not refused (an etcd member left out of `--etcd`).
        public var notes: [String] = []

        /// A finding, once (an endpoint asked with two sets of credentials can fail alike).
        mutating func add(_ finding: PreflightFinding) {
            if !findings.contains(finding) { findings.append(finding) }
        }
    }

    public func run() -> Report {
        var report = Report(notes: plan.notes)
        let targets = plan.targets
        guard !targets.isEmpty else { return report }
        let missing = missingPrograms()
        if !missing.isEmpty {
            report.findings = missing.map { program in
                PreflightFinding(subject: "", detail: "the checks of the new control plane need \(program), which is not on this node's PATH; "
                                 + "install it, or pass --skip-preflight to skip the checks")
            }
            return report
        }
        // An endpoint asked with several sets of credentials is connected to once.
        var endpoints: [HostPort] = []
        for target in targets where !endpoints.contains(target.hostPort) { endpoints.append(target.hostPort) }
        let failures = context.network.connect(endpoints, timeout: timeout)
        var reachable: [PreflightTarget] = []
        for target in targets {
            if let failure = failures[endpoints.firstIndex(of: target.hostPort)!] {
                report.add(PreflightFinding(subject: target.label, detail: "cannot reach \(target.hostPort): \(failure)"))
            } else if target.scheme == "https" || target.role == .etcd && target.scheme == "http" {
                reachable.append(target)
            }
        }
        var scratch: SecretScratch?
        if reachable.contains(where: { SecretScratch.needed(for: $0.credentials) }) {
            switch SecretScratch.create(in: backupDirectory, fileSystem: context.fileSystem, pid: pid) {
            case .success(let made): scratch = made
            case .failure(let finding):
                report.findings.append(finding)
                return report
            }
        }
        defer { scratch?.remove() }
        var checks: [TargetCheck] = []
        for (index, target) in reachable.enumerated() {
            var check = TargetCheck(target: target, processes: context.processes, now: context.clock.wallTime(), timeout: timeout)
            if let credentials = target.credentials {
                switch credentials.files(fileSystem: context.fileSystem, scratch: scratch, prefix: "\(index + 1)") {
                case .success(let files): check.tls = files
                case .failure(let problem):
                    report.add(PreflightFinding(subject: target.label, detail: problem.message))
                    continue
                }
            }
            checks.append(check)
        }
        let outcomes = Self.parallel(checks.map { check in { check.run() } })
        outcomes.flatMap(\.findings).forEach { report.add($0) }
        // One answer per etcd URL for the checks across them (each set of credentials gets the
        // same cluster from it); they run when every URL asked gave one.
        var answers: [(target: PreflightTarget, view: EtcdClusterView)] = []
        for (check, outcome) in zip(checks, outcomes) {
            guard let view = outcome.view, !answers.contains(where: { $0.target.url == check.target.url }) else { continue }
            answers.append((check.target, view))
        }
        var etcdAsked: [String] = []
        for check in checks where check.target.role == .etcd && !etcdAsked.contains(check.target.url) { etcdAsked.append(check.target.url) }
        if !answers.isEmpty, answers.count == etcdAsked.count {
            let network = context.network
            let cross = EtcdClusterCheck(answers: answers, urlsMustBeMembers: plan.etcdURLsMustBeMembers,
                                         expectedMembers: plan.etcdMembers, resolve: { network.addresses(of: $0) }).run()
            report.findings += cross.refusals
            report.notes += cross.notes
        }
        return report
    }

    /// curl for any HTTP check, openssl for any TLS handshake.
    func missingPrograms() -> [String] {
        var needed: [String] = []
        if plan.targets.contains(where: { $0.scheme == "https" || $0.role == .etcd }) { needed.append("curl") }
        if plan.targets.contains(where: { $0.scheme == "https" }) { needed.append("openssl") }
        return needed.filter { context.processes.locate($0) == nil }
    }

    /// Runs every body on its own thread (the work is waiting on the network, not the CPU) and
    /// returns the results in order.
    static func parallel<T: Sendable>(_ bodies: [@Sendable () -> T]) -> [T] {
        let results = Mutex<[Int: T]>([:])
        let done = DispatchSemaphore(value: 0)
        for (index, body) in bodies.enumerated() {
            DetachedThread.start {
                let value = body()
                results.withLock { $0[index] = value }
                done.signal()
            }
        }
        for _ in bodies { done.wait() }
        return results.withLock { all in (0..<bodies.count).map { all[$0]! } }
    }
}

/// Why the preflight refused the run: every finding, and the way out.
public struct PreflightFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var findings: [PreflightFinding]

    public init(findings: [PreflightFinding]) {
        self.findings = findings
    }

    public var description: String {
        "preflight failed; nothing was changed.\n" + findings.map { "  \($0)" }.joined(separator: "\n")
            + "\nFix the control plane (or this node's files), then run again; --skip-preflight skips these checks."
    }
}
