import Foundation
import Testing
@testable import NodeReconfigCore

/// A pretend container runtime taking crictl's arguments (fault injection only): `ps` prints
/// the one container `current()` names, as kubelet's runtime would for a static pod; every
/// call is recorded. Everything else goes to `FakeServices`.
final class ManifestRuntime: ProcessRunner, @unchecked Sendable {
    let services: FakeServices
    let current: @Sendable () -> String
    private let lock = NSLock()
    private(set) var calls: [String] = []

    init(services: FakeServices, current: @escaping @Sendable () -> String) {
        self.services = services
        self.current = current
    }

    func locate(_ program: String) -> String? { services.locate(program) }

    func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult {
        guard command.program == "/fake/crictl" else { return try services.run(command, timeout: timeout) }
        lock.withLock { calls.append(command.arguments.joined(separator: " ")) }
        return ProcessResult(exitCode: 0, standardOutput: Array((current() + "\n").utf8))
    }
}

/// A runner whose `restart` takes `seconds` of the clock (systemd stopping the old process).
final class SlowRestart: ProcessRunner, @unchecked Sendable {
    let services: FakeServices
    let clock: FakeClock
    let seconds: Double

    init(services: FakeServices, clock: FakeClock, seconds: Double) {
        (self.services, self.clock, self.seconds) = (services, clock, seconds)
    }

    func locate(_ program: String) -> String? { services.locate(program) }

    func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult {
        if command.arguments.first == "restart" { clock.sleep(seconds: seconds) }
        return try services.run(command, timeout: timeout)
    }
}

@Suite("health gate: what it checks, and what it says it cannot")
struct HealthGateTests {
    static let master = Endpoint(scheme: "http", host: "10.17.40.20", port: 8080)

    /// The gate of `root` planned toward `master`, as apply makes it.
    static func gate(_ root: NodeRoot, master: Endpoint = master, askControlPlane: Bool = true, hostName: String = "localhost.localdomain") throws -> (NodePlan, HealthGatePlan) {
        let plan = try root.plan(Targets(master: master))
        let gate = HealthGatePlan.make(plan, root: root.path, hostName: hostName, askControlPlane: askControlPlane) { path in
            try? Array(Data(contentsOf: URL(fileURLWithPath: root.path + path)))
        }
        return (plan, gate)
    }

    static func heartbeats(_ gate: HealthGatePlan) -> [NodeHeartbeat] {
        gate.checks.flatMap { $0 }.compactMap { if case .heartbeat(let beat) = $0 { return beat } else { return nil } }
    }

    @Test("a CentOS rpm / DomeOS kubelet moved by --api-servers=http://… in its env file gets the heartbeat gate over plain http")
    func domeOSHeartbeat() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("KUBELET_ADDRESS=\"--address=0.0.0.0\"\nKUBELET_API_SERVER=\"--api-servers=http://10.17.33.20:8080\"\n".utf8),
                       at: "/etc/kubernetes/kubelet")
        let (plan, gate) = try Self.gate(root)
        #expect(plan.hasChanges)
        let beats = Self.heartbeats(gate)
        #expect(beats.count == 1, "\(gate)")
        #expect(beats.first?.server == "http://10.17.40.20:8080")
        #expect(beats.first?.service == "kubelet")
        #expect(beats.first?.credentials.presentsIdentity == false, "DomeOS's insecure port needs no credentials")
        #expect(gate.notes.isEmpty, "\(gate.notes)")
    }

    @Test("--skip-preflight leaves the heartbeat out and says so, in the human note and in JSON findings")
    func skipPreflightSaysSo() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("KUBELET_API_SERVER=\"--api-servers=http://10.17.33.20:8080\"\n".utf8), at: "/etc/kubernetes/kubelet")
        let (_, gate) = try Self.gate(root, askControlPlane: false)
        #expect(Self.heartbeats(gate).isEmpty)
        let note = try #require(gate.notes.first)
        #expect(note.description == "kubelet's heartbeat not checked: --skip-preflight was given (the new control plane may not be up yet), "
            + "so http://10.17.40.20:8080 is not asked; check the Lease kube-node-lease/localhost.localdomain there by hand")
        #expect(note.json["kind"]?.stringValue == "heartbeat-not-checked")
        #expect(note.json["message"]?.stringValue == note.description)
    }

    @Test("an https master from an env file with no kubeconfig to give kubelet's credentials: not checked, and said")
    func httpsWithoutCredentials() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("KUBELET_API_SERVER=\"--api-servers=https://10.17.33.20:6443\"\n".utf8), at: "/etc/kubernetes/kubelet")
        let (_, gate) = try Self.gate(root, master: Endpoint(scheme: "https", host: "10.17.40.20", port: 6443))
        #expect(Self.heartbeats(gate).isEmpty)
        #expect(gate.notes.map(\.description) == ["kubelet's heartbeat not checked: https://10.17.40.20:6443 (/etc/kubernetes/kubelet) is https and no "
            + "kubeconfig of kubelet gives its client credentials; check the node's Lease there by hand"])
    }

    @Test("a k3s or rke2 agent moved to a new server runs kubelet: its heartbeat is not read through the agent's own load balancer, and a heartbeat-not-checked finding says so",
          arguments: [("k3s-agent", 6443, "127.0.0.1:6444", "/etc/systemd/system/k3s-agent.service.env"),
                      ("rke2-agent", 9345, "127.0.0.1:6443", "/etc/rancher/rke2/config.yaml")])
    func agentHeartbeatNotChecked(_ agent: String, _ port: Int, _ balancer: String, _ moved: String) throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../fixtures/installers/\(agent)").standardized.path
        let plan = try NodePlan.make(discovery: Discovery(root: fixture, fileSystem: LocalFileSystem()),
                                     targets: Targets(master: Endpoint(scheme: "https", host: "10.17.40.20", port: port)))
        #expect(plan.hasChanges)
        #expect(NodeHeartbeat.kubeletServices(plan) == [agent])
        for ask in [true, false] {
            let gate = HealthGatePlan.make(plan, root: fixture, hostName: "localhost.localdomain", askControlPlane: ask) { _ in nil }
            #expect(Self.heartbeats(gate).isEmpty, "\(gate)")
            let kubeconfig = "/var/lib/rancher/\(agent.dropLast("-agent".count))/agent/kubelet.kubeconfig"
            #expect(gate.notes.map(\.description) == ["kubelet's heartbeat (service \(agent)) not checked: \(agent) runs kubelet inside it, and kubelet "
                + "reaches the server through the agent's own load balancer (\(balancer), \(kubeconfig)), not https://10.17.40.20:\(port) (\(moved)), "
                + "so node-reconfig does not read its heartbeat; once the agent is up, check on the new control plane that the node is Ready "
                + "(kubectl get lease -n kube-node-lease NODE)"])
            #expect(gate.notes.first?.json["kind"]?.stringValue == "heartbeat-not-checked")
        }
    }

    @Test("a kubelet run by a unit of another name (k8s-node.service) gets the gate, on that unit's restart")
    func kubeletUnitOfAnotherName() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("[Service]\nExecStart=/usr/bin/kubelet --api-servers=http://10.17.33.20:8080 --v=2\n".utf8),
                       at: "/etc/systemd/system/k8s-node.service")
        let (plan, gate) = try Self.gate(root)
        #expect(plan.files.first?.file.services == ["k8s-node"])
        #expect(Self.heartbeats(gate).map(\.service) == ["k8s-node"], "\(gate)")
    }

    @Test("the node's name is the CN=system:node:NAME of kubelet's client certificate (inline or a file), before --hostname-override and the host name")
    func nodeNameFromCertificate() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { return }
        let root = try NodeRoot()
        defer { root.remove() }
        let dir = root.path + "/pki"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        made.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem",
                          "-subj", "/O=system:nodes/CN=system:node:ip-10-0-3-7.ec2.internal"]
        made.standardError = FileHandle.nullDevice
        try made.run()
        made.waitUntilExit()
        let pem = try Data(contentsOf: URL(fileURLWithPath: dir + "/cert.pem"))
        #expect(ClientCertificate.nodeName(pem: Array(pem)) == "ip-10-0-3-7.ec2.internal")
        try root.place(Array("KUBELET_HOSTNAME=\"--hostname-override=guessed\"\n".utf8), at: "/etc/kubernetes/kubelet")
        for user in ["client-certificate-data: \(pem.base64EncodedString())", "client-certificate: /pki/cert.pem"] {
            try root.place(Array("""
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    server: http://10.17.33.20:8080
                  name: local
                contexts:
                - context:
                    cluster: local
                    user: node
                  name: node
                current-context: node
                users:
                - name: node
                  user:
                    \(user)

                """.utf8), at: "/etc/kubernetes/kubelet.kubeconfig")
            let (_, gate) = try Self.gate(root, hostName: "Build-Host")
            #expect(gate.nodeName == "ip-10-0-3-7.ec2.internal", "\(user.prefix(20))")
            #expect(Self.heartbeats(gate).first?.nodeName == "ip-10-0-3-7.ec2.internal")
        }
        try FileManager.default.removeItem(atPath: root.path + "/etc/kubernetes/kubelet.kubeconfig")
        #expect(try Self.gate(root, hostName: "Build-Host").1.nodeName == "guessed", "no certificate: --hostname-override")
        try FileManager.default.removeItem(atPath: root.path + "/etc/kubernetes/kubelet")
        try root.place(Array("KUBELET_API_SERVER=\"--api-servers=http://10.17.33.20:8080\"\n".utf8), at: "/etc/default/kubelet")
        #expect(try Self.gate(root, hostName: "Build-Host").1.nodeName == "build-host", "neither: the host name, lowercased")
    }

    @Test("the heartbeat clock starts when kubelet's restart command has returned, not before")
    func clockAfterRestart() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let clock = FakeClock()
        let runner = SlowRestart(services: FakeServices(active: ["kubelet"]), clock: clock, seconds: 30)
        var run = TransactionRun(options: tree.options, context: Context(fileSystem: LocalFileSystem(), processes: runner, clock: clock,
                                                                        output: BufferedOutput(), network: FakeNetwork()), files: [])
        run.services = ["kubelet"]
        run.wasActive["kubelet"] = true
        let before = clock.wallTime()
        try run.restartServices()
        #expect(run.restartedAt["kubelet"] == before + 30, "the restart took 30 s; a renewal during it is the old kubelet's")
    }

    @Test("--probe-cert without --probe-cacert is verified against the system's CA bundle, never sent unverified (-k)")
    func probeCertVerified() {
        var options = Options()
        options.probes = ["https://127.0.0.1:9443/healthz"]
        options.probeCert = "/etc/pki/probe.pem"
        options.probeKey = "/etc/pki/probe-key.pem"
        let tls = TransactionOptions(options).probeTLS
        #expect(tls?.insecure == false)
        let arguments = HTTPCheck(url: "https://127.0.0.1:9443/healthz", tls: tls).command.arguments
        #expect(!arguments.contains("-k") && !arguments.contains("--cacert"), "\(arguments)")
        #expect(arguments.contains("--cert"))
        options.probeCACert = "/etc/pki/ca.pem"
        #expect(HTTPCheck(url: "https://x/", tls: TransactionOptions(options).probeTLS).command.arguments.contains("--cacert"))
    }

    @Test("--probe-cert or --probe-key without --probe-cacert is refused before anything runs (exit 1), naming the CA to give", arguments: ["--probe-cert", "--probe-key"])
    func probeCertNeedsCA(_ flag: String) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: FakeServices(active: []), clock: FakeClock(), output: output)
        let code = NodeReconfigCLI.main(arguments: ["apply", "--master=https://10.17.40.20:6443", "--probe=https://127.0.0.1:6443/healthz",
                                                    "\(flag)=/etc/kubernetes/pki/probe.pem", "--root=/nonexistent-probe-root"], context: context)
        #expect(code == 1)
        #expect(output.stderr.hasPrefix("Error: \(flag) needs --probe-cacert: the CA that issued the probed servers' certificates (the cluster's, "
            + "e.g. /etc/kubernetes/pki/ca.crt; the system's bundle for a public one)\n"), "\(output.stderr)")
    }
}

@Suite("health gate: a changed kube-apiserver/etcd manifest waits for kubelet's new pod")
struct RecreatedPodGateTests {
    static let pod = StaticPod(name: "etcd", namespace: "kube-system", container: "etcd", component: .etcd,
                               manifest: "/etc/kubernetes/manifests/etcd.yaml", liveness: "http://127.0.0.1:2381/health").on(node: "m1")

    /// One changed etcd manifest under a fresh tree, with its liveness check and pod.
    static func plan(_ tree: TransactionTree) throws -> [PlannedFile] {
        var files = try MasterCompanionTests.files(tree.root, [("/etc/kubernetes/manifests/etcd.yaml", .etcd, [], [], [])])
        files[0].healthChecks = [.liveness(component: "etcd", url: "http://127.0.0.1:2381/health", pod: pod)]
        return files
    }

    static let alive = FakeNetwork(statuses: ["http://127.0.0.1:2381/health": 200])

    @Test("the old etcd keeps answering but kubelet never starts a new container: rolled back, every byte back")
    func oldPodAnswers() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let plan = try Self.plan(tree)
        let runtime = ManifestRuntime(services: FakeServices(active: ["kubelet"])) { "aaaaaaaaaaaa" }
        let result = MasterCompanionTests.transaction(tree, runtime, network: Self.alive).0.apply(plan)
        #expect(result.outcome == .rolledBack && result.exitCode == 3, "\(result.messages)")
        #expect(result.messages.first == "kubelet did not recreate static pod etcd within 5 s of its manifest's change (crictl ps shows only the "
            + "containers that ran before; a livenessProbe answering now is the old pod's): the new pod may not start; see kubelet's log")
        #expect(result.messages.contains("Rollback finished"))
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: plan[0].path))) == plan[0].original)
        #expect(runtime.calls.first == "ps -q --name ^etcd$ --label io.kubernetes.pod.name=etcd-m1", "noted before the write")
    }

    @Test("kubelet's new container (it follows the manifest) and its probe answering: the run stands")
    func newPodAnswers() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let plan = try Self.plan(tree)
        let path = plan[0].path
        let runtime = ManifestRuntime(services: FakeServices(active: ["kubelet"])) {
            (try? String(contentsOfFile: path, encoding: .utf8)) == "A=1\n" ? "aaaaaaaaaaaa" : "bbbbbbbbbbbb"
        }
        let result = MasterCompanionTests.transaction(tree, runtime, network: Self.alive).0.apply(plan)
        #expect(result.outcome == .changed, "\(result.messages)")
    }

    @Test("no container of the pod before the write (not running, or another node name): no roll back of a healthy node; said, then the fallback")
    func noContainerBefore() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let plan = try Self.plan(tree)
        let runtime = ManifestRuntime(services: FakeServices(active: ["kubelet"])) { "" }
        let result = MasterCompanionTests.transaction(tree, runtime, network: Self.alive).0.apply(plan)
        #expect(result.outcome == .changed, "\(result.messages)")
        #expect(result.messages.contains { $0.hasPrefix("static pod etcd: crictl ps showed no running container of it before the write "
            + "(not running, or the pod is named after another node name), so kubelet's new pod cannot be told from the old one") }, "\(result.messages)")
    }

    @Test("no container runtime: said plainly, then the probe must answer throughout kubelet's pick-up window")
    func noRuntimeFallsBack() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let plan = try Self.plan(tree)
        var options = tree.options
        options.runtimeCommand = nil
        let result = Transaction(options: options, context: Context(fileSystem: LocalFileSystem(), processes: FakeServices(active: []), clock: FakeClock(),
                                                                    output: BufferedOutput(), network: Self.alive)).apply(plan)
        #expect(result.outcome == .changed, "\(result.messages)")
        #expect(result.messages.contains("static pod etcd: no container runtime was found (crictl or docker on PATH, or --runtime-cmd), so kubelet's "
            + "new pod cannot be told from the old one; waiting for its livenessProbe http://127.0.0.1:2381/health to fail and answer again, or to answer throughout 40 s"),
            "\(result.messages)")
    }
}
