import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// Issue 14 end to end, with the built binary: a master's restarts in order (real etcd and
/// nginx; kube-apiserver, kube-controller-manager and kube-scheduler are stand-ins, `sleep`
/// processes, since no kube-apiserver runs here), a membership-only change that restarts a real
/// etcd not at all, and a static pod restarted through a stand-in crictl
/// (`scripts/rehearsal/crictl-standin`: no container runtime runs here).
@Suite("Masters end to end: restarts that matter, through --service-cmd and a stand-in crictl", .tags(.slow), .notInQuickRun, .serialized)
struct MastersTransactionTests {
    /// A `--service-cmd` that logs `ACTION SERVICE` and hands over to `service-cmd.sh`.
    static func loggingServiceCommand(_ bench: ServiceBench) throws -> (command: String, log: String) {
        let command = bench.root + "/logging-service-cmd", log = bench.root + "/service.log"
        try bench.write(command, "#!/bin/sh\necho \"$*\" >> \(log)\nexec \(bench.serviceCommand) \"$@\"\n", executable: true)
        return (command, log)
    }

    static func actions(_ log: String) -> [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("is-active") }
    }

    static func pid(_ bench: ServiceBench, _ service: String) throws -> String {
        try String(contentsOfFile: bench.services + "/\(service).pid", encoding: .utf8)
    }

    /// A stand-in for a control-plane component no real binary of runs here: it only stays up.
    static func standIn(_ bench: ServiceBench, _ service: String) throws {
        try bench.write(bench.services + "/\(service).run",
                        "#!/bin/sh\n# STAND-IN for \(service) (none runs here): a process that stays up, so restarts show as new pids.\nexec sleep 3600\n",
                        executable: true)
        try bench.control("start", service)
    }

    @Test("etcd and kube-apiserver restarted: the controller manager and scheduler follow, then nginx reloads; etcd and nginx serve again")
    func masterRestartOrder() throws {
        guard ServiceBench.has("etcd") && ServiceBench.has("nginx") && ServiceBench.has("curl") else { return }
        _ = try BinaryRun.requireBinary()
        let bench = try ServiceBench()
        let components = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "nginx"]
        defer { bench.tearDown(components) }
        let ports = ServiceBench.freePorts(3)
        let etcd = try bench.startEtcd(extra: "ETCDCTL_ENDPOINTS=http://192.0.2.21:2379\n")
        let confPath = bench.root + "/etc/nginx/nginx.conf"
        try bench.write(confPath, try bench.fixture("nginx-lb.conf", ["DIR": bench.root, "PORT_FRONT": "\(ports[0])", "PORT_A": "\(ports[1])", "PORT_B": "\(ports[2])"]))
        try bench.write(bench.services + "/nginx.run", "#!/bin/sh\nexec nginx -c \(confPath) -g 'daemon off;'\n", executable: true)
        try bench.write(bench.root + "/etc/kubernetes/apiserver", "KUBE_ETCD_SERVERS=\"--etcd-servers=http://192.0.2.21:2379\"\n")
        try bench.control("start", "nginx")
        for service in ["kube-apiserver", "kube-controller-manager", "kube-scheduler"] { try Self.standIn(bench, service) }
        let health = etcd.health, front = "http://127.0.0.1:\(ports[0])/"
        #expect(bench.eventually(20) { bench.get(health)?.contains("true") == true }, "etcd is up")
        #expect(bench.eventually { bench.get(front) == "apiserver-a\n" }, "nginx serves the old pool")
        let before = try components.map { try Self.pid(bench, $0) }
        let service = try Self.loggingServiceCommand(bench)

        let run = try BinaryRun.apply(root: bench.root, ["--etcd=http://192.0.2.31:2379", "--apiservers=127.0.0.1:\(ports[2])", "--skip-preflight",
                                                         "--service-cmd", service.command, "--health-timeout", "20", "--settle", "1",
                                                         "--probe", health, "--probe", front])
        #expect(run.status == 0, "\(run)")
        #expect(Self.actions(service.log) == ["restart etcd", "restart kube-apiserver", "restart kube-controller-manager", "restart kube-scheduler", "reload nginx"])
        #expect(run.stdout.contains("service kube-controller-manager: restarted after kube-apiserver (it would keep stale connections to it)\n"))
        #expect(run.stdout.contains("service kube-scheduler: restarted after kube-apiserver (it would keep stale connections to it)\n"))
        let after = try components.map { try Self.pid(bench, $0) }
        for (index, name) in components.enumerated() where name != "nginx" { #expect(after[index] != before[index], "\(name) is a new process") }
        #expect(after[4] == before[4], "nginx was reloaded, not restarted")
        #expect(bench.get(front) == "apiserver-b\n", "nginx serves the new pool")
        #expect(bench.get(health)?.contains("true") == true, "etcd healthy")
    }

    @Test("--etcd-members on a running member rewrites initial-cluster and its state, restarts no etcd, and says so; the member starts fine on it later")
    func membershipRestartsNothing() throws {
        guard ServiceBench.has("etcd") && ServiceBench.has("curl") else { return }
        _ = try BinaryRun.requireBinary()
        let bench = try ServiceBench()
        defer { bench.tearDown(["etcd"]) }
        let (envPath, first, health, peerPort) = try bench.startEtcd()
        #expect(bench.eventually(20) { bench.get(health)?.contains("true") == true }, "etcd is up")
        // The member's file names its cluster by routable peer addresses (TEST-NET-1, never contacted).
        let current = first.replacingOccurrences(of: "ETCD_INITIAL_CLUSTER=etcd1=http://127.0.0.1:\(peerPort)",
                                                 with: "ETCD_INITIAL_CLUSTER=etcd1=http://192.0.2.11:2380,etcd2=http://192.0.2.12:2380")
        try bench.write(envPath, current)
        let pid = try Self.pid(bench, "etcd")
        let service = try Self.loggingServiceCommand(bench)
        let members = "etcd1=http://192.0.2.11:2380,etcd2=http://192.0.2.12:2380,etcd3=http://192.0.2.13:2380"

        let run = try BinaryRun.apply(root: bench.root, ["--etcd-members=\(members)", "--skip-preflight", "--service-cmd", service.command,
                                                         "--health-timeout", "20", "--settle", "0", "--json"])
        #expect(run.status == 0, "\(run)")
        let expected = current.replacingOccurrences(of: "etcd1=http://192.0.2.11:2380,etcd2=http://192.0.2.12:2380", with: members)
            .replacingOccurrences(of: "ETCD_INITIAL_CLUSTER_STATE=new", with: "ETCD_INITIAL_CLUSTER_STATE=existing")
        #expect(try String(contentsOfFile: envPath, encoding: .utf8) == expected)
        #expect(Self.actions(service.log) == [], "no restart, no reload")
        #expect(try Self.pid(bench, "etcd") == pid)
        let json = try run.json()
        #expect(json["result"] as? String == "changed")
        let services = json["services"] as? [[String: Any]] ?? []
        #expect(services.count == 1 && services.first?["name"] as? String == "etcd" && services.first?["action"] as? String == "none")
        #expect(services.first?["result"] as? String == "not restarted: only initial-cluster/initial-cluster-state changed, which etcd reads only when a member first starts")

        let again = try BinaryRun.apply(root: bench.root, ["--etcd-members=\(members)", "--skip-preflight", "--service-cmd", service.command])
        #expect(again.status == 0 && again.stdout.contains("Nothing to change"), "\(again)")
        // A running member ignores them: restarted by hand later, on its data directory, it comes back.
        try bench.control("restart", "etcd")
        #expect(bench.eventually(20) { bench.get(health)?.contains("true") == true }, "etcd restarts on the rewritten file")
    }

    /// A copy of `fixtures/masters/kubeadm-haproxy-pod` (haproxy's livenessProbe left out: it asks
    /// the apiservers through the VIP, which are not here) and a stand-in crictl on PATH whose
    /// containers are this node's three static pods.
    struct PodNode {
        let root: String
        let bin: String
        let state: String
        let node: String

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("pods-\(UUID().uuidString)").path
            try FileManager.default.copyItem(atPath: Corpus.fixturesRoot.appendingPathComponent("masters/kubeadm-haproxy-pod").path, toPath: root)
            let manifest = root + "/etc/kubernetes/manifests/haproxy.yaml"
            var text = try String(contentsOfFile: manifest, encoding: .utf8)
            let probe = text.range(of: "    livenessProbe:\n")!.lowerBound..<text.range(of: "    volumeMounts:\n")!.lowerBound
            text.removeSubrange(probe)
            try text.write(toFile: manifest, atomically: true, encoding: .utf8)
            bin = root + "/bin"
            state = root + "/crictl-state"
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: bin + "/crictl",
                                                       withDestinationPath: Corpus.packageRoot.appendingPathComponent("scripts/rehearsal/crictl-standin").path)
            node = Platform.hostName.lowercased()
            var containers = ""
            for (index, pod) in ["haproxy", "kube-scheduler", "kube-controller-manager"].enumerated() {
                containers += String(repeating: String(index + 1), count: 64) + " \(pod)-\(node) \(pod) Running 0\n"
            }
            try containers.write(toFile: state + "/containers", atomically: true, encoding: .utf8)
        }

        var calls: [String] {
            ((try? String(contentsOfFile: state + "/calls", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func apply(broken: String? = nil) throws -> BinaryRun {
            try run(["apply", "--skip-preflight", "--master=https://192.168.0.50:8443",
                     "--apiservers=192.168.0.11:6443,192.168.0.12:6443,192.168.0.14:6443", "--local-addresses=192.168.0.11", "--settle", "0"],
                    broken: broken)
        }

        /// `node-reconfig COMMAND --root ROOT …` with the stand-in crictl first on PATH and a
        /// `--service-cmd` that logs and finds no unit active.
        func run(_ arguments: [String], broken: String? = nil) throws -> BinaryRun {
            let logger = root + "/service-cmd"
            try "#!/bin/sh\necho \"$*\" >> \(root)/service.log\n[ \"$1\" = is-active ] && exit 3\nexit 0\n".write(toFile: logger, atomically: true, encoding: .utf8)
            chmod(logger, 0o755)
            var environment = ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "CRICTL_STANDIN_DIR": state]
            if let broken { environment["CRICTL_STANDIN_BROKEN"] = broken }
            return try BinaryRun.run([try BinaryRun.requireBinary(), arguments[0], "--root", root] + arguments.dropFirst()
                                     + ["--service-cmd", logger, "--health-timeout", "4"], environment: environment)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test("haproxy run by a static pod: its new pool is validated by haproxy, its container stopped through crictl and running again; a second run restarts nothing")
    func staticPodRestart() throws {
        guard ServiceBench.has("haproxy") else { return }
        let node = try PodNode()
        defer { node.remove() }
        let run = try node.apply()
        #expect(run.status == 0, "\(run)")
        #expect(!run.stderr.contains("not validated"), "haproxy -c checked the new pool")
        let stop = "crictl stop " + String(repeating: "1", count: 64)
        #expect(node.calls.filter { !$0.hasPrefix("crictl ps") } == [stop], "only haproxy's container, once")
        #expect(node.calls.first == "crictl ps -q --name ^haproxy$ --label io.kubernetes.pod.name=haproxy-\(node.node)")
        #expect(run.stdout.contains("service static pod haproxy: restarted (crictl stop \(String(repeating: "1", count: 64)); kubelet starts it again)\n"))
        let services = try String(contentsOfFile: node.root + "/service.log", encoding: .utf8)
        #expect(!services.contains("haproxy"), "no haproxy unit asked about, reloaded or restarted: \(services)")
        #expect(try String(contentsOfFile: node.root + "/etc/haproxy/haproxy.cfg", encoding: .utf8).contains("server apiserver-192-168-0-14 192.168.0.14:6443 check verify none\n"))

        let again = try node.apply()
        #expect(again.status == 0 && again.stdout.contains("Nothing to change"), "\(again)")
        #expect(node.calls.filter { $0.hasPrefix("crictl stop") }.count == 1)

        // `rollback` puts the old pool back and restarts the pod again, the container kubelet started.
        let fixture = try Data(contentsOf: Corpus.fixturesRoot.appendingPathComponent("masters/kubeadm-haproxy-pod/etc/haproxy/haproxy.cfg"))
        let rollback = try node.run(["rollback"])
        #expect(rollback.status == 0, "\(rollback)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: node.root + "/etc/haproxy/haproxy.cfg")) == fixture)
        #expect(node.calls.filter { $0.hasPrefix("crictl stop") }.count == 2 && node.calls.last?.hasPrefix("crictl ps") == true)
        #expect(rollback.stdout.contains("static pod haproxy"), "\(rollback.stdout)")
    }

    @Test("a static pod that cannot start on its new file: rolled back byte for byte, restarted on the old one, exit 3")
    func staticPodRollback() throws {
        guard ServiceBench.has("haproxy") else { return }
        let node = try PodNode()
        defer { node.remove() }
        let original = try Data(contentsOf: URL(fileURLWithPath: node.root + "/etc/haproxy/haproxy.cfg"))
        let run = try node.apply(broken: "grep -q 192.168.0.14 \(node.root)/etc/haproxy/haproxy.cfg")
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.contains("static pod haproxy has no running container 4 s after its restart (crictl ps shows none)\n"))
        #expect(run.stderr.contains("Rollback finished"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: node.root + "/etc/haproxy/haproxy.cfg")) == original)
        #expect(run.stdout.contains("service static pod haproxy: failed: not running again; restarted after rollback\n"), "\(run.stdout)")
        let running = try String(contentsOfFile: node.state + "/containers", encoding: .utf8).split(separator: "\n")
            .filter { $0.contains(" haproxy-\(node.node) haproxy Running ") }
        #expect(running.count == 1, "haproxy runs again on the old file")
    }
}
