import Foundation
import NodeReconfigCore

/// A temporary node root on disk: files placed at node paths, planned with the real file system.
struct NodeRoot {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("node-root-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func place(_ bytes: [UInt8], at nodePath: String) throws {
        let full = path + nodePath
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func bytes(at nodePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path + nodePath)))
    }

    func plan(_ targets: Targets, only: [String] = []) throws -> NodePlan {
        try NodePlan.make(discovery: Discovery(root: path, only: only, fileSystem: LocalFileSystem()), targets: targets)
    }

    /// Writes every planned file's new bytes (what apply would write, without the transaction).
    func write(_ plan: NodePlan) throws {
        for file in plan.changedFiles {
            try Data(file.updated).write(to: URL(fileURLWithPath: file.file.hostPath))
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The targets every corpus-root case is planned with.
enum CorpusTargets {
    static let targets: Targets = {
        var targets = Targets()
        targets.master = Endpoint(scheme: "https", host: "10.99.0.1", port: 6443)
        targets.etcd = [Endpoint(scheme: "https", host: "10.99.0.11", port: 2379), Endpoint(scheme: "https", host: "10.99.0.12", port: 2379)]
        targets.etcdMembers = [EtcdMember(name: "m1", peerURL: Endpoint(scheme: "https", host: "10.99.0.11", port: 2380)),
                               EtcdMember(name: "m2", peerURL: Endpoint(scheme: "https", host: "10.99.0.12", port: 2380))]
        return targets
    }()
}
