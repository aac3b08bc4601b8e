import Foundation
import Synchronization
import TestSupport
import Testing
import NodeReconfigCore

/// Issue 7, "a full disk", "read-only or immutable target" and "races".
@Suite("Hardening: full disks, immutable files, concurrent runs, files changed under us", .tags(.slow), .notInQuickRun, .serialized,
       .enabled(if: BinaryRun.binaryExists, "the node-reconfig binary is not built"))
struct DiskAndRaceTests {
    static func sh(_ command: String) throws -> BinaryRun { try BinaryRun.run(["/bin/sh", "-c", command]) }

    static var isRoot: Bool { getuid() == 0 }

    @Test("a full tmpfs as --root, and a full tmpfs as the backup directory: refused or rolled back, nothing lost",
          arguments: ["root", "backups"])
    func fullDisk(where place: String) throws {
        guard Self.isRoot else { return #expect(!BinaryRun.inCI, "CI runs as root") }
        let tree = try NodeTree(name: "full")
        defer { tree.remove() }
        let mountPoint = place == "root" ? tree.root + "-tmpfs" : tree.path("var/lib/node-reconfig/backups")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try Self.sh("mount -t tmpfs -o size=64k,mode=0700 tmpfs '\(mountPoint)'")
        try #require(mounted.status == 0, "mount: \(mounted)")
        defer { _ = try? Self.sh("umount '\(mountPoint)'; rmdir '\(mountPoint)' 2>/dev/null"); try? FileManager.default.removeItem(atPath: mountPoint) }
        let root = place == "root" ? mountPoint + "/node" : tree.root
        if place == "root" { #expect(try Self.sh("cp -a '\(tree.root)' '\(root)'").status == 0) }
        let node = NodeTree(existing: root)
        let old = node.snapshot()
        // Fill the file system, leaving less than one page.
        _ = try Self.sh("dd if=/dev/zero of='\(mountPoint)/filler' bs=1k count=100 2>/dev/null; true")
        let run = try BinaryRun.apply(root: root, NodeTree.switchFlags)
        #expect(run.status == 1 || run.status == 3, "\(run)")
        #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
        var now = node.snapshot()
        now.removeValue(forKey: "filler")
        #expect(now == old, "\(now.differences(from: old))")
        #expect(node.leftoverTemps().isEmpty)
    }

    @Test("an immutable (chattr +i) target, or a read-only bind mount: refused or rolled back, nothing lost")
    func immutableTarget() throws {
        guard Self.isRoot else { return #expect(!BinaryRun.inCI, "CI runs as root") }
        let tree = try NodeTree(name: "immutable")
        defer { tree.remove() }
        let target = tree.path("etc/systemd/system/kube-apiserver.service")
        let old = tree.snapshot()
        let chattr = try Self.sh("chattr +i '\(target)'")
        let readOnlyMount = chattr.status != 0
        if readOnlyMount {
            // chattr needs ext4/xfs; elsewhere a read-only bind mount of the directory stands in.
            let dir = tree.path("etc/systemd/system")
            try #require(try Self.sh("mount --bind '\(dir)' '\(dir)' && mount -o remount,ro,bind '\(dir)'").status == 0)
        }
        defer { _ = try? Self.sh(readOnlyMount ? "umount '\(tree.path("etc/systemd/system"))'" : "chattr -i '\(target)'") }
        let run = try BinaryRun.apply(root: tree.root, NodeTree.switchFlags)
        #expect(run.status == 1 || run.status == 3, "\(run)")
        #expect(run.status == 1 || run.stderr.contains("Rollback finished"), "\(run.stderr)")
        #expect(tree.snapshot() == old && tree.leftoverTemps().isEmpty, "\(tree.snapshot().differences(from: old))")
    }

    @Test("eight concurrent runs on one node: each finishes or is refused naming the lock; the node ends whole and new")
    func concurrentRuns() throws {
        let tree = try NodeTree(name: "race")
        defer { tree.remove() }
        let new = try tree.expectedAfter(NodeTree.switchFlags)
        let results = Mutex<[BinaryRun]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            if let run = try? BinaryRun.apply(root: tree.root, NodeTree.switchFlags) { results.withLock { $0.append(run) } }
        }
        let runs = results.withLock { $0 }
        #expect(runs.count == 8)
        for run in runs {
            #expect(run.status == 0 || (run.status == 1 && run.stderr.contains("another node-reconfig run is in progress")), "\(run)")
        }
        #expect(runs.contains { $0.status == 0 })
        #expect(tree.snapshot() == new && tree.leftoverTemps().isEmpty)
    }

    @Test("a file changed by someone else between plan and write is detected, refused, and not overwritten")
    func changedUnderUs() throws {
        let tree = try NodeTree(name: "changed")
        defer { tree.remove() }
        let path = tree.path("etc/sysconfig/flanneld")
        let planned = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let theirs = Array("FLANNEL_ETCD=\"http://10.99.99.99:4012\"\n".utf8)
        try Data(theirs).write(to: URL(fileURLWithPath: path))
        let file = PlannedFile(path: path, displayPath: "/etc/sysconfig/flanneld", kind: .env, component: "flanneld", services: [],
                               original: planned, updated: Array("FLANNEL_ETCD=\"http://10.17.40.21:4012\"\n".utf8))
        var options = TransactionOptions()
        options.root = tree.root
        options.noRestart = true
        options.interrupted = { nil }
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: StandardStreams())
        let result = Transaction(options: options, context: context).apply([file])
        #expect(result.outcome == .refused && result.exitCode == 1)
        #expect(result.messages.contains { $0.contains("changed since it was read") }, "\(result.messages)")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == theirs)
    }
}
