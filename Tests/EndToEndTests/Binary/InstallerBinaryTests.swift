import Foundation
import TestSupport
import Testing

/// `apply` by the built binary on copies of `fixtures/installers/*`: what each installer's node
/// restarts (through a `--service-cmd` that logs and says which services are active, and the
/// crictl stand-in as `--runtime-cmd` for static pods), what the real programs read from the
/// written files, and a second apply that changes nothing.
@Suite("Binary: the layouts today's installers leave on a node", .tags(.slow), .notInQuickRun)
struct InstallerBinaryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var layout: String
        var flags: [String]
        /// The services the node runs (`is-active` says so of these only).
        var active: [String]
        /// The service commands apply runs (is-active left out).
        var actions: [String]
        /// The static pods whose container apply stops through the runtime (kubelet starts a new one).
        var stoppedPods: [String] = []
        var testDescription: String { layout }
    }

    static let newEtcd = "--etcd=https://10.17.40.21:2379,https://10.17.40.22:2379,https://10.17.40.23:2379"
    static let newPool = "--apiservers=10.17.40.20:6443,10.17.40.21:6443"

    static let cases: [Case] = [
        Case(layout: "k3s-agent", flags: ["--master=https://10.17.40.20:6443"], active: ["k3s-agent"], actions: ["restart k3s-agent"]),
        Case(layout: "rke2-agent", flags: ["--master=https://10.17.40.20:9345"], active: ["rke2-agent"], actions: ["restart rke2-agent"]),
        // A static pod runs KubeKey's haproxy from the directory it mounts: its container is
        // restarted through the runtime, and no unit is reloaded, even where one named haproxy is active.
        Case(layout: "kubekey-worker", flags: [newPool], active: ["kubelet", "haproxy"], actions: [], stoppedPods: ["haproxy"]),
        // lvscare's pool is its manifest: kubelet recreates the pod when it changes, so the
        // runtime is not asked (its container is running, and left to kubelet).
        Case(layout: "sealos-node", flags: [newPool], active: ["kubelet"], actions: []),
        Case(layout: "binary-opt-node", flags: ["--master=https://10.17.40.20:6443", newEtcd], active: ["flanneld", "kubelet", "kube-proxy"],
             actions: ["restart flanneld", "restart kubelet", "restart kube-proxy"]),
        Case(layout: "charmed-flannel", flags: [newEtcd], active: ["flannel"], actions: ["daemon-reload", "restart flannel"]),
    ]

    /// A copy of the layout, a logging `--service-cmd`, the crictl stand-in (scripts/rehearsal)
    /// as `--runtime-cmd` with a running container for each installer's static pod, and `apply` on it.
    struct Node {
        let scratch: String
        var root: String { scratch + "/root" }
        var log: String { scratch + "/service.log" }
        var crictlState: String { scratch + "/crictl-state" }
        /// The static pods' containers: the pod (without the node's name) of each ID.
        static let containers = [("haproxy", "haproxy"), ("kube-sealos-lvscare", "kube-sealos-lvscare")].enumerated().map { index, pod in
            (id: String(repeating: String(index + 1), count: 64), pod: pod.0, container: pod.1)
        }

        init(_ layout: String, active: [String] = []) throws {
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("installer-e2e-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            let fixture = BinaryRun.packageRoot.appendingPathComponent("fixtures/installers/\(layout)").path
            let copy = try Subprocess.run(["/bin/cp", "-a", fixture, root])
            try #require(copy.status == 0, "cp -a \(fixture): \(copy)")
            // KubeKey's haproxy pod probes its own `monitor-uri` on :8081, which no haproxy
            // serves here: the probe is left out of the copy (the health gate's wait for it, and
            // the rollback when it never answers, are MastersTransactionTests').
            let manifest = root + "/etc/kubernetes/manifests/haproxy.yaml"
            if var text = try? String(contentsOfFile: manifest, encoding: .utf8),
               let probe = text.range(of: "    livenessProbe:\n"), let next = text.range(of: "    readinessProbe:\n") {
                text.removeSubrange(probe.lowerBound..<next.lowerBound)
                try text.write(toFile: manifest, atomically: true, encoding: .utf8)
            }
            let script = "#!/bin/sh\necho \"$*\" >> \(log)\n"
                + "if [ \"$1\" = is-active ]; then case \"$2\" in \(active.isEmpty ? "''" : active.joined(separator: "|"))) exit 0 ;; *) exit 3 ;; esac; fi\nexit 0\n"
            try Data(script.utf8).write(to: URL(fileURLWithPath: scratch + "/service-cmd"))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch + "/service-cmd")
            // kubelet names a static pod NAME-NODE, the node being this host unless kubelet's
            // files override it (none of these layouts does).
            let node = try Subprocess.run(["/bin/uname", "-n"]).output.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            try FileManager.default.createDirectory(atPath: crictlState, withIntermediateDirectories: true)
            let running = Self.containers.map { "\($0.id) \($0.pod)-\(node) \($0.container) Running 0\n" }.joined()
            try Data(running.utf8).write(to: URL(fileURLWithPath: crictlState + "/containers"))
            let standin = BinaryRun.packageRoot.appendingPathComponent("scripts/rehearsal/crictl-standin").path
            let crictl = "#!/bin/sh\nCRICTL_STANDIN_DIR=\(crictlState) exec \(standin) \"$@\"\n"
            try Data(crictl.utf8).write(to: URL(fileURLWithPath: scratch + "/crictl"))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch + "/crictl")
        }

        /// The pods whose first container the runtime was asked to stop.
        var stoppedPods: [String] {
            let calls = (try? String(contentsOfFile: crictlState + "/calls", encoding: .utf8)) ?? ""
            return calls.split(separator: "\n").filter { $0.hasPrefix("crictl stop ") }.flatMap { line in
                line.split(separator: " ").dropFirst(2).map { id in Self.containers.first { $0.id == id }?.pod ?? "unknown \(id)" }
            }
        }

        func apply(_ flags: [String]) throws -> BinaryRun {
            try BinaryRun.nodeReconfig(["apply"] + flags + ["--root", root, "--skip-preflight", "--service-cmd", scratch + "/service-cmd",
                                                             "--runtime-cmd", scratch + "/crictl", "--health-timeout", "5", "--settle", "0"], in: scratch)
        }

        /// The service commands run so far, less `is-active`; the log is emptied.
        func takeActions() throws -> [String] {
            guard FileManager.default.fileExists(atPath: log) else { return [] }
            let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
            try FileManager.default.removeItem(atPath: log)
            return lines.filter { !$0.hasPrefix("is-active") }
        }

        func remove() { try? FileManager.default.removeItem(atPath: scratch) }
    }

    @Test("apply restarts what the installer runs (a static pod through the runtime when a file it mounts changed), and a second apply changes and restarts nothing",
          arguments: cases)
    func applyTwice(_ testCase: Case) throws {
        _ = try BinaryRun.requireBinary()
        let node = try Node(testCase.layout, active: testCase.active)
        defer { node.remove() }
        let first = try node.apply(testCase.flags)
        #expect(first.status == 0, "\(first)")
        let actions = try node.takeActions()
        #expect(actions == testCase.actions)
        #expect(node.stoppedPods == testCase.stoppedPods)
        let second = try node.apply(testCase.flags)
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("Nothing to change"), "\(second.stdout)")
        let again = try node.takeActions()
        #expect(again == [])
        #expect(node.stoppedPods == testCase.stoppedPods, "the second run restarted a pod again")
    }

    @Test("k3s agent: bash reads the new K3S_URL and the same K3S_TOKEN from the env file; the token is never printed")
    func k3sEnvFile() throws {
        _ = try BinaryRun.requireBinary()
        let node = try Node("k3s-agent", active: ["k3s-agent"])
        defer { node.remove() }
        let file = node.root + "/etc/systemd/system/k3s-agent.service.env"
        // k3s's installer writes it 0600 (it holds the join token); git keeps only 0644/0755.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let read = { () throws -> String in
            try Subprocess.run(["/bin/bash", "-c", "set -a; . \"$1\"; printf '%s|%s' \"$K3S_URL\" \"$K3S_TOKEN\"", "bash", file]).output
        }
        let token = try read().split(separator: "|").last.map(String.init) ?? ""
        let run = try node.apply(["--master=https://10.17.40.20:6443"])
        #expect(run.status == 0, "\(run)")
        #expect(try read() == "https://10.17.40.20:6443|" + token)
        #expect(!run.stdout.contains(token) && !run.stderr.contains(token))
        // kubelet runs inside k3s-agent and asks the agent's own load balancer: said, not skipped silently.
        #expect(run.stdout.contains("kubelet's heartbeat (service k3s-agent) not checked: k3s-agent runs kubelet inside it"), "\(run.stdout)")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the env file keeps its 0600")
    }

    @Test("KubeKey: haproxy -c accepts the written file, and the run reports the haproxy static pod restarted through the runtime")
    func kubekeyHAProxy() throws {
        _ = try BinaryRun.requireBinary()
        let node = try Node("kubekey-worker")
        defer { node.remove() }
        let run = try node.apply([Self.newPool, "--json"])
        #expect(run.status == 0, "\(run)")
        let services = try run.json()["services"] as? [[String: Any]] ?? []
        let pod = try #require(services.first { $0["name"] as? String == "static pod haproxy" }, "\(run.stdout)")
        #expect(pod["action"] as? String == "restart")
        #expect((pod["result"] as? String)?.hasPrefix("restarted (") == true, "\(pod)")
        #expect(!services.contains { ($0["name"] as? String) == "haproxy" }, "no haproxy unit: \(services)")
        #expect(node.stoppedPods == ["haproxy"])
        guard let haproxy = BinaryRun.locate("haproxy") else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("haproxy is missing and CI=true") }
            return
        }
        let check = try Subprocess.run([haproxy, "-c", "-f", node.root + "/etc/kubekey/haproxy/haproxy.cfg"], mergeStderr: true)
        #expect(check.status == 0, "\(check.output)")
        let text = try String(contentsOfFile: node.root + "/etc/kubekey/haproxy/haproxy.cfg", encoding: .utf8)
        #expect(text.contains("  server apiserver-10-17-40-20 10.17.40.20:6443 check check-ssl verify none\n"))
        #expect(!text.contains("10.17.33."))
    }

    @Test("binary install: kubectl reads the new server from every kubeconfig under /opt/kubernetes/cfg")
    func binaryInstallKubeconfigs() throws {
        _ = try BinaryRun.requireBinary()
        guard let kubectl = BinaryRun.locate("kubectl") else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("kubectl is missing and CI=true") }
            return
        }
        let node = try Node("binary-opt-node")
        defer { node.remove() }
        let run = try node.apply(["--master=https://10.17.40.20:6443", Self.newEtcd])
        #expect(run.status == 0, "\(run)")
        for name in ["bootstrap", "kubelet", "kube-proxy"] {
            let view = try Subprocess.run([kubectl, "config", "view", "--kubeconfig", node.root + "/opt/kubernetes/cfg/\(name).kubeconfig",
                                           "-o", "jsonpath={.clusters[*].cluster.server}"])
            #expect(view.status == 0 && view.output == "https://10.17.40.20:6443", "\(name): \(view.output) \(view.errorOutput)")
        }
    }
}
