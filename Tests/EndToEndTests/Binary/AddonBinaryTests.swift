import Foundation
import TestSupport
import Testing

/// The binary on copies of `fixtures/addons` roots whose services are real processes
/// (`scripts/service-cmd/service-cmd.sh`): what is restarted, in which order, and that each
/// restarted process read the new values.
@Suite("Binary: OpenShift 3.11 master and node restarts", .tags(.slow), .notInQuickRun)
struct AddonBinaryTests {
    /// A copy of `fixtures/addons/NAME` with a `--service-cmd` wrapper that logs every call and
    /// hands it to service-cmd.sh; each of `services` runs a process that records, when it
    /// starts, the lines of `reads` it was started with, then sleeps.
    struct Node {
        let scratch: String
        let root: String
        let command: String
        let log: String

        init(_ name: String, services: [String: (file: String, pattern: String)]) throws {
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("addons-e2e-\(UUID().uuidString)").path
            root = scratch + "/root"
            try FileManager.default.createDirectory(atPath: scratch + "/services", withIntermediateDirectories: true)
            let copy = try Subprocess.run(["/bin/cp", "-a", BinaryRun.packageRoot.appendingPathComponent("fixtures/addons/\(name)").path, root])
            try #require(copy.status == 0, "\(copy)")
            let script = BinaryRun.packageRoot.appendingPathComponent("scripts/service-cmd/service-cmd.sh").path
            command = scratch + "/service-cmd"
            log = scratch + "/service.log"
            try DemoNode.writeFile(command, "#!/bin/sh\necho \"$*\" >> \(log)\nexec \(script) \(scratch)/services \"$@\"\n", executable: true)
            for (service, read) in services {
                try DemoNode.writeFile(scratch + "/services/\(service).run", """
                    #!/bin/sh
                    grep -E '\(read.pattern)' \(root + read.file) > \(scratch)/\(service).seen
                    exec sleep 300

                    """, executable: true)
                let started = try Subprocess.run([command, "start", service])
                try #require(started.status == 0, "\(started)")
            }
            try FileManager.default.removeItem(atPath: log)
        }

        func apply(_ flags: [String]) throws -> BinaryRun {
            try BinaryRun.nodeReconfig(["apply", "--root", root, "--skip-preflight", "--service-cmd", command,
                                        "--health-timeout", "10", "--settle", "1", "--json"] + flags, in: scratch)
        }

        func restarts() throws -> [String] {
            try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("is-active") }
        }

        /// What the service's run script read when it last started; the script runs in the
        /// background after `start` returns, so its file is waited for until written (10 s at most).
        func seen(_ service: String) throws -> String {
            let path = scratch + "/\(service).seen"
            let written = { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0) > 0 }
            for _ in 0..<100 where !written() { usleep(100_000) }
            return try String(contentsOfFile: path, encoding: .utf8)
        }

        func tearDown(_ services: [String]) {
            for service in services { _ = try? Subprocess.run([command, "stop", service]) }
            try? FileManager.default.removeItem(atPath: scratch)
        }
    }

    static let masterServices: [String: (file: String, pattern: String)] = [
        "master-api": ("/etc/origin/master/master-config.yaml", "^  - https://"),
        "master-controllers": ("/etc/origin/master/master-config.yaml", "^  - https://"),
        "atomic-openshift-node": ("/etc/origin/node/node.kubeconfig", "server:"),
    ]

    @Test("a master: master-api, then master-controllers, then the node service restart, each on the new values; origin-node, not running, stays stopped")
    func master() throws {
        let node = try Node("openshift-master", services: Self.masterServices)
        defer { node.tearDown(Array(Self.masterServices.keys)) }
        #expect(try node.seen("master-api").contains("10.20.0.21:2379"))
        let run = try node.apply(["--master=https://10.30.0.10:8443", "--etcd=https://10.30.0.21:2379,https://10.30.0.22:2379"])
        #expect(run.status == 0, "\(run)")
        #expect(try node.restarts() == ["restart master-api", "restart master-controllers", "restart atomic-openshift-node"])
        let asked = try String(contentsOfFile: node.log, encoding: .utf8)
        #expect(asked.contains("is-active origin-node\n"))
        for service in ["master-api", "master-controllers"] {
            #expect(try node.seen(service) == "  - https://10.30.0.21:2379\n  - https://10.30.0.22:2379\n", "\(service) read the new etcd list")
        }
        #expect(try node.seen("atomic-openshift-node").contains("server: https://10.30.0.10:8443"))
        let services = try #require(try run.json()["services"] as? [[String: Any]])
        #expect(services.compactMap { $0["name"] as? String } == ["master-api", "master-controllers", "atomic-openshift-node", "origin-node"])
        #expect(services.last?["result"] as? String == "was not running; left stopped")

        // A second run changes nothing and restarts nothing.
        try FileManager.default.removeItem(atPath: node.log)
        let again = try node.apply(["--master=https://10.30.0.10:8443", "--etcd=https://10.30.0.21:2379,https://10.30.0.22:2379"])
        #expect(again.status == 0, "\(again)")
        let restartsAgain = FileManager.default.fileExists(atPath: node.log) ? try node.restarts() : []
        #expect(restartsAgain == [])
    }

    @Test("a master whose controllers refuse the new list: exit 3, Rollback finished, master-config.yaml byte for byte as it was")
    func masterRollsBack() throws {
        var services = Self.masterServices
        services["master-controllers"] = ("/etc/origin/master/master-config.yaml", "^  - https://")
        let node = try Node("openshift-master", services: services)
        defer { node.tearDown(Array(services.keys)) }
        // The controllers die at once on a list naming 10.30.0.22, as on an etcd they cannot reach.
        try DemoNode.writeFile(node.scratch + "/services/master-controllers.run", """
            #!/bin/sh
            grep -q 10.30.0.22 \(node.root)/etc/origin/master/master-config.yaml && exit 1
            exec sleep 300

            """, executable: true)
        let before = try Data(contentsOf: URL(fileURLWithPath: node.root + "/etc/origin/master/master-config.yaml"))
        let run = try node.apply(["--etcd=https://10.30.0.21:2379,https://10.30.0.22:2379"])
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.contains("Rollback finished"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: node.root + "/etc/origin/master/master-config.yaml")) == before)
        #expect(try node.restarts() == ["restart master-api", "restart master-controllers", "restart master-api", "restart master-controllers"])
    }

    @Test("a node: node.kubeconfig and bootstrap.kubeconfig change, atomic-openshift-node restarts once")
    func node() throws {
        let services: [String: (file: String, pattern: String)] = ["atomic-openshift-node": ("/etc/origin/node/node.kubeconfig", "server:")]
        let node = try Node("openshift-node", services: services)
        defer { node.tearDown(Array(services.keys)) }
        let run = try node.apply(["--master=https://10.30.0.10:8443"])
        #expect(run.status == 0, "\(run)")
        #expect(try node.restarts() == ["restart atomic-openshift-node"])
        #expect(try node.seen("atomic-openshift-node") == "    server: https://10.30.0.10:8443\n")
    }
}
