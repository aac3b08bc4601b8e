import Foundation
import Testing
@testable import NodeReconfigCore

@Suite("Real Context parts: processes, network, services")
struct LocalContextTests {
    @Test("a process's stdout, stderr and exit code are captured")
    func captures() throws {
        let result = try LocalProcessRunner().run(ExternalCommand("/bin/sh", ["-c", "echo out; echo err >&2; exit 7"]), timeout: 10)
        #expect(result.exitCode == 7 && result.output == "out\n" && result.errorOutput == "err\n")
    }

    @Test("a process over its timeout is killed with exit 124, and a daemon holding the pipe does not hang the run")
    func timeout() throws {
        let runner = LocalProcessRunner()
        #expect(try runner.run(ExternalCommand("/bin/sh", ["-c", "sleep 30"]), timeout: 0.5).exitCode == 124)
        let detached = try runner.run(ExternalCommand("/bin/sh", ["-c", "(sleep 3 &) ; echo started"]), timeout: 2)
        #expect(detached.exitCode == 0 && detached.output == "started\n")
    }

    @Test("a missing program exits 127 and locate says nil")
    func missing() throws {
        #expect(LocalProcessRunner().locate("no-such-program-here") == nil)
        #expect(try LocalProcessRunner().run(ExternalCommand("no-such-program-here", []), timeout: 1).exitCode == 127)
    }

    @Test("preflight names an unreachable endpoint and passes a listening one")
    func preflight() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        #expect(listen(listener, 4) == 0)
        let open = Int(UInt16(bigEndian: address.sin_port))
        let targets = Targets(master: Endpoint(scheme: "http", host: "127.0.0.1", port: open), apiservers: [HostPort(host: "127.0.0.1", port: 1)])
        let plan = PreflightPlan.make(targets: targets, plan: nil, root: "/")
        let report = Preflight(plan: plan, context: .live(), backupDirectory: "/nonexistent").run()
        #expect(report.findings.map(\.description) == ["--apiservers 127.0.0.1:1: cannot reach 127.0.0.1:1: connection refused"])
    }

    @Test("preflight targets: master, each etcd URL, the apiservers, without duplicates")
    func preflightTargets() {
        let master = Endpoint(scheme: "https", host: "10.0.0.1", port: 6443)
        let etcd = [Endpoint(scheme: "http", host: "10.0.0.5", port: 2379)]
        let targets = PreflightPlan.make(targets: Targets(master: master, etcd: etcd), plan: nil, root: "/").targets
        #expect(targets.map(\.hostPort.description) == ["10.0.0.1:6443", "10.0.0.5:2379"])
        #expect(targets.map(\.label) == ["--master https://10.0.0.1:6443", "--etcd http://10.0.0.5:2379"])
    }

    @Test("service commands: PROGRAM ACTION SERVICE, restart order, load balancers reloaded")
    func serviceCommands() {
        #expect(Systemctl.restart("kubelet").description == "systemctl restart kubelet")
        #expect(Systemctl.isActive("etcd", program: "/x/svc").arguments == ["is-active", "etcd"])
        #expect(Systemctl.daemonReload(program: "/x/svc").description == "/x/svc daemon-reload")
        #expect(ServiceOrder.sorted(["kube-proxy", "kubelet", "haproxy", "flanneld", "kube-scheduler", "etcd", "kube-apiserver",
                                     "kube-controller-manager"])
                == ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "haproxy", "flanneld", "kubelet", "kube-proxy"])
        #expect(ServiceOrder.action(for: "kube-lb") == .reload && ServiceOrder.action(for: "kubelet") == .restart)
    }

    @Test("backups lists sets with time, files and outcome, in JSON too")
    func backupsListing() throws {
        let harness = try TransactionHarness()
        defer { harness.tree.remove() }
        let id = try #require(harness.apply().backupID)
        #expect(BackupsCommand(transaction: harness.options, json: true).run(harness.context) == .success)
        let json = try JSONSerialization.jsonObject(with: Data(harness.output.stdout.utf8)) as? [String: Any]
        let first = try #require((json?["backups"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == id && first["outcome"] as? String == "done")
        #expect((first["files"] as? [String])?.count == 3)
    }
}
