import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// The rules the add-on kinds bring: catalog globs over directories, `docker run -e` words,
/// refusals with `file:line`, `--file` of the new kinds.
@Suite("add-on rules: globs, docker -e, refusals, --file kinds")
struct AddonRulesTests {
    static let etcd = "https://10.99.0.11:2379,https://10.99.0.12:2379"

    @Test("a * in a directory component matches directories one level deep; several * in a name; hidden names never")
    func expand() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        for path in ["/etc/kubernetes/addons/dns/kube-dns.yaml", "/etc/kubernetes/addons/dashboard/ui.yaml", "/etc/kubernetes/addons/top.yaml",
                     "/etc/kubernetes/addons/.hidden/x.yaml", "/etc/kubernetes/addons/dns/.x.yaml", "/etc/kubernetes/addons/file.yaml/not-a-dir",
                     "/etc/kubernetes/manifests/kube-dns-1.yaml", "/etc/kubernetes/manifests/coredns.yaml", "/etc/kubernetes/manifests/etcd.yaml"] {
            try root.place(Array("x: 1\n".utf8), at: path)
        }
        let discovery = Discovery(root: root.path, fileSystem: LocalFileSystem())
        let walk = DiscoveryWalk(discovery: discovery)
        #expect(try walk.expand("/etc/kubernetes/addons/*/*.yaml") == ["/etc/kubernetes/addons/dashboard/ui.yaml", "/etc/kubernetes/addons/dns/kube-dns.yaml"])
        #expect(try walk.expand("/etc/kubernetes/addons/*.yaml") == ["/etc/kubernetes/addons/file.yaml", "/etc/kubernetes/addons/top.yaml"])
        #expect(try walk.expand("/etc/kubernetes/manifests/*dns*.yaml") == ["/etc/kubernetes/manifests/coredns.yaml", "/etc/kubernetes/manifests/kube-dns-1.yaml"])
        #expect(try walk.expand("/etc/nothing/*/*.yaml") == [])
        #expect(try walk.expand("/etc/kubernetes/addons/dns/kube-dns.yaml") == ["/etc/kubernetes/addons/dns/kube-dns.yaml"])
        // A directory matched by a last-component glob is no file: discovery skips it.
        let found = try discovery.discover().files.map(\.displayPath)
        #expect(!found.contains("/etc/kubernetes/addons/file.yaml"))
        #expect(found.contains("/etc/kubernetes/addons/dns/kube-dns.yaml"))
    }

    @Test("Glob.matches: each * stands for any run", arguments: [
        ("10-calico.conflist", "*calico*", true), ("calico", "*calico*", true), ("10-cali.conf", "*calico*", false),
        ("a.conf", "*.conf", true), ("a.conflist", "*.conf", false), ("abc", "a*b*c", true), ("ac", "a*b*c", false), ("x", "*", true),
    ])
    func matches(_ name: String, _ pattern: String, _ expected: Bool) {
        #expect(Glob.matches(Array(name), Array(pattern)) == expected)
    }

    @Test("docker run's environment options: every spelling, quoted or not; other variables and other -e are left alone")
    func dockerEnvironment() throws {
        let unit = """
            [Service]
            ExecStart=/usr/bin/docker run --name=calico-node \\
              -e ETCD_ENDPOINTS=http://10.20.0.11:2379 \\
              --env "ETCD_ENDPOINTS=http://10.20.0.12:2379" \\
              --env=ETCD_ENDPOINTS=http://10.20.0.13:2379 \\
              -e=FLANNEL_ETCD=http://10.20.0.14:2379 \\
              -eETCDCTL_ENDPOINTS=http://10.20.0.15:2379 \\
              -e IP=10.20.1.3 -e ETCD_CA_CERT_FILE=/etc/ssl/ca.pem \\
              calico/node:v3.1.3
            ExecStartPost=/usr/sbin/nginx -e /var/log/nginx/error.log

            """
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array(unit.utf8), at: "/etc/systemd/system/calico-node.service")
        var targets = Targets()
        targets.etcd = CorpusTargets.targets.etcd
        let plan = try root.plan(targets)
        let file = try #require(plan.files.first)
        #expect(file.edits.map(\.label) == ["-e ETCD_ENDPOINTS", "--env ETCD_ENDPOINTS", "--env ETCD_ENDPOINTS", "-e FLANNEL_ETCD", "-e ETCDCTL_ENDPOINTS"])
        let list = try #require(targets.etcdList)
        var expected = unit
        for n in 11...15 { expected = expected.replacingOccurrences(of: "http://10.20.0.\(n):2379", with: list) }
        #expect(String(decoding: file.updated, as: UTF8.self) == expected)
        try root.write(plan)
        #expect(try !root.plan(targets).hasChanges)
    }

    @Test("refusals name file:line and change nothing", arguments: [
        ("/etc/coredns/Corefile", ".:53 {\n  kubernetes cluster.local {\n    endpoint https://10.20.0.10:6443 https://10.20.0.11:6443\n  }\n}\n",
         "/etc/coredns/Corefile:3: this 'endpoint' names several apiservers"),
        ("/etc/origin/master/master-config.yaml", "etcdClientInfo:\n  urls:\n  - https://127.0.0.1:2379\n  - https://10.20.0.22:2379\n",
         "/etc/origin/master/master-config.yaml:3: 'https://127.0.0.1:2379,https://10.20.0.22:2379' mixes node-local"),
        ("/etc/origin/master/master-config.yaml", "etcdClientInfo:\n  urls:\n  - https://10.20.0.21:2379\n\n  - https://10.20.0.22:2379\n",
         "/etc/origin/master/master-config.yaml:5: comments or blank lines between the items"),
        ("/etc/cni/net.d/10-calico.conflist", "{\"plugins\": [\n  {\"type\": \"calico\",\n   \"etcd_endpoints\": \"http:\\/\\/10.20.0.11:2379\"}]}\n",
         "/etc/cni/net.d/10-calico.conflist:3: the value 'http://10.20.0.11:2379' is written with escapes"),
    ])
    func refusals(_ path: String, _ text: String, _ message: String) throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array(text.utf8), at: path)
        let error = try #require(throws: NodeReconfigError.self) { try root.plan(CorpusTargets.targets) }
        #expect("\(error)".hasPrefix(message), "\(error)")
        #expect(try root.bytes(at: path) == Array(text.utf8))
    }

    @Test("an OpenShift list on loopback or a variable is left as it is, with the reason")
    func openshiftLeft() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("etcdClientInfo:\n  urls:\n  - https://127.0.0.1:2379\n".utf8), at: "/etc/origin/master/master-config.yaml")
        let file = try #require(try root.plan(CorpusTargets.targets).files.first)
        #expect(!file.changed)
        #expect(file.edits.map(\.outcome) == [.skipped])
        #expect(file.edits.first?.reason == "loopback (node-local)")
        #expect(file.edits.first?.line == 3)
    }

    @Test("--file takes the new kinds; a name that says nothing gets the kind's own use", arguments: [
        ("json:/srv/cni/x.json", FileKind.json, Component.cni, [String]()),
        ("calicoctl:/srv/calico.cfg", .calicoctl, .calico, []),
        ("openshift-master:/srv/master.yaml", .openshiftMaster, .kubeAPIServer, ["master-api", "master-controllers"]),
        ("corefile:/srv/Corefile", .corefile, .addons, ["coredns"]),
        ("keepalived:/srv/k.conf", .keepalived, .loadBalancer, []),
    ])
    func fileKinds(_ flag: String, _ kind: FileKind, _ component: Component, _ services: [String]) throws {
        let parts = flag.split(separator: ":", maxSplits: 1).map(String.init)
        #expect(FileKind(rawValue: parts[0]) == kind)
        let use = Catalog.classify(path: parts[1], kind: kind)
        #expect(use.component == component)
        #expect(use.services == services)
    }

    @Test("detect reports a keepalived VIP and peer as values no target rewrites; a plan with every target leaves the file")
    func keepalived() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let text = Array("vrrp_instance VI_1 {\n  unicast_peer {\n    10.0.0.2\n  }\n  virtual_ipaddress {\n    10.0.0.100/24\n  }\n}\n".utf8)
        try root.place(text, at: "/etc/keepalived/keepalived.conf")
        let file = try #require(try Discovery(root: root.path, fileSystem: LocalFileSystem()).discover().files.first)
        let values = try DetectedValue.values(in: file)
        #expect(values.map { "\($0.role.rawValue) \($0.label) \($0.value)" } == ["peer unicast_peer (VI_1) 10.0.0.2", "vip virtual_ipaddress (VI_1) 10.0.0.100/24"])
        var targets = CorpusTargets.targets
        targets.apiservers = [HostPort(host: "10.0.0.100", port: 6443)]
        targets.drain = [HostPort(host: "10.0.0.2", port: 6443)]
        let plan = try root.plan(targets)
        #expect(!plan.hasChanges && plan.files.first?.edits == [])
        #expect(try KeepalivedHandler.virtualAddresses(in: SourceText(bytes: text)) == ["10.0.0.100"])
    }

    @Test("node-config.yaml's masterKubeConfig is followed wherever it points, and restarts the node service; master-config's etcd TLS files are recorded")
    func openshiftReferences() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("kind: NodeConfig\nmasterKubeConfig: ../node-shared/system:node:node-1.kubeconfig\n".utf8), at: "/etc/origin/node/node-config.yaml")
        let kubeconfig = try Corpus.bytes(fixture: "addons/openshift-node/etc/origin/node/node.kubeconfig")
        try root.place(kubeconfig, at: "/etc/origin/node-shared/system:node:node-1.kubeconfig")
        try root.place(Array("etcdClientInfo:\n  ca: master.etcd-ca.crt\n  urls:\n  - https://10.20.0.21:2379\n".utf8), at: "/etc/origin/master/master-config.yaml")
        let result = try Discovery(root: root.path, fileSystem: LocalFileSystem()).discover()
        let found = try #require(result.files.first { $0.displayPath == "/etc/origin/node-shared/system:node:node-1.kubeconfig" })
        #expect(found.kind == .kubeconfig)
        #expect(found.services == ["atomic-openshift-node", "origin-node"])
        #expect(found.foundBy.map(\.description) == ["masterKubeConfig in /etc/origin/node/node-config.yaml:2"])
        #expect(result.credentials.contains { $0.path == "/etc/origin/master/master.etcd-ca.crt" && $0.target == .etcd && $0.purpose == .ca })
        let plan = try NodePlan.make(discovery: Discovery(root: root.path, fileSystem: LocalFileSystem()), targets: CorpusTargets.targets)
        #expect(plan.changedFiles.map(\.file.displayPath).sorted() == ["/etc/origin/master/master-config.yaml", "/etc/origin/node-shared/system:node:node-1.kubeconfig"])
    }
}
