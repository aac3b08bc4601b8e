import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

@Suite("Transaction end to end: a single-member etcd", .tags(.slow), .notInQuickRun, .serialized)
struct EtcdTransactionTests {
    @Test("a changed env file restarts a real etcd that comes back healthy; a flag etcd refuses is rolled back and etcd runs again")
    func restartAndRefuse() throws {
        guard ServiceBench.has("etcd") && ServiceBench.has("curl") else { return }
        let bench = try ServiceBench()
        defer { bench.tearDown(["etcd"]) }
        let (envPath, original, health, _) = try bench.startEtcd()
        #expect(bench.eventually(20) { bench.get(health)?.contains("true") == true }, "etcd is up")
        let pidBefore = try String(contentsOfFile: bench.services + "/etcd.pid", encoding: .utf8)

        var options = bench.options()
        options.probes = [health]
        let updated = original.replacingOccurrences(of: "ETCD_HEARTBEAT_INTERVAL=100", with: "ETCD_HEARTBEAT_INTERVAL=150")
        let file = PlannedFile(path: envPath, displayPath: "/etc/etcd.env", kind: .env, component: "etcd", services: ["etcd"],
                               original: Array(original.utf8), updated: Array(updated.utf8))
        let result = Transaction(options: options, context: bench.context).apply([file])
        #expect(result.outcome == .changed, "\(result.messages)")
        #expect(result.services.map(\.result) == ["restarted"])
        #expect(try String(contentsOfFile: bench.services + "/etcd.pid", encoding: .utf8) != pidBefore, "a new process")

        let refused = updated.replacingOccurrences(of: "ETCD_LISTEN_CLIENT_URLS=http://127.0.0.1:", with: "ETCD_LISTEN_CLIENT_URLS=http://not-an-ip.invalid:")
        let bad = PlannedFile(path: envPath, displayPath: "/etc/etcd.env", kind: .env, component: "etcd", services: ["etcd"],
                              original: Array(updated.utf8), updated: Array(refused.utf8))
        let rolled = Transaction(options: options, context: bench.context).apply([bad])
        #expect(rolled.outcome == .rolledBack && rolled.exitCode == 3, "\(rolled.messages)")
        #expect(rolled.messages.contains("Rollback finished"))
        #expect(try String(contentsOfFile: envPath, encoding: .utf8) == updated, "byte-identical")
        #expect(try bench.control("is-active", "etcd") == 0, "etcd active again")
        #expect(bench.eventually(20) { bench.get(health)?.contains("true") == true }, "etcd healthy again")
    }
}
