import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// Issue 14: masters, etcd members and static pods as the runbooks have them. The own-address
/// rule, no self-loop (issue 14's two outages are `fixtures/masters/`), `initial-cluster-state`,
/// and the static pods that use a file. Refusals word for word, plans and detects as golden
/// files (`RECORD_GOLDEN=1` re-records; read the diff).
@Suite("masters: own addresses, no self-loop, member state, static pods")
struct MastersTests {
    static func root(_ layout: String) -> String {
        Corpus.fixturesRoot.appendingPathComponent("masters/\(layout)").path
    }

    static func run(_ arguments: [String], network: any NetworkProber = LocalNetworkProber()) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output,
                              network: network)
        return (NodeReconfigCLI.main(arguments: arguments, context: context), output)
    }

    /// Every file under `root` (relative path → bytes).
    static func snapshot(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: root) ?? FileManager.default.enumerator(atPath: "/dev/null")! {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            }
        }
        return files
    }

    static func targets(_ flags: [(String, String)]) throws -> Targets {
        try Targets.parse(flags.map { (flag: $0.0, value: $0.1) })
    }

    // MARK: no self-loop: issue 14's outages

    @Test("the kubeadm guide's haproxy pool is not fed its own VIP from --master: refused word for word, exit 1, nothing printed on stdout")
    func haproxyFedItsVIP() {
        let (code, output) = Self.run(["plan", "--root", Self.root("kubeadm-haproxy-pod"), "--skip-preflight",
                                       "--master=https://192.168.0.40:8443", "--local-addresses=192.168.0.11,192.168.0.40"])
        #expect(code == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == """
            Error: /etc/haproxy/haproxy.cfg:25: --master (used as --apiservers, which was not given) would put 192.168.0.40:8443 \
            into pool 'apiserverbackend', where haproxy itself listens ('bind *:8443' on line 20); 192.168.0.40 is this host's own \
            address: the pool would send every request back to itself. Give --apiservers the kube-apiservers' own HOST:PORTs. \
            Nothing was changed.

            """)
    }

    @Test("a master's nginx pool is not fed the VIP this host holds: refused word for word, exit 1")
    func nginxFedItsVIP() {
        let (code, output) = Self.run(["plan", "--root", Self.root("master-nginx-vip"), "--skip-preflight",
                                       "--master=https://10.200.20.241:443", "--local-addresses=10.200.20.31,10.200.20.241"])
        #expect(code == 1)
        #expect(output.stderr == """
            Error: /etc/nginx/nginx.conf:8: --master (used as --apiservers, which was not given) would put 10.200.20.241:443 \
            into pool 'apiserver', where nginx itself listens ('listen 443' on line 14); 10.200.20.241 is this host's own \
            address: the pool would send every request back to itself. Give --apiservers the kube-apiservers' own HOST:PORTs. \
            Nothing was changed.

            """)
    }

    @Test("apply refuses the same before anything is written: no file changes, no backup set, exit 1 and a refused JSON result")
    func applyRefusesBeforeWriting() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("masters-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.root("kubeadm-haproxy-pod"), toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let before = try Self.snapshot(copy)
        let (code, output) = Self.run(["apply", "--json", "--root", copy, "--skip-preflight", "--service-cmd=/bin/true",
                                       "--apiservers=192.168.0.40:8443", "--local-addresses=192.168.0.11,192.168.0.40"])
        #expect(code == 1)
        #expect(before == (try Self.snapshot(copy)), "every file byte for byte, and no file more")
        #expect(!FileManager.default.fileExists(atPath: copy + "/var/lib/node-reconfig"), "no backup set")
        let json = try JSONValue.parse(output.stdout)
        #expect(json["result"]?.stringValue == "refused")
        #expect(json["message"]?.stringValue?.hasPrefix("/etc/haproxy/haproxy.cfg:25: --apiservers would put 192.168.0.40:8443 into pool 'apiserverbackend'") == true,
                "\(output.stdout)")
    }

    @Test("an explicit listen address is a loop whatever the host's addresses are; a wildcard one needs the address to be this host's")
    func explicitAndWildcardListeners() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("""
            frontend api
                bind 10.0.0.40:6443
                default_backend kube-apiservers
            backend kube-apiservers
                server m1 10.0.0.11:6443 check

            """.utf8), at: "/etc/haproxy/haproxy.cfg")
        #expect(throws: NodeReconfigError.self) { try root.plan(try Self.targets([("apiservers", "10.0.0.11:6443,10.0.0.40:6443")])) }
        // Another port of that address is another listener's business: planned.
        let plan = try root.plan(try Self.targets([("apiservers", "10.0.0.11:6443,10.0.0.40:7443")]))
        #expect(plan.hasChanges)

        try root.place(Array("""
            stream {
                upstream kube_apiserver {
                    server 10.0.0.11:6443;
                }
                server {
                    listen 127.0.0.1:6443;
                    proxy_pass kube_apiserver;
                }
                server {
                    listen 9000;
                    proxy_pass other;
                }
                upstream other { server 10.9.9.9:80; }
            }

            """.utf8), at: "/etc/nginx/nginx.conf")
        try FileManager.default.removeItem(atPath: root.path + "/etc/haproxy/haproxy.cfg")
        do {
            _ = try root.plan(try Self.targets([("apiservers", "127.0.0.1:6443")]))
            Issue.record("loopback 6443 is nginx's own listener: refused")
        } catch let error as NodeReconfigError {
            guard case .selfLoop(let loop) = error else { Issue.record("\(error)"); return }
            #expect(loop.listener == "listen 127.0.0.1:6443" && loop.listenerLine == 6 && loop.why == "loopback" && !loop.fromMaster)
        }
        // Port 9000 is the other upstream's server: only this pool's own listeners count.
        #expect(try root.plan(try Self.targets([("apiservers", "127.0.0.1:9000")])).hasChanges)
        // The master's own apiserver on this host is no loop: the load balancer listens elsewhere.
        var own = try Self.targets([("apiservers", "10.0.0.5:6443,10.0.0.11:6443")])
        own.localAddresses = ["10.0.0.5"]
        #expect(try NodePlan.make(discovery: Discovery(root: root.path, fileSystem: LocalFileSystem(), localAddresses: ["10.0.0.5"]),
                                  targets: own).hasChanges)
    }

    @Test("a keepalived VIP of this host is never a pool's server, named as such")
    func virtualAddress() throws {
        let config = try HAProxyConfig(SourceText(bytes: Array("frontend f\n    bind :8443\n    default_backend b\nbackend b\n    server a 10.0.0.11:6443\n".utf8)))
        var targets = try Self.targets([("master", "https://10.0.0.100:8443")])
        targets.virtualAddresses = ["10.0.0.100"]
        let loop = try #require(SelfLoop.find(targets.effectiveApiservers!, pool: config.pools[0], config: config, targets: targets, path: "/etc/haproxy/haproxy.cfg"))
        #expect(loop.description == """
            /etc/haproxy/haproxy.cfg:4: --master (used as --apiservers, which was not given) would put 10.0.0.100:8443 into pool 'b', \
            where haproxy itself listens ('bind :8443' on line 2); 10.0.0.100 is a keepalived VIP of this host: the pool would send \
            every request back to itself. Give --apiservers the kube-apiservers' own HOST:PORTs. Nothing was changed.
            """)
        // A pool whose file says nothing of where it listens still never takes a VIP.
        let bare = try HAProxyConfig(SourceText(bytes: Array("backend b\n    server a 10.0.0.11:6443\n".utf8)))
        #expect(SelfLoop.find(targets.effectiveApiservers!, pool: bare.pools[0], config: bare, targets: targets, path: "/x")?.listener == nil)
        #expect(SelfLoop.find(targets.effectiveApiservers!, pool: bare.pools[0], config: bare, targets: targets, path: "/x") != nil)
    }

    @Test("listen and bind addresses are read as nginx and haproxy write them", arguments: [
        ("6443", nil, 6443...6443), ("127.0.0.1:6443", "127.0.0.1", 6443...6443), ("[::]:6443", nil, 6443...6443),
        ("*:8443", nil, 8443...8443), (":8443", nil, 8443...8443), (":::8443", nil, 8443...8443),
        ("ipv4@10.0.0.1:6443", "10.0.0.1", 6443...6443), (":6443-6445", nil, 6443...6445), ("[fd00::1]:443", "fd00::1", 443...443),
        ("localhost", "localhost", 80...80),
    ] as [(String, String?, ClosedRange<Int>)])
    func listenAddresses(_ word: String, _ host: String?, _ ports: ClosedRange<Int>) throws {
        let listener = try #require(PoolListener.reading(word, line: 0, text: word))
        #expect(listener.host == host && listener.ports == ports)
    }

    @Test("unix sockets and descriptors are no TCP listener", arguments: ["unix:/run/lb.sock", "/run/lb.sock", "abns@lb", "fd@3"])
    func notTCP(_ word: String) {
        #expect(PoolListener.reading(word, line: 0, text: word) == nil)
    }

    // MARK: own addresses

    @Test("the VIP's pool, given the apiservers: plan is the golden diff; the controller manager and scheduler stay on their own apiserver")
    func kubeadmPlan() throws {
        let root = Self.root("kubeadm-haproxy-pod")
        let (code, output) = Self.run(["plan", "--root", root, "--skip-preflight", "--master=https://192.168.0.50:8443",
                                       "--apiservers=192.168.0.11:6443,192.168.0.12:6443,192.168.0.14:6443", "--local-addresses=192.168.0.11"])
        #expect(code == 2, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        #expect(output.stdout == (try Golden.expected("masters-kubeadm-haproxy-pod-plan.txt", recording: output.stdout)))
    }

    @Test("detect reports own-address values as local and names the static pods that use each file")
    func kubeadmDetect() throws {
        let root = Self.root("kubeadm-haproxy-pod")
        let (code, output) = Self.run(["detect", "--root", root, "--local-addresses=192.168.0.11"])
        #expect(code == 0, "\(output.stderr)")
        let text = output.stdout.replacingOccurrences(of: root, with: "<root>")
        #expect(text == (try Golden.expected("masters-kubeadm-haproxy-pod-detect.txt", recording: text)))
        let (_, json) = Self.run(["detect", "--json", "--root", root, "--local-addresses=192.168.0.11"])
        let files = try JSONValue.parse(json.stdout)["files"]?.arrayValue ?? []
        let haproxy = try #require(files.first { $0["path"]?.stringValue == "/etc/haproxy/haproxy.cfg" })
        #expect(haproxy["services"]?.arrayValue?.isEmpty == true, "no haproxy unit runs it")
        #expect(haproxy["static_pods"]?.arrayValue?.compactMap(\.stringValue) == ["static pod haproxy"])
        let scheduler = try #require(files.first { $0["path"]?.stringValue == "/etc/kubernetes/scheduler.conf" })
        #expect(scheduler["values"]?.arrayValue?.first?["note"]?.stringValue == "local (this host's own address)")
    }

    @Test("plan --json reports a value on this host's own address as skipped, reason local")
    func localInJSON() throws {
        let (code, output) = Self.run(["plan", "--json", "--root", Self.root("master-nginx-vip"), "--skip-preflight",
                                       "--master=https://10.200.20.250:443", "--apiservers=10.200.20.31:6443,10.200.20.32:6443",
                                       "--local-addresses=10.200.20.31"])
        #expect(code == 2, "\(output.stderr)")
        let files = try JSONValue.parse(output.stdout)["files"]?.arrayValue ?? []
        for path in ["/etc/kubernetes/controller-manager.conf", "/etc/kubernetes/scheduler.conf"] {
            let file = try #require(files.first { $0["path"]?.stringValue == path })
            let edit = try #require(file["edits"]?.arrayValue?.first)
            #expect(edit["outcome"]?.stringValue == "skipped" && edit["reason"]?.stringValue == "local (this host's own address)", "\(path)")
            #expect(file["changed"] == .bool(false))
        }
        let kubelet = try #require(files.first { $0["path"]?.stringValue == "/etc/kubernetes/kubelet.conf" })
        #expect(kubelet["changed"] == .bool(true), "the VIP is not this host's own address here: kubelet follows --master")
    }

    @Test("a list naming this host among others is the cluster's and is rewritten; one naming only this host (and loopback) is left")
    func ownAddressLists() {
        let local: Set<String> = ["10.0.0.5"]
        #expect(ValueRule.classify("https://10.0.0.5:2379,https://10.0.0.6:2379", role: .etcd, local: local) == .remote)
        #expect(ValueRule.classify("https://10.0.0.5:2379", role: .etcd, local: local) == .left(.local))
        #expect(ValueRule.classify("https://127.0.0.1:2379,https://10.0.0.5:2379", role: .etcd, local: local) == .left(.local))
        #expect(ValueRule.classify("https://10.0.0.5:6443", role: .master, local: local) == .left(.local))
        #expect(ValueRule.classify("https://10.0.0.5:6443", role: .master) == .remote, "no own addresses known")
        #expect(ValueRule.classify("m1=https://10.0.0.5:2380", role: .members, local: local) == .remote, "a membership list names this member too")
        #expect(ValueRule.decide(current: "https://10.0.0.5:6443", role: .master, target: "https://10.0.0.9:6443", local: local) == .skip(.local))
    }

    @Test("--local-addresses takes IPv4 and IPv6 addresses, or none; anything else is refused naming the flag")
    func localAddressesOption() throws {
        guard case .run(let invocation) = CLIOutcome.resolve(["plan", "--master=https://10.0.0.9:6443", "--local-addresses=10.0.0.5,[FD00::5],fe80::1"]) else {
            Issue.record("refused")
            return
        }
        #expect(invocation.options.localAddresses == ["10.0.0.5", "fd00::5", "fe80::1"])
        guard case .run(let none) = CLIOutcome.resolve(["plan", "--master=https://10.0.0.9:6443", "--local-addresses=none"]) else {
            Issue.record("refused")
            return
        }
        #expect(none.options.localAddresses == [])
        #expect(throws: ValueError(flag: "--local-addresses", value: "10.0.0.5,master-1",
                                   "has 'master-1', which is not an IP address; give this host's addresses, e.g. 10.0.0.11,fd00::11 (or none)")) {
            try Options.addresses("10.0.0.5,master-1", flag: "--local-addresses")
        }
        #expect(throws: ValueError(flag: "--local-addresses", value: "10.0.0.5,10.0.0.5", "lists 10.0.0.5 twice; give each address once")) {
            try Options.addresses("10.0.0.5,10.0.0.5", flag: "--local-addresses")
        }
    }

    @Test("with --root /, this host's interfaces are its own addresses (getifaddrs: loopback at least); another root has none unless given")
    func interfaces() {
        let addresses = LocalNetworkProber().localAddresses()
        #expect(addresses.contains("127.0.0.1"), "\(addresses)")
        var options = Options()
        options.root = "/srv/node"
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: BufferedOutput())
        #expect(Discovery(options, context: context).localAddresses == [])
        options.root = "/"
        #expect(Discovery(options, context: context).localAddresses == addresses)
        options.localAddresses = ["10.0.0.5"]
        #expect(Discovery(options, context: context).localAddresses == ["10.0.0.5"], "--local-addresses overrides the interfaces")
    }

    // MARK: etcd members

    @Test("--etcd-members sets initial-cluster-state to existing beside the list; a change confined to them restarts nothing")
    func memberState() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("""
            ETCD_NAME=etcd1
            ETCD_INITIAL_CLUSTER="etcd1=https://10.0.0.21:2380,etcd2=https://10.0.0.22:2380"
            ETCD_INITIAL_CLUSTER_STATE="new"
            ETCD_ADVERTISE_CLIENT_URLS=https://10.0.0.21:2379

            """.utf8), at: "/etc/etcd/etcd.conf")
        try root.place(Array("""
            name: etcd1
            initial-cluster: etcd1=https://10.0.0.21:2380,etcd2=https://10.0.0.22:2380
            initial-cluster-state: 'new'

            """.utf8), at: "/etc/etcd/etcd.conf.yml")
        let members = "etcd1=https://10.0.0.21:2380,etcd2=https://10.0.0.22:2380,etcd3=https://10.0.0.23:2380"
        let plan = try root.plan(try Self.targets([("etcd-members", members)]))
        let env = try #require(plan.files.first { $0.file.displayPath == "/etc/etcd/etcd.conf" })
        #expect(String(decoding: env.updated, as: UTF8.self) == """
            ETCD_NAME=etcd1
            ETCD_INITIAL_CLUSTER="\(members)"
            ETCD_INITIAL_CLUSTER_STATE="existing"
            ETCD_ADVERTISE_CLIENT_URLS=https://10.0.0.21:2379

            """)
        let yaml = try #require(plan.files.first { $0.file.displayPath == "/etc/etcd/etcd.conf.yml" })
        #expect(String(decoding: yaml.updated, as: UTF8.self).hasSuffix("initial-cluster-state: 'existing'\n"))
        for file in [env, yaml] {
            #expect(file.changesOnlyFirstStartSettings)
            #expect(file.plannedFile.services == [] && file.plannedFile.sparedServices == ["etcd"])
        }
        try root.write(plan)
        #expect(!(try root.plan(try Self.targets([("etcd-members", members)]))).hasChanges, "a second run changes nothing")
        // Without --etcd-members the state is nobody's business.
        #expect(!(try root.plan(try Self.targets([("etcd", "https://10.0.0.21:2379")]))).files.contains { $0.edits.contains { $0.role == .memberState } })
    }

    @Test("a file whose change also touches what etcd reads every start restarts it as before")
    func memberStateWithMore() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("""
            ETCD_INITIAL_CLUSTER=etcd1=https://10.0.0.21:2380
            ETCD_INITIAL_CLUSTER_STATE=new
            ETCDCTL_ENDPOINTS=https://10.0.0.21:2379

            """.utf8), at: "/etc/etcd.env")
        let plan = try root.plan(try Self.targets([("etcd-members", "etcd1=https://10.0.0.21:2380,etcd2=https://10.0.0.22:2380"),
                                                   ("etcd", "https://10.0.0.21:2379,https://10.0.0.22:2379")]))
        let file = try #require(plan.changedFiles.first)
        #expect(!file.changesOnlyFirstStartSettings)
        #expect(file.plannedFile.services == ["etcd"] && file.plannedFile.sparedServices == [])
    }

    // MARK: static pods

    @Test("a file a static pod mounts is that pod's: a catalog guess of a unit is dropped, a unit that names it keeps it")
    func staticPodAttribution() throws {
        let found = try Discovery(root: Self.root("kubeadm-haproxy-pod"), fileSystem: LocalFileSystem()).discover()
        let haproxy = try #require(found.files.first { $0.displayPath == "/etc/haproxy/haproxy.cfg" })
        #expect(haproxy.services == [] && haproxy.component == .loadBalancer)
        #expect(haproxy.use.staticPods == [StaticPod(name: "haproxy", namespace: "kube-system", container: "haproxy", component: .loadBalancer,
                                                     manifest: "/etc/kubernetes/manifests/haproxy.yaml", liveness: "https://localhost:8443/healthz")])
        let scheduler = try #require(found.files.first { $0.displayPath == "/etc/kubernetes/scheduler.conf" })
        #expect(scheduler.use.staticPods.map(\.name) == ["kube-scheduler"] && scheduler.services == [])
        #expect(scheduler.use.staticPods.first?.liveness == "https://127.0.0.1:10259/healthz")
        let manifest = try #require(found.files.first { $0.displayPath == "/etc/kubernetes/manifests/haproxy.yaml" })
        #expect(manifest.component == .loadBalancer && manifest.use.staticPods.isEmpty, "a manifest change is kubelet's to pick up")

        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("[Service]\nExecStart=/usr/sbin/haproxy -f /etc/haproxy/haproxy.cfg\n".utf8), at: "/etc/systemd/system/haproxy.service")
        try root.place(try Array(Data(contentsOf: URL(fileURLWithPath: Self.root("kubeadm-haproxy-pod") + "/etc/haproxy/haproxy.cfg"))), at: "/etc/haproxy/haproxy.cfg")
        try root.place(try Array(Data(contentsOf: URL(fileURLWithPath: Self.root("kubeadm-haproxy-pod") + "/etc/kubernetes/manifests/haproxy.yaml"))),
                       at: "/etc/kubernetes/manifests/haproxy.yaml")
        let both = try #require(try Discovery(root: root.path, fileSystem: LocalFileSystem()).discover().files.first { $0.displayPath == "/etc/haproxy/haproxy.cfg" })
        #expect(both.services == ["haproxy"] && both.use.staticPods.map(\.name) == ["haproxy"], "a unit runs it too: both restart")
    }

    @Test("a directory a static pod mounts claims only the files of its component nothing else uses; an add-on manifest is no static pod")
    func directoryMounts() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let pod = { (name: String) in """
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(name)
            spec:
              containers:
              - name: \(name)
                image: example/\(name)
                volumeMounts:
                - mountPath: /etc/kubernetes
                  name: etc
              volumes:
              - name: etc
                hostPath:
                  path: /etc/kubernetes

            """ }
        try root.place(Array(pod("kube-proxy").utf8), at: "/etc/kubernetes/manifests/kube-proxy.yaml")
        try root.place(Array(pod("dashboard").utf8), at: "/etc/kubernetes/addons/dashboard.yaml")
        try root.place(Array("[Service]\nExecStart=/usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf\n".utf8), at: "/etc/systemd/system/kubelet.service")
        let kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n  name: k\n"
        try root.place(Array(kubeconfig.utf8), at: "/etc/kubernetes/kubelet.conf")
        try root.place(Array(kubeconfig.utf8), at: "/etc/kubernetes/admin.conf")
        try root.place(Array(kubeconfig.utf8), at: "/etc/kubernetes/kube-proxy-kubeconfig.yaml")
        let found = try Discovery(root: root.path, fileSystem: LocalFileSystem()).discover()
        let kubelet = try #require(found.files.first { $0.displayPath == "/etc/kubernetes/kubelet.conf" })
        #expect(kubelet.use.staticPods.isEmpty && kubelet.services == ["kubelet"], "kubelet's unit uses it")
        let admin = try #require(found.files.first { $0.displayPath == "/etc/kubernetes/admin.conf" })
        #expect(admin.use.staticPods.isEmpty, "kubectl's, not kube-proxy's")
        let proxy = try #require(found.files.first { $0.displayPath == "/etc/kubernetes/kube-proxy-kubeconfig.yaml" })
        #expect(proxy.use.staticPods.map(\.name) == ["kube-proxy"] && proxy.services.isEmpty)
        #expect(!found.files.contains { $0.use.staticPods.contains { $0.name == "dashboard" } })
    }
}
