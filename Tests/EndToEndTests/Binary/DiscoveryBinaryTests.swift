import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// The built binary on the layouts of `fixtures/discovery/`: files found by following the node's
/// units, attributed by what uses them (checked in the `--service-cmd` log), load balancers
/// checked with their unit's own binary and prefix (a real nginx), and apply's report read once.
@Suite("Binary: discovery by reference, attribution by use", .tags(.slow), .notInQuickRun, .serialized)
struct DiscoveryBinaryTests {
    static func layout(_ name: String) throws -> DemoNode {
        try DemoNode(fixture: BinaryRun.packageRoot.appendingPathComponent("fixtures/discovery/\(name)").path)
    }

    /// A `--service-cmd` that logs `ACTION SERVICE` and, as systemctl would, says a service is
    /// active when the node root has its unit (a master's companions without a unit are not).
    static func activeServices(_ node: DemoNode) throws -> (command: String, log: String) {
        let command = node.scratch + "/service-cmd", log = node.scratch + "/service.log"
        let units = ["/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"].map { node.root + $0 + "/$2.service" }
        let exists = units.map { "[ -e \"\($0)\" ]" }.joined(separator: " || ")
        try node.write(command, "#!/bin/sh\necho \"$*\" >> \(log)\nif [ \"$1\" = is-active ]; then \(exists) || exit 3; fi\nexit 0\n", executable: true)
        return (command, log)
    }

    static func actions(_ log: String) throws -> [String] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("is-active") }
    }

    static func apply(_ node: DemoNode, _ service: (command: String, log: String), _ flags: [String]) throws -> BinaryRun {
        try node.invoke(["apply"] + flags + ["--service-cmd", service.command, "--health-timeout", "5", "--settle", "0"])
    }

    @Test("the /approot kube-nginx unit's own nginx and -p prefix check the rewritten pool; kube-nginx is reloaded; a config nginx refuses is rolled back")
    func approotKubeNginx() throws {
        guard ServiceBench.has("nginx"), let nginx = LocalProcessRunner().locate("nginx") else { return }
        let node = try Self.layout("approot-kube-nginx")
        let prefix = node.root + "/approot/data/k8s/kube-nginx"
        try FileManager.default.createDirectory(atPath: node.root + "/approot/bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: node.root + "/approot/bin/nginx", withDestinationPath: nginx)
        // A distribution nginx loads its stream module from `modules/` under the prefix, as a build of its own would.
        if FileManager.default.fileExists(atPath: "/usr/lib/nginx/modules") {
            try FileManager.default.createSymbolicLink(atPath: prefix + "/modules", withDestinationPath: "/usr/lib/nginx/modules")
        }
        let service = try Self.activeServices(node)
        let run = try Self.apply(node, service, ["--apiservers=10.17.40.20:6443,10.17.40.25:6443"])
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(!run.stderr.contains("not validated") && !run.stderr.contains("not judged"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: prefix + "/logs/error.log"), "nginx -t ran with -p \(prefix): its relative error_log is there")
        #expect(try Self.actions(service.log) == ["reload kube-nginx"])
        #expect(try node.text("/approot/data/k8s/kube-nginx/kube-nginx.conf").contains("""
                hash $remote_addr consistent;
                server 10.17.40.20:6443 max_fails=3 fail_timeout=30s;
                server 10.17.40.25:6443 max_fails=3 fail_timeout=30s;
            }
        """))

        // The same unit's nginx refuses a value in the file: nothing is reloaded, every byte goes back.
        let conf = "/approot/data/k8s/kube-nginx/kube-nginx.conf"
        let broken = try node.text(conf).replacingOccurrences(of: "proxy_connect_timeout 1s;", with: "proxy_connect_timeout one-second;")
        try node.write(conf, broken)
        try FileManager.default.removeItem(atPath: service.log)
        let refused = try Self.apply(node, service, ["--apiservers=10.17.40.20:6443"])
        #expect(refused.status == 3, "stdout: \(refused.stdout) stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("nginx refused the new \(conf): "))
        #expect(refused.stderr.contains("\"proxy_connect_timeout\" directive invalid value in \(node.root)\(conf):17"))
        #expect(refused.stderr.contains("Rollback finished"))
        #expect(try node.text(conf) == broken)
        #expect(try Self.actions(service.log).isEmpty, "nothing reloaded")
    }

    @Test("a pool file named kube-apiserver.conf that nginx includes is reloaded as nginx, never a kube-apiserver restart", arguments: [false, true])
    func attributionByUse(_ namedWithFile: Bool) throws {
        guard ServiceBench.has("nginx") else { return }
        let node = try Self.layout("salt-stream-d")
        let service = try Self.activeServices(node)
        let extra = namedWithFile ? ["--file=nginx:/etc/nginx/stream.d/kube-apiserver.conf"] : []
        let run = try Self.apply(node, service, ["--apiservers=10.17.40.20:6443,10.17.40.25:6443"] + extra)
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stdout.contains("changed    /etc/nginx/stream.d/kube-apiserver.conf (load-balancer)\n"))
        let log = try String(contentsOfFile: service.log, encoding: .utf8)
        #expect(try Self.actions(service.log) == ["reload nginx"])
        #expect(!log.contains("kube-apiserver"), "kube-apiserver was asked about: \(log)")
        #expect(run.stdout.contains("service nginx: reloaded\n"))
    }

    @Test("units found by the program they run are restarted in SPEC's order by what they run: a renamed haproxy unit is reloaded as a load balancer")
    func orderByProgram() throws {
        guard ServiceBench.has("haproxy") else { return }
        let node = try Self.layout("opt-kubernetes")
        let service = try Self.activeServices(node)
        let run = try Self.apply(node, service, ["--master=https://10.17.40.20:6443",
                                                 "--etcd=https://10.17.40.21:2379,https://10.17.40.22:2379,https://10.17.40.23:2379"])
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(try Self.actions(service.log) == ["restart kube-apiserver", "reload apiserver-lb", "restart flannel", "restart kubelet", "restart kube-proxy"])
        #expect(try node.text("/opt/kubernetes/cfg/flanneld").hasPrefix("FLANNEL_OPTIONS=\"--etcd-endpoints=https://10.17.40.21:2379,"))
    }

    @Test("apply prints each service as a sentence and its summary once, on stdout, naming the backup set")
    func summaryOnce() throws {
        let node = try DemoNode()
        let service = try ServiceBinaryTests.wrapper(node)
        let run = try ServiceBinaryTests.apply(node, service)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: node.backups).first)
        let summary = "Changed 6 file(s); backup set \(node.backups)/\(id)"
        #expect(run.stdout.hasSuffix("""
            service kube-apiserver: was not running; left stopped
            service kube-controller-manager: was not running; left stopped
            service kube-scheduler: was not running; left stopped
            service kube-lb: was not running; left stopped
            service flanneld: restarted
            service kubelet: restarted
            service kube-proxy: was not running; left stopped
            \(summary)

            """), "\(run.stdout)")
        #expect((run.stdout + run.stderr).components(separatedBy: "Changed 6 file(s)").count == 2, "the summary is printed once")
        #expect(!run.stdout.contains("backup set: "))

        let again = try DemoNode()
        let files = try again.run("apply", ["--no-restart"])
        #expect(files.status == 0, "stderr: \(files.stderr)")
        #expect(files.stdout.contains("service kubelet: not restarted (--no-restart)\n"))
        #expect((files.stdout + files.stderr).components(separatedBy: "Changed 6 file(s)").count == 2)
    }

    @Test("backups and rollback on a --root that does not exist exit 1 and create nothing")
    func backupsOnMissingRoot() throws {
        let node = try DemoNode()
        let missing = node.scratch + "/no-such-root"
        for command in [["backups"], ["rollback"]] {
            let run = try BinaryRun.nodeReconfig(command + ["--root", missing], in: node.scratch)
            #expect(run.status == 1)
            #expect(run.stderr == "Error: --root \(missing) does not exist; give the directory that holds the node's files (/ on the node itself). Nothing was changed.\n")
            #expect(!FileManager.default.fileExists(atPath: missing))
        }
    }
}
