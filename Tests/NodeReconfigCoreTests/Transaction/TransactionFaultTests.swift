import Foundation
import Testing
@testable import NodeReconfigCore

/// Fails every file-system call of a successful run in turn, then every restart and health
/// check: afterwards each file is as it was (or, if the fault was harmless, as planned), the
/// journal is closed, no temp file is left, and the exit code says which.
@Suite("Transaction: fault injection")
struct TransactionFaultTests {
    /// The calls a clean run makes, by operation: (operation, occurrence) for each.
    static let faults: [String] = {
        guard let harness = try? TransactionHarness() else { return [] }
        defer { harness.tree.remove() }
        _ = harness.apply()
        return harness.fileSystem.operationCounts.sorted { $0.key < $1.key }.flatMap { op, count in
            (1...count).map { "\(op)#\($0)" }
        }
    }()

    /// How often a clean run checks for a signal.
    static let interruptChecks: Int = {
        guard var harness = try? TransactionHarness() else { return 0 }
        defer { harness.tree.remove() }
        let counter = Counter()
        harness.options.interrupted = { _ = counter.next(); return nil }
        _ = harness.apply()
        return counter.next() - 1
    }()

    @Test("a file-system call that fails leaves every file whole", arguments: faults)
    func fileSystemFault(_ fault: String) throws {
        let parts = fault.split(separator: "#")
        let harness = try TransactionHarness(fault: (String(parts[0]), Int(parts[1])!))
        defer { harness.tree.remove() }
        let result = harness.apply()
        switch result.outcome {
        case .changed:
            try harness.expectFiles(updated: true, "harmless fault \(fault)")
        case .refused:
            try harness.expectFiles(updated: false, "\(fault)")
            #expect(result.message.hasSuffix("nothing was changed"), "\(fault)")
            #expect(result.writtenFiles.isEmpty)
        case .rolledBack:
            try harness.expectFiles(updated: false, "\(fault)")
                #expect(result.message.hasSuffix("; Rollback finished"), "\(fault): \(result.message)")
        default:
            Issue.record("\(fault): unexpected \(result.outcome): \(result.messages)")
        }
        #expect([0, 1, 3].contains(result.exitCode))
        try harness.expectClean("\(fault)")
    }

    @Test("the clean run made the calls worth failing")
    func coverage() {
        let ops = Set(Self.faults.map { String($0.split(separator: "#")[0]) })
        #expect(ops.isSuperset(of: ["writeNewFile", "rename", "fsyncDirectory", "setOwner", "setExtendedAttribute",
                                    "appendToFile", "readFile", "createDirectory"]))
    }

    @Test("a restart that fails rolls back, restarts the same services again, exit 3", arguments: 1...3)
    func restartFails(_ n: Int) throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        harness.services.failRestart = n
        let result = harness.apply()
        #expect(result.outcome == .rolledBack && result.exitCode == 3)
        #expect(result.messages.contains("Rollback finished"))
        try harness.expectFiles(updated: false)
        try harness.expectClean()
        let order = ["flanneld", "kubelet", "kube-proxy"]
        let log = harness.services.log.filter { !$0.hasPrefix("is-active") }
        let afterRollback = log.drop { $0 != "daemon-reload" }.dropFirst().drop { $0 != "daemon-reload" }
        #expect(Array(afterRollback) == ["daemon-reload"] + order.prefix(n).map { "restart \($0)" })
    }

    @Test("a service that dies after its restart fails the health gate and is rolled back", arguments: 1...3)
    func healthFails(_ n: Int) throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        harness.services.deadAfterRestart = n
        let result = harness.apply()
        #expect(result.exitCode == 3)
        #expect(result.messages.contains { $0.contains("is not active 5 s after its restart") })
        try harness.expectFiles(updated: false)
        try harness.expectClean()
        #expect(["kubelet", "flanneld", "kube-proxy"].allSatisfy(harness.services.isActive), "active again after rollback")
    }

    @Test("a --probe that does not answer 2xx rolls back")
    func probeFails() throws {
        var harness = try TransactionHarness()
        defer { harness.tree.remove() }
        harness.options.probes = ["http://127.0.0.1:1/healthz"]
        let result = harness.apply()
        #expect(result.exitCode == 3)
        #expect(result.messages.contains("Probe http://127.0.0.1:1/healthz answered nothing within 5 s, not 2xx"))
        try harness.expectFiles(updated: false)
    }

    @Test("a local probe that answered before must answer 2xx after")
    func localProbeRegression() throws {
        var harness = try TransactionHarness()
        defer { harness.tree.remove() }
        harness.options.localProbes = ["http://127.0.0.1:10248/healthz", "http://127.0.0.1:10256/healthz"]
        harness.network.statuses = ["http://127.0.0.1:10248/healthz": 500]
        #expect(harness.apply().exitCode == 3, "kubelet answered before, 500 after")
        harness.network.statuses = [:]
        #expect(harness.apply().exitCode == 0, "neither answered before: not required")
    }

    @Test("a signal between steps rolls back with exit 3", arguments: 0..<interruptChecks)
    func interrupted(_ afterChecks: Int) throws {
        var harness = try TransactionHarness()
        defer { harness.tree.remove() }
        let counter = Counter()
        harness.options.interrupted = { counter.next() > afterChecks ? SIGTERM : nil }
        let result = harness.apply()
        #expect(result.exitCode == 3, "\(result.messages)")
        #expect(result.messages.contains("Rollback finished"))
        try harness.expectFiles(updated: false)
        try harness.expectClean()
    }

    @Test("a restore that fills the disk while writing its temp file leaves no half-written temp beside the target")
    func restoreTempTorn() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        harness.services.failRestart = 1
        // A clean run creates 3 backup copies, the manifest and 3 temp files; the 8th is the
        // rollback's first temp file.
        harness.fileSystem.tornNewFile = 8
        let result = harness.apply()
        #expect(result.outcome == .failed && result.exitCode == 4)
        #expect(result.messages.contains { $0.contains("/etc/kubernetes/kubelet.conf") && $0.contains("No space left on device") })
        let temps = harness.tree.allFiles().filter { $0.hasSuffix(".tmp") }
        #expect(temps.isEmpty, "temp files left: \(temps)")
    }

    @Test("a journal that cannot record a write is named as the journal, not as the file being written")
    func journalFailsAfterWrite() throws {
        // appendToFile: begin, 3 backed-up, then the first `wrote`.
        let harness = try TransactionHarness(fault: ("appendToFile", 5))
        defer { harness.tree.remove() }
        let result = harness.apply()
        #expect(result.exitCode == 3)
        #expect(result.messages.contains { $0.hasPrefix("/etc/kubernetes/kubelet.conf was written, but the journal") && $0.contains("/journal") },
                "\(result.messages)")
        try harness.expectFiles(updated: false)
        try harness.expectClean()
    }

    @Test("a restore that fails says Rollback FAILED, names the backup set and what to do; `rollback` then finishes it")
    func rollbackFails() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        harness.services.failRestart = 1
        harness.fileSystem.failFrom = ("rename", 4)
        let result = harness.apply()
        #expect(result.outcome == .failed && result.exitCode == 4)
        let id = try #require(result.backupID)
        #expect(result.messages.contains { $0.hasPrefix("Rollback FAILED") && $0.contains(harness.store.setPath(id)) })
        #expect(result.messages.contains { $0.contains("cp -p \(harness.store.setPath(id))/") })
        #expect(result.message.hasPrefix("`svc restart flanneld` failed")
                && result.message.contains("; Rollback FAILED: 3 file(s) could not be restored. Backup set: \(harness.store.setPath(id))"),
                "the summary (JSON message, fanout's table) names the cause and the failure: \(result.message)")
        #expect(harness.store.outcome(id) == "rollback-failed")
        harness.fileSystem.failFrom = nil
        // Only kubelet is running now: the unit file asks for daemon-reload, kubelet is restarted,
        // and the stopped services stay stopped.
        let services = FakeServices(active: ["kubelet"])
        let context = Context(fileSystem: harness.fileSystem, processes: services, clock: FakeClock(),
                              output: harness.output, network: harness.network)
        let code = RollbackCommand(transaction: harness.options, id: id).run(context).code
        #expect(code == 0)
        #expect(services.log.filter { !$0.hasPrefix("is-active") } == ["daemon-reload", "restart kubelet"])
        try harness.expectFiles(updated: false)
        try harness.expectClean()
    }
}

/// A thread-safe counter for interrupt injection.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
