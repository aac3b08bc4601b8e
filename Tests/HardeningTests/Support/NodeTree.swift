import Foundation
import TestSupport

/// A throw-away node root under /tmp, copied from `fixtures/demo-node`, and what it holds.
///
/// `kube-lb.conf` is left out by default: `nginx -t -c FILE` runs the system nginx, which on
/// Debian has the `stream` module only as a dynamic module and so refuses that file on its
/// own; the runs here must not depend on which nginx is installed.
struct NodeTree {
    /// The arguments of a run that changes five files of the demo node.
    static let switchFlags = ["--skip-preflight", "--no-restart", "--master=https://10.17.40.20:6443",
                              "--etcd=http://10.17.40.21:4012"]
    /// Directories the tool owns (backups, lock): not part of the node's configuration.
    static let ownDirectories = ["var/lib/node-reconfig", "run"]

    let root: String

    init(name: String, withLoadBalancer: Bool = false, at parent: String? = nil) throws {
        let base = parent ?? FileManager.default.temporaryDirectory.path
        root = "\(base)/harden-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: Corpus.fixturesRoot.appendingPathComponent("demo-node").path, toPath: root)
        try? FileManager.default.removeItem(atPath: root + "/README.md")
        if !withLoadBalancer { try FileManager.default.removeItem(atPath: root + "/etc/kube-lb") }
    }

    /// A node root that already exists (e.g. copied onto a tmpfs).
    init(existing root: String) { self.root = root }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Every regular file outside the tool's own directories: relative path → bytes and mode.
    func snapshot() -> [String: Snapshot] {
        var result: [String: Snapshot] = [:]
        for relative in files() where !Self.ownDirectories.contains(where: { relative.hasPrefix($0 + "/") }) {
            let full = path(relative)
            let attributes = try? FileManager.default.attributesOfItem(atPath: full)
            result[relative] = Snapshot(bytes: (try? Data(contentsOf: URL(fileURLWithPath: full))) ?? Data(),
                                        mode: (attributes?[.posixPermissions] as? Int) ?? -1)
        }
        return result
    }

    /// Relative paths of every file (not directory) under the root, hidden ones included.
    func files() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let item = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path(item), isDirectory: &isDirectory), !isDirectory.boolValue { out.append(item) }
        }
        return out.sorted()
    }

    /// Temp files of AtomicWriter (`.NAME.node-reconfig-TAG.tmp`) left anywhere under the root.
    func leftoverTemps() -> [String] {
        files().filter { ($0 as NSString).lastPathComponent.contains(".node-reconfig-") && $0.hasSuffix(".tmp") }
    }

    /// The new tree: a copy of this one after a clean run with `arguments`.
    func expectedAfter(_ arguments: [String]) throws -> [String: Snapshot] {
        let copy = try NodeTree(name: "expected", withLoadBalancer: false)
        defer { copy.remove() }
        try FileManager.default.removeItem(atPath: copy.root)
        try FileManager.default.copyItem(atPath: root, toPath: copy.root)
        let run = try BinaryRun.apply(root: copy.root, arguments)
        guard run.status == 0 else { throw HardeningFailure("a clean run failed: \(run)") }
        return copy.snapshot()
    }
}

/// One file's content and permission bits.
struct Snapshot: Equatable {
    var bytes: Data
    var mode: Int
}

/// A precondition of a hardening test that did not hold.
struct HardeningFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Dictionary where Key == String, Value == Snapshot {
    /// Paths whose content or mode differ from `other`, or that only one side has.
    func differences(from other: [String: Snapshot]) -> [String] {
        Set(keys).union(other.keys).filter { self[$0] != other[$0] }.sorted()
    }
}
