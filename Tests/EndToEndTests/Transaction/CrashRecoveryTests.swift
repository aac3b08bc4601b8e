import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// A run killed with SIGKILL half way (its service command kills it) leaves an unfinished
/// journal; the next run restores that set, says so, then does its own work.
@Suite("Transaction end to end: recovery after SIGKILL", .tags(.slow), .notInQuickRun, .serialized)
struct CrashRecoveryTests {
    static let helperVariable = "NODE_RECONFIG_TXN_CRASH_ROOT"
    static let files = ["/etc/kubernetes/kubelet.conf": "apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n",
                        "/etc/sysconfig/flanneld": "FLANNEL_ETCD=\"http://10.0.0.1:2379\"\n"]

    static func plan(root: String) -> [PlannedFile] {
        files.sorted { $0.key < $1.key }.map { path, text in
            PlannedFile(path: root + path, displayPath: path, kind: .env, component: "test", services: ["svc-" + (path as NSString).lastPathComponent],
                        original: Array(text.utf8), updated: Array(text.replacingOccurrences(of: "10.0.0.1", with: "10.9.9.9").utf8))
        }
    }

    @Test("helper: runs a transaction whose service command SIGKILLs it (only inside the crash test)",
          .enabled(if: ProcessInfo.processInfo.environment[helperVariable] != nil))
    func helperRunsTransaction() throws {
        let root = try #require(ProcessInfo.processInfo.environment[Self.helperVariable])
        var options = TransactionOptions()
        options.root = root
        options.serviceCommand = root + "/killer"
        options.localProbes = []
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: StandardStreams())
        _ = Transaction(options: options, context: context).apply(Self.plan(root: root))
        Issue.record("the service command should have killed this process")
    }

    @Test("after a SIGKILL mid-run no file is torn or missing, and the next run recovers, says so, and succeeds")
    func recovers() throws {
        let bench = try ServiceBench()
        defer { bench.tearDown([]) }
        for (path, text) in Self.files { try bench.write(bench.root + path, text) }
        try bench.write(bench.root + "/killer", "#!/bin/sh\ncase $1 in restart) kill -9 $PPID; sleep 5;; esac\nexit 0\n", executable: true)
        try bench.write(bench.root + "/ok", "#!/bin/sh\nexit 0\n", executable: true)

        let helper = try Subprocess.run([ProcessInfo.processInfo.arguments[0], "--testing-library", "swift-testing", "--filter", "helperRunsTransaction"],
                                        environment: [Self.helperVariable: bench.root], timeout: 300)
        #expect(helper.signaled && helper.status == SIGKILL, "the helper was killed: \(helper)")

        let plan = Self.plan(root: bench.root)
        for file in plan {
            let now = try Array(Data(contentsOf: URL(fileURLWithPath: file.path)))
            #expect(now == file.original || now == file.updated, "\(file.displayPath) is whole")
        }
        var options = bench.options()
        options.serviceCommand = bench.root + "/ok"
        let store = BackupStore(directory: options.backupPath, fileSystem: LocalFileSystem())
        let crashed = try #require(try store.unfinished().first, "an unfinished journal was left")
        #expect(store.journal(crashed).contains { $0.hasPrefix("wrote ") })

        let result = Transaction(options: options, context: bench.context).apply(plan)
        #expect(result.outcome == .changed, "\(result.messages)")
        #expect(result.recoveredSets == [crashed])
        #expect(result.messages.first == "Found an unfinished run (backup set \(crashed)): restored 2 file(s) from it")
        #expect(store.outcome(crashed) == "recovered")
        for file in plan { #expect(try Array(Data(contentsOf: URL(fileURLWithPath: file.path))) == file.updated) }
        #expect(try store.unfinished().isEmpty)
    }
}
