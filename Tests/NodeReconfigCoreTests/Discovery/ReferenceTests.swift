import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// Discovery's rules, one at a time, on node roots written for each (SPEC "It follows the
/// node's own references"; issue 13 item 1).
@Suite("discovery: following references, rule by rule")
struct ReferenceTests {
    static let etcd = "https://10.99.0.11:2379"

    static func targets(master: String? = nil, etcd: String? = nil, apiservers: String? = nil) throws -> Targets {
        var arguments = ["plan"]
        if let master { arguments.append("--master=\(master)") }
        if let etcd { arguments.append("--etcd=\(etcd)") }
        if let apiservers { arguments.append("--apiservers=\(apiservers)") }
        guard case .run(let invocation) = CLIOutcome.resolve(arguments) else { throw CancellationError() }
        return invocation.options.targets
    }

    static func discover(_ root: NodeRoot, only: [String] = [], files: [(kind: FileKind, path: String)] = [],
                         fileSystem: any FileSystem = LocalFileSystem()) throws -> DiscoveryResult {
        try Discovery(root: root.path, only: only, extraFiles: files, fileSystem: fileSystem).discover()
    }

    static func place(_ root: NodeRoot, _ files: [String: String]) throws {
        for (path, text) in files { try root.place(Array(text.utf8), at: path) }
    }

    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: k
          cluster:
            certificate-authority: pki/ca.crt
            server: https://10.1.0.1:6443

        """

    @Test("EnvironmentFile=- that is absent is normal; one without '-' is a finding naming the unit's line")
    func environmentFiles() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, ["/etc/systemd/system/kubelet.service": """
            [Service]
            EnvironmentFile=-/etc/default/kubelet-extra
            EnvironmentFile=/etc/kubernetes/kubelet-args.env.d/flags
            ExecStart=/usr/bin/kubelet $KUBELET_ARGS

            """])
        let found = try Self.discover(root)
        #expect(found.files.map(\.displayPath) == ["/etc/systemd/system/kubelet.service"])
        #expect(found.findings.map(\.description) == [
            "/etc/kubernetes/kubelet-args.env.d/flags does not exist (named by EnvironmentFile= in /etc/systemd/system/kubelet.service:3)",
        ])
    }

    @Test("a unit with any name, in any systemd directory, is recognised by the program it runs; its drop-ins come with it")
    func unitsByProgram() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/lib/systemd/system/etcd-member.service": "[Service]\nExecStart=/usr/bin/etcd --config-file=/etc/etcd/member.yml\n",
            "/etc/systemd/system/etcd-member.service.d/10-tls.conf": "[Service]\nEnvironment=ETCD_TRUSTED_CA_FILE=/etc/etcd/pki/ca.crt\n",
            "/etc/etcd/member.yml": "name: m1\ninitial-cluster: m1=https://10.1.0.11:2380,m2=https://10.1.0.12:2380\n",
            "/usr/lib/systemd/system/calico.service": "[Service]\nExecStart=/opt/calico/bin/calico-node -felix\n",
            "/usr/lib/systemd/system/chronyd.service": "[Service]\nExecStart=/usr/sbin/chronyd $OPTIONS\n",
        ])
        let found = try Self.discover(root)
        let summary = found.files.map { "\($0.displayPath) \($0.kind) \($0.component) \($0.services) \($0.foundBy.map(\.description))" }
        #expect(summary == [
            "/usr/lib/systemd/system/calico.service unit calico [\"calico\"] [\"unit running calico-node\"]",
            "/lib/systemd/system/etcd-member.service unit etcd [\"etcd-member\"] [\"unit running etcd\"]",
            "/etc/systemd/system/etcd-member.service.d/10-tls.conf unit etcd [\"etcd-member\"] [\"drop-in of etcd-member.service\"]",
            "/etc/etcd/member.yml etcd-yaml etcd [\"etcd-member\"] [\"ExecStart --config-file in /lib/systemd/system/etcd-member.service:2\"]",
        ])
        #expect(found.credentials == [CredentialReference(target: .etcd, purpose: .ca, path: "/etc/etcd/pki/ca.crt",
                                                          namedBy: "/etc/systemd/system/etcd-member.service.d/10-tls.conf", line: 2,
                                                          label: "ETCD_TRUSTED_CA_FILE", services: ["etcd-member"])])
    }

    @Test("an unrelated unit that does not parse is skipped; one running a known program is refused with its line")
    func lenientUnits() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/kubernetes/kubelet.conf": Self.kubeconfig,
            "/etc/systemd/system/half-written.service": "[Service]\nExecStart=/usr/local/bin/agent\nnot a setting\n",
        ])
        #expect(try Self.discover(root).files.map(\.displayPath) == ["/etc/kubernetes/kubelet.conf"])
        try Self.place(root, ["/etc/systemd/system/node-agent.service": "[Service]\nExecStart=/usr/local/bin/kubelet --kubeconfig=/x\nnot a setting\n"])
        #expect(throws: NodeReconfigError.format(path: "/etc/systemd/system/node-agent.service",
                                                 FormatError(line: 3, "is not a Key=value setting, a [Section] header nor a comment"))) {
            try Self.discover(root)
        }
        // --only without kubelet leaves that unit out, as it leaves out the kubelet's files.
        #expect(try Self.discover(root, only: ["etcd"]).files.isEmpty)
    }

    @Test("a masked unit (a link to /dev/null) is skipped, also when the catalog names it")
    func maskedUnits() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, ["/etc/kubernetes/kubelet.conf": Self.kubeconfig])
        for name in ["kube-proxy.service", "firewalld.service"] {
            try FileManager.default.createDirectory(atPath: root.path + "/etc/systemd/system", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: root.path + "/etc/systemd/system/" + name, withDestinationPath: "/dev/null")
        }
        #expect(try Self.discover(root).files.map(\.displayPath) == ["/etc/kubernetes/kubelet.conf"])
    }

    @Test("a unit seen through a linked directory (/lib → usr/lib) or an alias (etcd2.service → etcd.service) is one file of one service")
    func linkedUnits() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, ["/usr/lib/systemd/system/etcd.service": "[Service]\nExecStart=/usr/bin/etcd --initial-cluster=a=http://10.1.0.11:2380\n"])
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: root.path + "/lib", withDestinationPath: "usr/lib")
        try manager.createDirectory(atPath: root.path + "/etc/systemd/system", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: root.path + "/etc/systemd/system/etcd2.service", withDestinationPath: "/lib/systemd/system/etcd.service")
        let found = try Self.discover(root)
        #expect(found.files.map(\.displayPath) == ["/usr/lib/systemd/system/etcd.service"])
        #expect(found.files.map(\.hostPath) == [root.path + "/usr/lib/systemd/system/etcd.service"])
        #expect(found.files.first?.services == ["etcd"])
    }

    @Test("a reference that leaves --root is refused, and so is a symlink out of it")
    func outsideRoot() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, ["/etc/nginx/nginx.conf": "stream {\n    include ../../../../srv/lb.conf;\n}\n"])
        #expect(throws: NodeReconfigError.unsafePath(path: "../../../../srv/lb.conf", detail: "named by include in /etc/nginx/nginx.conf:2, it leaves --root")) {
            try Self.discover(root)
        }
        try Self.place(root, ["/etc/nginx/nginx.conf": "stream {\n    include conf.d/lb.conf;\n}\n"])
        try FileManager.default.createDirectory(atPath: root.path + "/etc/nginx/conf.d", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.path + "/etc/nginx/conf.d/lb.conf", withDestinationPath: "../../../../../srv/lb.conf")
        #expect(throws: NodeReconfigError.unsafePath(path: "/etc/nginx/conf.d/lb.conf", detail: "its symlink points outside --root")) {
            try Self.discover(root)
        }
    }

    @Test("includes that include each other end; each file is found once")
    func cycles() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/nginx/nginx.conf": "include /etc/nginx/a.conf;\n",
            "/etc/nginx/a.conf": "include b.conf;\ninclude nginx.conf;\n",
            "/etc/nginx/b.conf": "include a.conf;\nstream { upstream kube { server 10.1.0.1:6443; } }\n",
        ])
        let found = try Self.discover(root)
        #expect(found.files.map(\.displayPath) == ["/etc/nginx/nginx.conf", "/etc/nginx/a.conf", "/etc/nginx/b.conf"])
        #expect(found.hasApiserverPool())
    }

    @Test("nginx includes: globs in name order, relative paths from the main configuration's directory, checked through it with the unit's binary and prefix")
    func nginxIncludes() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/systemd/system/lb.service": "[Service]\nExecStart=/opt/lb/sbin/nginx -p /opt/lb -c conf/lb.conf -g 'daemon off;'\n",
            "/opt/lb/conf/lb.conf": "events {}\nstream {\n    include conf.d/*.conf;\n}\n",
            "/opt/lb/conf/conf.d/b.conf": "server { listen 127.0.0.1:6443; proxy_pass kube; }\n",
            "/opt/lb/conf/conf.d/a.conf": "include snippets/upstream.conf;\n",
            "/opt/lb/conf/conf.d/notes.txt": "not included\n",
            "/opt/lb/conf/snippets/upstream.conf": "upstream kube {\n    server 10.1.0.1:6443;\n}\n",
        ])
        let found = try Self.discover(root)
        // Breadth first: the files lb.conf names, then those they name.
        #expect(found.files.map(\.displayPath) == ["/etc/systemd/system/lb.service", "/opt/lb/conf/lb.conf", "/opt/lb/conf/conf.d/a.conf",
                                                   "/opt/lb/conf/conf.d/b.conf", "/opt/lb/conf/snippets/upstream.conf"])
        #expect(found.files.dropFirst().allSatisfy { $0.component == .loadBalancer && $0.services == ["lb"] })
        #expect(found.files[4].foundBy == [.reference(label: "include", path: "/opt/lb/conf/conf.d/a.conf", line: 1)])
        let main = try #require(found.files.first { $0.displayPath == "/opt/lb/conf/lb.conf" })
        let snippet = try #require(found.files.first { $0.displayPath == "/opt/lb/conf/snippets/upstream.conf" })
        let host = { (path: String) in root.path + path }
        #expect(main.kind.handler.validation(for: main)?.command(for: host("/opt/lb/conf/lb.conf")) ==
                ExternalCommand(host("/opt/lb/sbin/nginx"), ["-p", host("/opt/lb"), "-t", "-c", host("/opt/lb/conf/lb.conf")]))
        #expect(snippet.kind.handler.validation(for: snippet)?.command(for: host("/opt/lb/conf/snippets/upstream.conf")) ==
                ExternalCommand(host("/opt/lb/sbin/nginx"), ["-p", host("/opt/lb"), "-t", "-c", host("/opt/lb/conf/lb.conf")]))
        #expect(snippet.kind.handler.validation(for: snippet)?.alternative == "nginx")
        // A change of the snippet is reloaded as the unit that runs nginx, and ranks as a load balancer.
        #expect(ServiceOrder.action(for: "lb", component: snippet.component) == .reload)
        #expect(ServiceOrder.sorted(["kubelet", "lb", "kube-apiserver"], components: ["lb": .loadBalancer]) == ["kube-apiserver", "lb", "kubelet"])
    }

    @Test("haproxy -f DIR reads the directory's .cfg files in name order; each is checked with every -f of the unit")
    func haproxyDirectory() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/systemd/system/haproxy.service": "[Service]\nExecStart=/usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg -f /etc/haproxy/conf.d -p /run/haproxy.pid\n",
            "/etc/haproxy/haproxy.cfg": "global\n    maxconn 100\n",
            "/etc/haproxy/conf.d/20-api.cfg": "backend kube-apiserver\n    server m1 10.1.0.1:6443 check\n",
            "/etc/haproxy/conf.d/10-stats.cfg": "listen stats\n    bind 127.0.0.1:9000\n",
            "/etc/haproxy/conf.d/README": "notes\n",
        ])
        let found = try Self.discover(root)
        #expect(found.files.map(\.displayPath) == ["/etc/haproxy/haproxy.cfg", "/etc/systemd/system/haproxy.service",
                                                   "/etc/haproxy/conf.d/10-stats.cfg", "/etc/haproxy/conf.d/20-api.cfg"])
        let api = try #require(found.files.last)
        #expect(api.services == ["haproxy"] && api.component == .loadBalancer)
        let host = { (path: String) in root.path + path }
        #expect(api.kind.handler.validation(for: api)?.command(for: host("/etc/haproxy/conf.d/20-api.cfg")) ==
                ExternalCommand(host("/usr/sbin/haproxy"), ["-c", "-f", host("/etc/haproxy/haproxy.cfg"), "-f", host("/etc/haproxy/conf.d")]))
    }

    @Test("a static pod's --kubeconfig and TLS flags are followed through its hostPath mounts; a path in the image is not the node's")
    func staticPods() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/kubernetes/manifests/scheduler.yaml": """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: kube-scheduler
                spec:
                  containers:
                  - name: kube-scheduler
                    image: registry.k8s.io/kube-scheduler:v1.29.0
                    command:
                    - kube-scheduler
                    - --kubeconfig=/etc/kubernetes/scheduler.conf
                    - --authentication-kubeconfig=/config/auth.conf
                    volumeMounts:
                    - mountPath: /etc/kubernetes/scheduler.conf
                      name: kubeconfig
                      readOnly: true
                  volumes:
                  - hostPath:
                      path: /srv/k8s/scheduler.kubeconfig
                      type: FileOrCreate
                    name: kubeconfig

                """,
            "/srv/k8s/scheduler.kubeconfig": Self.kubeconfig,
        ])
        // kube-scheduler.yaml is not this file's name: put it where the catalog looks.
        try FileManager.default.moveItem(atPath: root.path + "/etc/kubernetes/manifests/scheduler.yaml",
                                         toPath: root.path + "/etc/kubernetes/manifests/kube-scheduler.yaml")
        let found = try Self.discover(root)
        let kubeconfig = try #require(found.files.first { $0.displayPath == "/srv/k8s/scheduler.kubeconfig" })
        #expect(kubeconfig.component == .kubeScheduler && kubeconfig.services.isEmpty && kubeconfig.kind == .kubeconfig)
        #expect(kubeconfig.foundBy == [.reference(label: "--kubeconfig", path: "/etc/kubernetes/manifests/kube-scheduler.yaml", line: 11),
                                       .reference(label: "hostPath of static pod kube-scheduler", path: "/etc/kubernetes/manifests/kube-scheduler.yaml", line: 14)])
        #expect(kubeconfig.use.staticPods == [StaticPod(name: "kube-scheduler", container: "kube-scheduler", component: .kubeScheduler, manifest: "/etc/kubernetes/manifests/kube-scheduler.yaml")],
                "the pod that mounts it restarts with it")
        #expect(found.files.count == 2)
        #expect(found.findings.isEmpty, "/config/auth.conf lives in the image, not on the node")
        #expect(found.credentials.map(\.path) == ["/srv/k8s/pki/ca.crt"], "relative to the kubeconfig's directory")
    }

    @Test("TLS files are recorded, never read: credentials that cannot even be looked at stop nothing")
    func credentialsNeverRead() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/systemd/system/kube-apiserver.service": "[Service]\nExecStart=/usr/bin/kube-apiserver --etcd-servers=\(Self.etcd) --etcd-cafile=/etc/pki/etcd/ca.pem --etcd-keyfile /etc/pki/etcd/key.pem\n",
            "/etc/pki/etcd/ca.pem": "-----BEGIN CERTIFICATE-----\nnot parsed\n",
            "/etc/pki/etcd/key.pem": "-----BEGIN PRIVATE KEY-----\nsecret-key-material-never-printed\n",
        ])
        let fileSystem = DeniedFileSystem { $0.contains("/etc/pki") }
        let found = try Self.discover(root, fileSystem: fileSystem)
        #expect(!fileSystem.paths.contains { $0.contains("/etc/pki") }, "a credential path was looked at")
        #expect(found.credentials.map(\.description) == [
            "etcd CA /etc/pki/etcd/ca.pem (ExecStart --etcd-cafile in /etc/systemd/system/kube-apiserver.service:2)",
            "etcd client key /etc/pki/etcd/key.pem (ExecStart --etcd-keyfile in /etc/systemd/system/kube-apiserver.service:2)",
        ])
        let plan = try NodePlan.make(discovery: Discovery(root: root.path, fileSystem: fileSystem), targets: try Self.targets(etcd: "https://10.99.0.12:2379"))
        #expect(plan.files.map(\.file.displayPath) == ["/etc/systemd/system/kube-apiserver.service"])
        #expect(plan.credentials == found.credentials)
    }

    @Test("a variable a unit's flag takes whole is rewritten where it is defined: Environment= or the env file")
    func learnedVariables() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/systemd/system/kube-apiserver.service": """
                [Service]
                Environment="ETCD_LIST=https://10.1.0.11:2379"
                EnvironmentFile=/etc/kube/apiserver.env
                ExecStart=/usr/bin/kube-apiserver --etcd-servers=${ETCD_LIST} --master $API_MASTER

                """,
            "/etc/kube/apiserver.env": "API_MASTER=http://10.1.0.1:8080\nOTHER=http://10.1.0.1:8080\n",
        ])
        let plan = try NodePlan.make(discovery: Discovery(root: root.path, fileSystem: LocalFileSystem()),
                                     targets: try Self.targets(master: "http://10.99.0.1:8080", etcd: Self.etcd))
        let unit = try #require(plan.files.first { $0.file.kind == .unit })
        let env = try #require(plan.files.first { $0.file.kind == .env })
        #expect(String(decoding: unit.updated, as: UTF8.self).contains("Environment=\"ETCD_LIST=\(Self.etcd)\"\n"))
        #expect(String(decoding: env.updated, as: UTF8.self) == "API_MASTER=http://10.99.0.1:8080\nOTHER=http://10.1.0.1:8080\n")
    }

    @Test("a file several units read is restarted as each of them; a --file pool named kube-apiserver.conf is the load balancer's")
    func attribution() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/kubernetes/config": "KUBE_MASTER=\"--master=http://10.1.0.1:8080\"\n",
            "/usr/lib/systemd/system/kube-proxy.service": "[Service]\nEnvironmentFile=-/etc/kubernetes/config\nExecStart=/usr/bin/kube-proxy $KUBE_MASTER\n",
            "/usr/lib/systemd/system/kubelet.service": "[Service]\nEnvironmentFile=-/etc/kubernetes/config\nExecStart=/usr/bin/kubelet $KUBE_MASTER\n",
            "/srv/lb/kube-apiserver.conf": "upstream kube_apiserver {\n    server 10.1.0.1:6443;\n}\n",
        ])
        let found = try Self.discover(root, files: [(kind: .nginx, path: "/srv/lb/kube-apiserver.conf")])
        let config = try #require(found.files.first { $0.displayPath == "/etc/kubernetes/config" })
        #expect(config.services == ["kubelet", "kube-proxy"] && config.component == .kubernetes)
        let pool = try #require(found.files.first { $0.displayPath == "/srv/lb/kube-apiserver.conf" })
        #expect(pool.component == .loadBalancer && pool.services == ["nginx"])
    }

    @Test("what cannot be followed is said: a relative EnvironmentFile=, a relative nginx -c without -p, a file that does not parse")
    func notFollowed() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/systemd/system/kube-proxy.service": "[Service]\nEnvironmentFile=kube-proxy.env\nExecStart=/usr/bin/kube-proxy\n",
            "/etc/systemd/system/lb.service": "[Service]\nExecStart=/usr/sbin/nginx -c lb.conf\n",
            "/etc/nginx/nginx.conf": "events {}\ninclude conf.d/*.conf;\nstream { upstream kube { server 10.1.0.1:6443 }\n}\n",
        ])
        let found = try Self.discover(root)
        #expect(found.findings.map(\.description) == [
            "kube-proxy.env (EnvironmentFile= in /etc/systemd/system/kube-proxy.service:2) was not followed: it is relative, and nothing says where it starts",
            "lb.conf (ExecStart -c in /etc/systemd/system/lb.service:2) was not followed: it is relative, and nothing says where it starts",
            "the files /etc/nginx/nginx.conf names were not followed: /etc/nginx/nginx.conf:3: directive 'server' has no ending ';' before '}'; add the ';'",
        ])
        #expect(found.findings.map(\.kind) == ["not-followed", "not-followed", "unread"])
    }

    @Test(".include brings the included unit's settings into the service and is followed as a reference; cycles end")
    func systemdInclude() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/systemd/system/kubelet.service": ".include /etc/kubernetes/kubelet.unit\n[Service]\nEnvironment=KUBELET_EXTRA=--v=2\n",
            "/etc/kubernetes/kubelet.unit": "[Service]\nEnvironmentFile=/etc/kubernetes/kubelet-args.env\nExecStart=/usr/bin/kubelet $KUBELET_ARGS\n.include ../systemd/system/kubelet.service\n",
            "/etc/kubernetes/kubelet-args.env": "KUBELET_ARGS=\"--kubeconfig=/etc/kubernetes/node.kubeconfig\"\n",
            "/etc/kubernetes/node.kubeconfig": Self.kubeconfig,
        ])
        let found = try Self.discover(root)
        #expect(found.files.map { "\($0.displayPath) \($0.kind) \($0.services) \($0.foundBy.map(\.description))" } == [
            "/etc/systemd/system/kubelet.service unit [\"kubelet\"] [\"catalog\", \".include in /etc/kubernetes/kubelet.unit:4\"]",
            "/etc/kubernetes/kubelet.unit unit [\"kubelet\"] [\".include in /etc/systemd/system/kubelet.service:1\"]",
            "/etc/kubernetes/kubelet-args.env env [\"kubelet\"] [\"EnvironmentFile= in /etc/kubernetes/kubelet.unit:2\"]",
            "/etc/kubernetes/node.kubeconfig kubeconfig [\"kubelet\"] [\"--kubeconfig in /etc/kubernetes/kubelet-args.env:1\"]",
        ])
        let plan = try NodePlan.make(discovery: Discovery(root: root.path, fileSystem: LocalFileSystem()), targets: try Self.targets(master: "https://10.99.0.1:6443"))
        #expect(plan.changedFiles.map(\.file.displayPath) == ["/etc/kubernetes/node.kubeconfig"])
    }

    @Test(". FILE and source FILE in an env file are followed as the same program's; a computed or relative path is reported")
    func sourcedEnvFiles() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, [
            "/etc/default/kubelet": ". /etc/kubernetes/common.env\nsource \"$CONF_DIR/extra.env\"\n. local.env\nKUBELET_OPTS=\"--v=2\"\n",
            "/etc/kubernetes/common.env": "KUBE_MASTER=\"--master=http://10.1.0.1:8080\"\n. /etc/default/kubelet\n",
        ])
        let found = try Self.discover(root)
        let common = try #require(found.files.first { $0.displayPath == "/etc/kubernetes/common.env" })
        #expect(common.component == .kubelet && common.services == ["kubelet"] && common.kind == .env)
        #expect(common.foundBy == [.reference(label: "source", path: "/etc/default/kubelet", line: 1)])
        #expect(found.findings.map(\.description) == [
            "$CONF_DIR/extra.env (source in /etc/default/kubelet:2) was not followed: the shell computes the path when it runs",
            "local.env (source in /etc/default/kubelet:3) was not followed: it is relative, and nothing says where it starts",
        ])
        let plan = try NodePlan.make(discovery: Discovery(root: root.path, fileSystem: LocalFileSystem()), targets: try Self.targets(master: "https://10.99.0.1:6443"))
        let rewritten = try #require(plan.changedFiles.first)
        #expect(String(decoding: rewritten.updated, as: UTF8.self) == "KUBE_MASTER=\"--master=https://10.99.0.1:6443\"\n. /etc/default/kubelet\n")
    }

    @Test("a unit's setting before its first [Section] is a note in detect, and is left as it is")
    func ignoredSettings() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try Self.place(root, ["/etc/systemd/system/kube-proxy.service": "Description=kube-proxy\n[Service]\nExecStart=/usr/bin/kube-proxy --master=http://10.1.0.1:8080\n"])
        let found = try Self.discover(root)
        #expect(found.findings.map(\.description) == [
            "/etc/systemd/system/kube-proxy.service:1: Description= before any [Section] is ignored: systemd reads no setting before the first section header, and node-reconfig leaves it as it is",
        ])
    }

    @Test("an env file's variable a flag of the same file takes whole is rewritten where it is defined, once")
    func indirectionInOneFile() throws {
        let text = "MASTER=http://10.1.0.1:8080\nKUBE_MASTER=\"--master=${MASTER}\"\nKUBE_API=\"--api-servers=$MASTER\"\nOTHER=http://10.1.0.1:8080\n"
        let file = DiscoveredFile(displayPath: "/etc/kubernetes/config", hostPath: "/x", kind: .env, component: .kubernetes, services: [], bytes: Array(text.utf8))
        let plan = try NodePlan.plan(file, targets: try Self.targets(master: "https://10.99.0.1:6443"))
        #expect(String(decoding: plan.updated, as: UTF8.self)
                == "MASTER=https://10.99.0.1:6443\nKUBE_MASTER=\"--master=${MASTER}\"\nKUBE_API=\"--api-servers=$MASTER\"\nOTHER=http://10.1.0.1:8080\n")
        #expect(plan.edits.map { "\($0.line) \($0.label) \($0.outcome)" } == ["1 MASTER changed", "2 --master skipped", "3 --api-servers skipped"])
    }
}
