import Foundation
import NodeReconfigCore
import TestSupport

/// The built `node-reconfig` (`BuiltBinary.path`: `NODE_RECONFIG_BIN`, else
/// `.build/debug/node-reconfig`) and what it can do yet: apply and the module mode are written in
/// parallel branches, so tests that need them probe for them first.
enum RealBinary {
    static let path = BuiltBinary.path
    static let nodeTree = SimulatedHosts.packageRoot.appendingPathComponent("fixtures/fanout-node").path
    static let serviceCommand = nodeTree + "/service-cmd"
    static let newMaster = "https://10.17.34.20:6443"
    static let newEtcd = "http://10.17.34.21:4012"

    /// `plan --json --root=<copy of the fixture node>` prints a JSON result.
    static let hasApply: Bool = {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        guard (try? FileManager.default.copyItem(atPath: nodeTree, toPath: root)) != nil,
              let run = try? SimulatedHosts.shell([path, "plan", "--json", "--root=\(root)", "--master=\(newMaster)", "--skip-preflight"]),
              let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] else { return false }
        return object["result"] is String
    }()

    /// Called with an arguments file holding an unknown option, it answers as an Ansible module.
    static let isAnsibleModule: Bool = {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard (try? Data(#"{"bogus_probe": 1}"#.utf8).write(to: URL(fileURLWithPath: file))) != nil,
              let run = try? SimulatedHosts.shell([path, file]) else { return false }
        return run.stdout.contains("Unsupported parameters for (node_reconfig) module")
    }()

    /// Fails (not skips) in CI, where the merged binary must have everything.
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The apply flags the simulated hosts need: no real apiserver (no preflight), services
    /// driven by the fixture's service-cmd.
    static let flags = ["--master=\(newMaster)", "--etcd=\(newEtcd)", "--skip-preflight",
                        "--service-cmd=\(serviceCommand)", "--health-timeout=5", "--settle=0"]
}
