import Foundation
import Testing
@testable import NodeReconfigCore

@Suite("Transaction: the forward path")
struct TransactionTests {
    @Test("a successful run writes every file, keeps modes, owners and xattrs, restarts in order and closes the journal")
    func succeeds() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        let result = harness.apply()
        #expect(result.outcome == .changed)
        #expect(result.exitCode == 0)
        try harness.expectFiles(updated: true)
        try harness.expectClean()
        let restarts = harness.services.log.filter { !$0.hasPrefix("is-active") }
        #expect(restarts == ["daemon-reload", "restart flanneld", "restart kubelet", "restart kube-proxy"])
        let id = try #require(result.backupID)
        #expect(harness.store.journal(id).first == "begin \(id) pid \(harness.options.pid)")
        #expect(harness.store.journal(id).last == "done")
    }

    @Test("the backup set is 0700, copies keep their modes, and no secret reaches journal or manifest")
    func backupSet() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        let id = try #require(harness.apply().backupID)
        let fs = LocalFileSystem()
        let set = harness.store.setPath(id)
        #expect(try fs.status(set)?.mode == 0o700)
        #expect(try fs.status(harness.tree.backupPath)?.mode == 0o700)
        let manifest = try #require(harness.store.manifest(id))
        #expect(manifest.files.count == 3)
        for (entry, file) in zip(manifest.files, harness.tree.plan) {
            let copy = "\(set)/\(entry.copy)"
            #expect(try fs.readFile(copy) == file.original)
            #expect(try fs.status(copy)?.mode == (try fs.status(file.path)?.mode))
            #expect(entry.sha256Before == SHA256.hex(file.original))
            #expect(entry.sha256After == SHA256.hex(file.updated))
        }
        #expect(manifest.files[1].xattrs["user.label"] == "6574635f74")
        for name in ["journal", "manifest.json"] {
            let text = String(decoding: try fs.readFile("\(set)/\(name)"), as: UTF8.self)
            #expect(!text.contains(TransactionTree.secret), "\(name) holds a secret")
        }
        #expect(!harness.output.stderr.contains(TransactionTree.secret))
    }

    @Test("nothing to change: no lock, no backup, no restart, exit 0")
    func unchanged() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        let same = harness.tree.plan.map { var f = $0; f.updated = f.original; return f }
        let result = harness.apply(same)
        #expect(result.outcome == .unchanged && result.exitCode == 0 && !result.changed)
        #expect(harness.services.log.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: harness.tree.backupPath))
        #expect(!FileManager.default.fileExists(atPath: harness.tree.root + "/run/node-reconfig.lock"))
    }

    @Test("a file edited after planning is refused with exit 1 and nothing is written")
    func stale() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        var plan = harness.tree.plan
        plan[2].original = Array("something else\n".utf8)
        let result = harness.apply(plan)
        #expect(result.outcome == .refused && result.exitCode == 1)
        #expect(result.message.contains("/etc/systemd/system/kube-proxy.service changed since it was read"))
        try harness.expectFiles(updated: false)
        #expect(try harness.store.ids().isEmpty)
    }

    @Test("a second run is refused at once while the lock is held, naming the holder")
    func lockHeld() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        let fs = LocalFileSystem()
        try fs.createDirectory(harness.tree.root + "/run", mode: 0o755)
        let lock = try #require(try fs.tryLock(harness.tree.root + "/run/node-reconfig.lock", holder: Array("4242\n".utf8)))
        let result = harness.apply()
        fs.unlock(lock)
        #expect(result.exitCode == 1)
        #expect(result.message == "Lock at \(harness.tree.root)/run/node-reconfig.lock is held by pid 4242: another node-reconfig run is in progress; wait for it to finish")
        try harness.expectFiles(updated: false)
        #expect(harness.apply().exitCode == 0, "the lock is free again")
    }

    @Test("a service that was not active is not started")
    func inactiveStaysStopped() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        let services = FakeServices(active: ["kubelet"])
        let context = Context(fileSystem: harness.fileSystem, processes: services, clock: FakeClock(),
                              output: harness.output, network: harness.network)
        let result = Transaction(options: harness.options, context: context).apply(harness.tree.plan)
        #expect(result.exitCode == 0)
        #expect(!services.log.contains("restart flanneld") && services.log.contains("restart kubelet"))
        #expect(result.services.first { $0.name == "flanneld" }?.result == "was not running; left stopped")
    }

    @Test("EBUSY on rename (a bind-mounted file) rewrites in place with the intended bytes")
    func busyRename() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        harness.fileSystem.busyRenames = true
        let result = harness.apply()
        #expect(result.outcome == .changed)
        try harness.expectFiles(updated: true)
        try harness.expectClean()
    }

    @Test("backups beyond --keep-backups are pruned, oldest first")
    func prune() throws {
        var harness = try TransactionHarness()
        defer { harness.tree.remove() }
        harness.options.keepBackups = 2
        for round in 0..<4 {
            var plan = harness.tree.plan
            if round % 2 == 1 { plan = plan.map { var f = $0; swap(&f.original, &f.updated); return f } }
            harness.options.pid = Int32(100 + round)
            #expect(harness.apply(plan).exitCode == 0)
        }
        let ids = try harness.store.ids()
        #expect(ids.count == 2)
        #expect(ids.allSatisfy { $0.hasSuffix("-102") || $0.hasSuffix("-103") })
    }
}
