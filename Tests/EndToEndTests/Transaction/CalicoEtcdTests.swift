import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// A calico node moved from one real etcd to another: the endpoint lists node-reconfig writes
/// (calicoctl.cfg, the CNI config, calico.env) are read by their own readers (PyYAML, python3's
/// json, sh) and handed to `etcdctl endpoint health`, and a calico-node stand-in that lives only
/// while its etcd list is healthy is restarted onto the new cluster and survives the old one.
@Suite("Transaction end to end: a calico node moves to a new etcd", .tags(.slow), .notInQuickRun, .serialized)
struct CalicoEtcdTests {
    static let oldList = "https://10.20.0.11:2379,https://10.20.0.12:2379,https://10.20.0.13:2379"

    /// A network namespace of the test's own (`ip netns add`), its loopback holding `addresses`:
    /// the etcds and calico-node run inside it on addresses that are not loopback (node-reconfig
    /// leaves loopback values alone), and nothing listens outside it.
    struct Namespace {
        let name = "nr-calico-\(getpid())"

        init(addresses: [String]) throws {
            _ = try? Subprocess.run(["ip", "netns", "del", name])
            let commands = [["netns", "add", name], ["-n", name, "link", "set", "lo", "up"]]
                + addresses.map { ["-n", name, "addr", "add", "\($0)/32", "dev", "lo"] }
            for command in commands {
                let result = try Subprocess.run(["ip"] + command, mergeStderr: true)
                try #require(result.status == 0, "ip \(command.joined(separator: " ")): \(result.output)")
            }
        }

        /// `argv` run inside the namespace, as a shell command line.
        func exec(_ argv: String) -> String { "ip netns exec \(name) \(argv)" }

        func run(_ argv: [String]) throws -> Subprocess.Result {
            try Subprocess.run(["ip", "netns", "exec", name] + argv, mergeStderr: true)
        }

        func remove() { _ = try? Subprocess.run(["ip", "netns", "del", name]) }
    }

    /// Starts a one-member etcd named `name` on `address`, serving clients on `clientURLs`.
    static func startEtcd(_ bench: ServiceBench, _ namespace: Namespace, _ name: String, address: String, clientURLs: String) throws {
        try bench.write(bench.services + "/\(name).run", """
            #!/bin/sh
            exec \(namespace.exec("etcd")) --name \(name) --data-dir \(bench.root)/tmp/\(name) --log-level error \\
                --listen-client-urls \(clientURLs) --advertise-client-urls \(clientURLs) \\
                --listen-peer-urls http://\(address):2380 --initial-advertise-peer-urls http://\(address):2380 \\
                --initial-cluster \(name)=http://\(address):2380

            """, executable: true)
        try bench.control("start", name)
    }

    /// How many endpoints of `endpoints` etcdctl finds healthy.
    static func healthy(_ namespace: Namespace, _ endpoints: String) throws -> Int {
        let result = try namespace.run(["etcdctl", "--endpoints=\(endpoints)", "--dial-timeout=2s", "endpoint", "health"])
        return result.status == 0 ? result.output.components(separatedBy: "is healthy").count - 1 : 0
    }

    @Test("apply --etcd: every rewritten list answers etcdctl endpoint health, calico-node restarts onto it and outlives the old etcd")
    func move() throws {
        guard ServiceBench.has("etcd") && ServiceBench.has("etcdctl") && ServiceBench.has("python3") && ServiceBench.has("ip") else { return }
        guard getuid() == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("needs root for a network namespace") }
            return
        }
        let bench = try ServiceBench()
        let namespace = try Namespace(addresses: ["10.77.0.1", "10.77.0.2", "10.77.0.3"])
        defer {
            bench.tearDown(["calico-node", "etcd-old", "etcd-new"])
            namespace.remove()
        }
        let old = "http://10.77.0.1:2379"
        let new = "http://10.77.0.2:2379,http://10.77.0.3:2379"
        try Self.startEtcd(bench, namespace, "etcd-old", address: "10.77.0.1", clientURLs: old)
        try Self.startEtcd(bench, namespace, "etcd-new", address: "10.77.0.2", clientURLs: new)
        #expect(bench.eventually(20) { (try? Self.healthy(namespace, old + "," + new)) == 3 }, "both etcds answer")

        // The calico node of fixtures/addons, on the old etcd.
        let fixture = Corpus.fixturesRoot.appendingPathComponent("addons/calico-node").path
        for path in ["/etc/calico/calicoctl.cfg", "/etc/calico/calico.env", "/etc/cni/net.d/10-calico.conflist", "/etc/systemd/system/calico-node.service"] {
            let text = try String(contentsOfFile: fixture + path, encoding: .utf8)
            try bench.write(bench.root + path, text.replacingOccurrences(of: Self.oldList, with: old))
        }
        try bench.write(bench.services + "/calico-node.run", """
            #!/bin/sh
            set -a
            . \(bench.root)/etc/calico/calico.env
            echo "$ETCD_ENDPOINTS" > \(bench.root)/tmp/calico-node.seen
            exec \(namespace.exec("sh")) -c 'while etcdctl --endpoints="$ETCD_ENDPOINTS" --dial-timeout=1s endpoint health >/dev/null 2>&1; do sleep 0.3; done'

            """, executable: true)
        try bench.control("start", "calico-node")
        #expect(bench.eventually(10) { (try? bench.control("is-active", "calico-node")) == 0 })

        let log = bench.root + "/tmp/service.log"
        let wrapper = bench.root + "/service-cmd-logged"
        try bench.write(wrapper, "#!/bin/sh\necho \"$*\" >> \(log)\nexec \(bench.serviceCommand) \"$@\"\n", executable: true)
        let flags = ["--skip-preflight", "--service-cmd", wrapper, "--settle", "2", "--health-timeout", "15", "--etcd=\(new)"]
        let run = try BinaryRun.apply(root: bench.root, flags)
        try #require(run.status == 0, "\(run)")
        let actions = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("is-active") }
        #expect(actions == ["daemon-reload", "restart calico-node"])
        #expect(try String(contentsOfFile: bench.root + "/tmp/calico-node.seen", encoding: .utf8) == new + "\n")

        // Each list, as its own reader reads it, answers etcdctl.
        let calicoctl = try Subprocess.run(["python3", "-c", "import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))['spec']['etcdEndpoints'])",
                                            bench.root + "/etc/calico/calicoctl.cfg"])
        let cni = try Subprocess.run(["python3", "-c", "import json, sys; print(json.load(open(sys.argv[1]))['plugins'][0]['etcd_endpoints'])",
                                      bench.root + "/etc/cni/net.d/10-calico.conflist"])
        let env = try Subprocess.run(["/bin/sh", "-c", ". \"$1\"; echo \"$ETCD_ENDPOINTS\"", "sh", bench.root + "/etc/calico/calico.env"])
        for (name, result) in [("calicoctl.cfg", calicoctl), ("10-calico.conflist", cni), ("calico.env", env)] {
            #expect(result.status == 0, "\(name): \(result)")
            let list = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(list == new, "\(name)")
            #expect(try Self.healthy(namespace, list) == 2, "\(name): etcdctl --endpoints=\(list) endpoint health")
        }

        // The old etcd goes; calico-node, now on the new one, stays.
        try bench.control("stop", "etcd-old")
        #expect(try Self.healthy(namespace, old) == 0)
        Thread.sleep(forTimeInterval: 2)
        #expect(try bench.control("is-active", "calico-node") == 0, "calico-node outlives the old etcd")

        let again = try BinaryRun.apply(root: bench.root, flags + ["--json"])
        #expect(again.status == 0, "\(again)")
        #expect(try again.json()["changed"] as? Bool == false)
    }
}
