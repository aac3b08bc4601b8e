import Foundation
import Testing
@testable import NodeReconfigCore

/// A temp `--root` with three node files in different modes and owners (one with an xattr and a
/// fake secret), and the plan that rewrites them.
struct TransactionTree {
    static let secret = "c2VjcmV0LWtleS1kYXRhLWRvLW5vdC1sZWFr"
    let root: String
    let plan: [PlannedFile]

    struct Original { var bytes: [UInt8]; var mode: UInt32; var uid: UInt32; var gid: UInt32 }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("txn-\(UUID().uuidString)").path
        let fs = LocalFileSystem()
        try fs.createDirectory(root + "/etc/kubernetes", mode: 0o755)
        try fs.createDirectory(root + "/etc/sysconfig", mode: 0o755)
        try fs.createDirectory(root + "/etc/systemd/system", mode: 0o755)
        let kubeconfig = "apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n  name: k\nusers:\n- name: u\n  user:\n    client-key-data: \(Self.secret)\n"
        let env = "FLANNEL_ETCD=\"http://10.0.0.5:2379\"\r\n# keep me\r\n"
        let unit = "[Service]\nExecStart=/usr/bin/kube-proxy \\\n  --master=http://10.0.0.1:8080\n"
        let files: [(String, String, String, UInt32, UInt32, String, [String], Bool)] = [
            ("/etc/kubernetes/kubelet.conf", kubeconfig, kubeconfig.replacingOccurrences(of: "10.0.0.1", with: "10.9.9.9"), 0o600, 0, "kubelet", ["kubelet"], false),
            ("/etc/sysconfig/flanneld", env, env.replacingOccurrences(of: "10.0.0.5", with: "10.9.9.5"), 0o640, 4321, "flanneld", ["flanneld"], false),
            ("/etc/systemd/system/kube-proxy.service", unit, unit.replacingOccurrences(of: "10.0.0.1", with: "10.9.9.9"), 0o644, 0, "kube-proxy", ["kube-proxy"], true),
        ]
        var plan: [PlannedFile] = []
        for (path, before, after, mode, owner, component, services, reload) in files {
            let host = root + path
            try fs.writeNewFile(host, bytes: Array(before.utf8), mode: mode)
            try fs.setOwner(host, uid: owner, gid: owner == 0 ? 0 : 8765)
            plan.append(PlannedFile(path: host, displayPath: path, kind: reload ? .unit : .env, component: Component(rawValue: component),
                                    services: services, original: Array(before.utf8), updated: Array(after.utf8),
                                    needsDaemonReload: reload))
        }
        try fs.setExtendedAttribute(root + "/etc/sysconfig/flanneld", name: "user.label", value: Array("etc_t".utf8))
        self.plan = plan
    }

    var options: TransactionOptions {
        var options = TransactionOptions()
        options.root = root
        options.serviceCommand = "svc"
        options.healthTimeout = 5
        options.settle = 1
        options.localProbes = []
        options.interrupted = { nil }
        return options
    }

    var backupPath: String { options.backupPath }

    func current(_ file: PlannedFile) throws -> Original {
        let fs = LocalFileSystem()
        let status = try #require(try fs.status(file.path))
        return Original(bytes: try fs.readFile(file.path), mode: status.mode, uid: status.uid, gid: status.gid)
    }

    /// Every file under the root (relative), for spotting leftover temp files.
    func allFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        return (enumerator?.allObjects as? [String] ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
