import Foundation
import Testing
@testable import NodeReconfigCore

/// A pretend container runtime taking crictl's arguments (fault injection only: no runtime runs
/// here), in front of `FakeServices`: `ps -q … --label io.kubernetes.pod.name=POD` prints the
/// pod's running container, `stop ID` stops it and plays kubelet (a new container) unless
/// `broken` says the pod cannot start on the node's files now; a pod without a container gets
/// one at the next `ps` once it can start again (kubelet's back-off restart). Every call is
/// recorded, services' and runtime's in one log.
final class FakeRuntime: ProcessRunner, @unchecked Sendable {
    private let lock = NSLock()
    let services: FakeServices
    private var running: [String: String] = [:]
    private var counter = 0
    private(set) var calls: [String] = []
    /// True while the pod cannot start (its mounted file is the new one and breaks it).
    var broken: @Sendable (String) -> Bool = { _ in false }

    init(services: FakeServices, pods: [String]) {
        self.services = services
        for pod in pods { running[pod] = newID() }
    }

    private func newID() -> String {
        counter += 1
        return String(repeating: String(counter), count: 13)
    }

    var log: [String] { lock.withLock { calls } }

    func locate(_ program: String) -> String? { services.locate(program) }

    func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult {
        guard command.program == "/fake/crictl" else {
            lock.withLock { calls.append(command.arguments.joined(separator: " ")) }
            return try services.run(command, timeout: timeout)
        }
        return lock.withLock {
            calls.append("crictl " + command.arguments.joined(separator: " "))
            switch command.arguments.first {
            case "ps":
                let pod = command.arguments.first { $0.hasPrefix("io.kubernetes.pod.name=") }.map { String($0.dropFirst(23)) } ?? ""
                if running.keys.contains(pod) || stopped.contains(pod), running[pod] == nil, !broken(pod) { running[pod] = newID() }
                return ProcessResult(exitCode: 0, standardOutput: Array((running[pod].map { $0 + "\n" } ?? "").utf8))
            case "stop":
                let id = command.arguments[1]
                guard let pod = running.first(where: { $0.value == id })?.key else {
                    return ProcessResult(exitCode: 1, standardError: Array("not found\n".utf8))
                }
                running[pod] = nil
                stopped.insert(pod)
                if !broken(pod) { running[pod] = newID() }
                return ProcessResult(exitCode: 0, standardOutput: Array((id + "\n").utf8))
            default:
                return ProcessResult(exitCode: 1)
            }
        }
    }

    private var stopped: Set<String> = []
}

@Suite("transaction: a master's restarts, etcd's first-start settings, static pods")
struct MasterCompanionTests {
    /// A temp root with one file per entry, planned to change (`services`, spared services, static pods).
    static func files(_ root: String, _ entries: [(path: String, component: Component, services: [String], spared: [String], pods: [StaticPod])]) throws -> [PlannedFile] {
        let fs = LocalFileSystem()
        return try entries.map { entry in
            let host = root + entry.path
            try FileManager.default.createDirectory(atPath: (host as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fs.writeNewFile(host, bytes: Array("A=1\n".utf8), mode: 0o644)
            var file = PlannedFile(path: host, displayPath: entry.path, kind: .env, component: entry.component, services: entry.services,
                                   original: Array("A=1\n".utf8), updated: Array("A=2\n".utf8))
            file.sparedServices = entry.spared
            file.staticPods = entry.pods
            return file
        }
    }

    static func transaction(_ tree: TransactionTree, _ runner: any ProcessRunner, network: FakeNetwork = FakeNetwork()) -> (Transaction, BufferedOutput) {
        let output = BufferedOutput()
        var options = tree.options
        options.runtimeCommand = "/fake/crictl"
        options.pollInterval = 0.5
        return (Transaction(options: options, context: Context(fileSystem: LocalFileSystem(), processes: runner, clock: FakeClock(), output: output,
                                                               network: network)), output)
    }

    static func actions(_ log: [String]) -> [String] { log.filter { !$0.hasPrefix("is-active") && !$0.hasPrefix("crictl ps") } }

    @Test("kube-apiserver restarted: the active controller manager and scheduler follow it, in order, and say why")
    func companionsFollow() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let services = FakeServices(active: ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet"])
        let plan = try Self.files(tree.root, [("/etc/kubernetes/apiserver", .kubeAPIServer, ["kube-apiserver"], [], [])])
        let result = Self.transaction(tree, services).0.apply(plan)
        #expect(result.outcome == .changed, "\(result.messages)")
        #expect(Self.actions(services.log) == ["restart kube-apiserver", "restart kube-controller-manager", "restart kube-scheduler"])
        #expect(result.services == [
            ServiceOutcome(name: "kube-apiserver", action: "restart", result: "restarted"),
            ServiceOutcome(name: "kube-controller-manager", action: "restart", result: "restarted after kube-apiserver (it would keep stale connections to it)"),
            ServiceOutcome(name: "kube-scheduler", action: "restart", result: "restarted after kube-apiserver (it would keep stale connections to it)"),
        ])
    }

    @Test("etcd restarted on a DomeOS master: kube-controller follows; a stopped scheduler stays stopped and is not mentioned")
    func domeOSController() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let services = FakeServices(active: ["etcd", "kube-controller"])
        let plan = try Self.files(tree.root, [("/etc/sysconfig/etcd", .etcd, ["etcd"], [], [])])
        let result = Self.transaction(tree, services).0.apply(plan)
        #expect(result.outcome == .changed)
        #expect(Self.actions(services.log) == ["restart etcd", "restart kube-controller"])
        #expect(result.services.map(\.name) == ["etcd", "kube-controller"])
    }

    @Test("no companion when kube-apiserver was not running (not restarted), nor on a node without one")
    func noCompanionWithoutRestart() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let services = FakeServices(active: ["kube-controller-manager", "kube-scheduler", "kubelet"])
        let plan = try Self.files(tree.root, [("/etc/kubernetes/apiserver", .kubeAPIServer, ["kube-apiserver"], [], []),
                                              ("/etc/kubernetes/kubelet", .kubelet, ["kubelet"], [], [])])
        let result = Self.transaction(tree, services).0.apply(plan)
        #expect(result.outcome == .changed)
        #expect(Self.actions(services.log) == ["restart kubelet"])
    }

    @Test("a scheduler that dies after the apiserver's restart rolls back: apiserver, controller manager and scheduler restarted again")
    func companionsInRollback() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let services = FakeServices(active: ["kube-apiserver", "kube-controller-manager", "kube-scheduler"])
        services.deadAfterRestart = 3
        let plan = try Self.files(tree.root, [("/etc/kubernetes/apiserver", .kubeAPIServer, ["kube-apiserver"], [], [])])
        let result = Self.transaction(tree, services).0.apply(plan)
        #expect(result.outcome == .rolledBack && result.exitCode == 3, "\(result.messages)")
        #expect(result.messages.contains("Rollback finished"))
        #expect(Self.actions(services.log) == ["restart kube-apiserver", "restart kube-controller-manager", "restart kube-scheduler",
                                                "restart kube-apiserver", "restart kube-controller-manager", "restart kube-scheduler"])
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: plan[0].path))) == plan[0].original)
    }

    @Test("a change confined to initial-cluster restarts nothing and says so; the same service restarts for another file")
    func sparedMember() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let services = FakeServices(active: ["etcd", "kube-controller-manager"])
        let spared = try Self.files(tree.root, [("/etc/etcd/etcd.conf", .etcd, [], ["etcd"], [])])
        let result = Self.transaction(tree, services).0.apply(spared)
        #expect(result.outcome == .changed)
        #expect(Self.actions(services.log) == [])
        #expect(result.services == [ServiceOutcome(name: "etcd", action: "none", result: TransactionRun.sparedResult)])
        #expect(TransactionRun.sparedResult == "not restarted: only initial-cluster/initial-cluster-state changed, which etcd reads only when a member first starts")

        let tree2 = try TransactionTree()
        defer { tree2.remove() }
        let both = try Self.files(tree2.root, [("/etc/etcd/etcd.conf", .etcd, [], ["etcd"], []), ("/etc/etcd.env", .etcd, ["etcd"], [], [])])
        let again = Self.transaction(tree2, services).0.apply(both)
        #expect(again.services.map(\.name) == ["etcd", "kube-controller-manager"], "restarted once, for the other file")
        #expect(Self.actions(services.log) == ["restart etcd", "restart kube-controller-manager"])
    }

    static let haproxy = StaticPod(name: "haproxy", namespace: "kube-system", container: "haproxy", component: .loadBalancer,
                                   manifest: "/etc/kubernetes/manifests/haproxy.yaml", liveness: "http://127.0.0.1:8443/healthz").on(node: "m1")
    static let scheduler = StaticPod(name: "kube-scheduler", container: "kube-scheduler", component: .kubeScheduler,
                                     manifest: "/etc/kubernetes/manifests/kube-scheduler.yaml").on(node: "m1")

    @Test("static pods whose mounted files changed: their containers stopped through the runtime after the services, waited for, livenessProbe asked")
    func staticPodRestart() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let services = FakeServices(active: ["kubelet"])
        let runtime = FakeRuntime(services: services, pods: ["haproxy-m1", "kube-scheduler-m1"])
        let plan = try Self.files(tree.root, [("/etc/haproxy/haproxy.cfg", .loadBalancer, [], [], [Self.haproxy]),
                                              ("/etc/kubernetes/scheduler.conf", .kubeScheduler, [], [], [Self.scheduler]),
                                              ("/etc/kubernetes/kubelet", .kubelet, ["kubelet"], [], [])])
        let (transaction, _) = Self.transaction(tree, runtime, network: FakeNetwork(statuses: ["http://127.0.0.1:8443/healthz": 200]))
        let result = transaction.apply(plan)
        #expect(result.outcome == .changed, "\(result.messages)")
        #expect(Self.actions(runtime.log) == ["restart kubelet", "crictl stop 2222222222222", "crictl stop 1111111111111"],
                "kube-scheduler ranks before the load balancer")
        #expect(runtime.log.contains("crictl ps -q --name ^haproxy$ --label io.kubernetes.pod.name=haproxy-m1"))
        #expect(result.services.map(\.name) == ["kubelet", "static pod kube-scheduler", "static pod haproxy"])
        #expect(result.services.last?.result == "restarted (crictl stop 1111111111111; kubelet starts it again)")
    }

    @Test("a SIGHUP after a static pod's restart: the rollback still restarts it on the old file and waits for it (the pending signal does not cut that short): Rollback finished")
    func signalThenPodRollback() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let runtime = FakeRuntime(services: FakeServices(active: []), pods: ["haproxy-m1"])
        // kubelet is quick the first time; in the rollback its new container shows only at the
        // second look (asked at the stop, then at each ps while none runs).
        let asked = Counter()
        runtime.broken = { _ in [2, 3].contains(asked.next()) }
        let plan = try Self.files(tree.root, [("/etc/haproxy/haproxy.cfg", .loadBalancer, [], [], [Self.haproxy])])
        var options = tree.options
        options.runtimeCommand = "/fake/crictl"
        options.pollInterval = 0.5
        // The hang-up arrives once the pod was stopped (a fanout timeout's ssh hang-up), and stays pending.
        options.interrupted = { runtime.log.contains { $0.hasPrefix("crictl stop") } ? SIGHUP : nil }
        let context = Context(fileSystem: LocalFileSystem(), processes: runtime, clock: FakeClock(), output: BufferedOutput(),
                              network: FakeNetwork(statuses: ["http://127.0.0.1:8443/healthz": 200]))
        let result = Transaction(options: options, context: context).apply(plan)
        #expect(result.outcome == .rolledBack, "\(result.messages)")
        #expect(result.messages.contains("Rollback finished"), "\(result.messages)")
        #expect(result.services.first?.result.hasSuffix("; restarted after rollback") == true, "\(result.services)")
        #expect(Self.actions(runtime.log).filter { $0.hasPrefix("crictl stop") }.count == 2, "stopped again on the old file")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: plan[0].path))) == plan[0].original)
    }

    @Test("a static pod whose livenessProbe never answers 2xx rolls the run back; it is restarted again on the old file")
    func livenessFails() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let services = FakeServices(active: [])
        let runtime = FakeRuntime(services: services, pods: ["haproxy-m1"])
        let plan = try Self.files(tree.root, [("/etc/haproxy/haproxy.cfg", .loadBalancer, [], [], [Self.haproxy])])
        let result = Self.transaction(tree, runtime, network: FakeNetwork(statuses: ["http://127.0.0.1:8443/healthz": 503])).0.apply(plan)
        #expect(result.outcome == .rolledBack && result.exitCode == 3, "\(result.messages)")
        #expect(result.messages.first == "static pod haproxy's livenessProbe http://127.0.0.1:8443/healthz answered 503 within 5 s of its restart, not 2xx")
        #expect(Self.actions(runtime.log) == ["crictl stop 1111111111111", "crictl stop 2222222222222"])
        #expect(result.services.first?.result == "restarted (crictl stop 1111111111111; kubelet starts it again); restarted after rollback")
    }

    @Test("a static pod that does not come back on the new file: rolled back, and back on the old one (exit 3); never back at all: exit 4")
    func podNeverBack() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        let plan = try Self.files(tree.root, [("/etc/haproxy/haproxy.cfg", .loadBalancer, [], [], [Self.haproxy])])
        let path = plan[0].path, updated = plan[0].updated
        let runtime = FakeRuntime(services: FakeServices(active: []), pods: ["haproxy-m1"])
        runtime.broken = { _ in (try? Array(Data(contentsOf: URL(fileURLWithPath: path)))) == updated }
        let back = Self.transaction(tree, runtime, network: FakeNetwork(statuses: ["http://127.0.0.1:8443/healthz": 200])).0.apply(plan)
        #expect(back.outcome == .rolledBack && back.exitCode == 3, "\(back.messages)")
        #expect(back.messages.first == "static pod haproxy has no running container 5 s after its restart (crictl ps shows none)")
        #expect(back.messages.contains("Rollback finished"))
        #expect(back.services.first?.result == "failed: not running again; restarted after rollback")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == plan[0].original)

        let tree2 = try TransactionTree()
        defer { tree2.remove() }
        let plan2 = try Self.files(tree2.root, [("/etc/haproxy/haproxy.cfg", .loadBalancer, [], [], [Self.haproxy])])
        let lostRuntime = FakeRuntime(services: FakeServices(active: []), pods: ["haproxy-m1"])
        lostRuntime.broken = { _ in true }
        let lost = Self.transaction(tree2, lostRuntime, network: FakeNetwork(statuses: ["http://127.0.0.1:8443/healthz": 200])).0.apply(plan2)
        #expect(lost.outcome == .failed && lost.exitCode == 4, "\(lost.messages)")
        #expect(lost.messages.contains { $0.hasPrefix("Rollback FAILED: every file is restored, but: static pod haproxy has no running container") },
                "\(lost.messages)")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: plan2[0].path))) == plan2[0].original, "the file is restored all the same")
    }

    @Test("static pods to restart and no runtime: refused before anything is written, naming what to do")
    func noRuntime() throws {
        let tree = try TransactionTree()
        defer { tree.remove() }
        var options = tree.options
        options.runtimeCommand = nil
        let plan = try Self.files(tree.root, [("/etc/haproxy/haproxy.cfg", .loadBalancer, [], [], [Self.haproxy])])
        let runner = FakeServices(active: [])
        let result = Transaction(options: options, context: Context(fileSystem: LocalFileSystem(), processes: runner, clock: FakeClock(),
                                                                    output: BufferedOutput(), network: FakeNetwork())).apply(plan)
        #expect(result.outcome == .refused && result.exitCode == 1)
        #expect(result.message == "static pod haproxy must be restarted for the change to take, and neither crictl nor docker is on PATH "
            + "(give --runtime-cmd=PROGRAM, a program taking crictl's arguments, or --no-restart and restart them by hand); nothing was changed")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: plan[0].path))) == plan[0].original)
    }

    @Test("the backup manifest keeps each file's static pods (and omits the member when there are none): rollback restarts them")
    func manifestKeepsPods() throws {
        var entry = BackupEntry(path: "/r/etc/haproxy/haproxy.cfg", displayPath: "/etc/haproxy/haproxy.cfg", component: "load-balancer", kind: "haproxy",
                                services: [], copy: "1-haproxy.cfg", sha256Before: "a", sha256After: "b", mode: 0o644, uid: 0, gid: 0, xattrs: [:],
                                needsDaemonReload: false)
        #expect(entry.json["static_pods"] == nil)
        entry.staticPods = [Self.haproxy]
        let read = try #require(BackupEntry(json: try JSONValue.parse(entry.json.rendered(indent: 0))))
        #expect(read == entry && read.staticPods.first?.mirrorName == "haproxy-m1")
    }

    @Test("a backup manifest entry whose extended attribute is not hex (a hand-edited, damaged manifest) does not read, rather than trap mid-restore",
          arguments: ["zz", "abc", "0g", "-1", "73656c696e7578"])
    func damagedAttribute(_ value: String) throws {
        let entry = BackupEntry(path: "/r/etc/kubernetes/kubelet", displayPath: "/etc/kubernetes/kubelet", component: "kubelet", kind: "env",
                                services: ["kubelet"], copy: "1-kubelet", sha256Before: "a", sha256After: "b", mode: 0o644, uid: 0, gid: 0,
                                xattrs: ["security.selinux": value], needsDaemonReload: false)
        let read = BackupEntry(json: try JSONValue.parse(entry.json.rendered(indent: 0)))
        if value == "73656c696e7578" {
            #expect(read?.attributeValues["security.selinux"] == Array("selinux".utf8))
        } else {
            #expect(read == nil, "\(value)")
        }
    }

    @Test("docker: the pod's container found by kubelet's labels and restarted in place")
    func dockerCommands() {
        let docker = ContainerRuntime(program: "/usr/bin/docker", flavor: .docker)
        #expect(docker.running(Self.haproxy) == ExternalCommand("/usr/bin/docker", ["ps", "-q", "--filter", "label=io.kubernetes.pod.name=haproxy-m1",
                                                                                    "--filter", "label=io.kubernetes.container.name=haproxy"]))
        #expect(docker.restart("0123456789ab") == ExternalCommand("/usr/bin/docker", ["restart", "0123456789ab"]))
        #expect(ContainerRuntime.ids(in: Array("0123456789ab\n\nfedcba987654\n".utf8)) == ["0123456789ab", "fedcba987654"])
    }
}
