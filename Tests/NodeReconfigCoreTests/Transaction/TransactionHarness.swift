import Foundation
import Testing
@testable import NodeReconfigCore

/// One transaction over a fresh `TransactionTree` with fakes, and the checks every failed run
/// must pass: files as they were (bytes, mode, owner), journal closed, no temp files left.
struct TransactionHarness {
    let tree: TransactionTree
    let fileSystem: FaultyFileSystem
    let services: FakeServices
    let output = BufferedOutput()
    var network = FakeNetwork()
    var options: TransactionOptions

    init(fault: (operation: String, occurrence: Int)? = nil) throws {
        tree = try TransactionTree()
        fileSystem = FaultyFileSystem(fault: fault)
        services = FakeServices(active: ["kubelet", "flanneld", "kube-proxy"])
        options = tree.options
    }

    var context: Context {
        Context(fileSystem: fileSystem, processes: services, clock: FakeClock(), output: output, network: network)
    }

    func apply(_ plan: [PlannedFile]? = nil) -> TransactionResult {
        Transaction(options: options, context: context).apply(plan ?? tree.plan)
    }

    var store: BackupStore { BackupStore(directory: tree.backupPath, fileSystem: LocalFileSystem()) }

    /// Every file equals the plan's `original` (or `updated`), with the original mode and owner.
    func expectFiles(updated: Bool, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let owners: [String: (UInt32, UInt32, UInt32)] = [
            "/etc/kubernetes/kubelet.conf": (0o600, 0, 0),
            "/etc/sysconfig/flanneld": (0o640, 4321, 8765),
            "/etc/systemd/system/kube-proxy.service": (0o644, 0, 0),
        ]
        for file in tree.plan {
            let now = try tree.current(file)
            let expected = owners[file.displayPath]!
            #expect(now.bytes == (updated ? file.updated : file.original), "\(file.displayPath) \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
            #expect(now.mode == expected.0 && now.uid == expected.1 && now.gid == expected.2,
                    "\(file.displayPath) mode/owner \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
        }
        let label = try LocalFileSystem().extendedAttributes(tree.root + "/etc/sysconfig/flanneld")["user.label"]
        #expect(label == Array("etc_t".utf8), "xattr kept \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
    }

    /// Every backup set's journal is closed and no `*.tmp` is left anywhere under the root.
    func expectClean(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try store.unfinished().isEmpty, "unfinished journal \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
        let temps = tree.allFiles().filter { $0.hasSuffix(".tmp") }
        #expect(temps.isEmpty, "temp files left: \(temps) \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
    }
}
