import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// What the preflight presents to each target, read from the node's own files through
/// discovery's credential references (SPEC "Safety" 1; no network: the plan and the files only).
@Suite("Preflight credentials: from the files rewritten for each target")
struct PreflightCredentialTests {
    /// Stand-in PEM bytes: what matters here is which file the preflight hands over.
    static let pems: [CredentialLayout.PEM: Data] = [.ca: Data("CA-BYTES\n".utf8), .cert: Data("CERT-BYTES\n".utf8), .key: Data("KEY-BYTES\n".utf8)]

    static func targets(_ arguments: [String]) throws -> Targets {
        guard case .run(let invocation) = CLIOutcome.resolve(["plan"] + arguments) else { throw CancellationError() }
        return invocation.options.targets
    }

    static func arguments(for target: CredentialLayout.Target) -> [String] {
        switch target {
        case .master: return ["--master=https://10.99.0.1:6443"]
        case .etcd: return ["--etcd=https://10.99.0.11:2379,https://10.99.0.12:2379"]
        case .members: return ["--etcd-members=etcd1=https://10.99.0.11:2380"]
        }
    }

    static func preflight(_ root: NodeRoot, _ arguments: [String]) throws -> PreflightPlan {
        let targets = try targets(arguments)
        return PreflightPlan.make(targets: targets, plan: try root.plan(targets), root: root.path)
    }

    @Test("each layout: every target is asked with the CA, certificate and key its files name, found where the node keeps them (links and hostPath mounts followed inside the root)",
          arguments: CredentialLayout.all)
    func layout(_ layout: CredentialLayout) throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try layout.materialize(at: root.path, pems: Self.pems, clientURL: "https://10.99.0.11:2379")
        let preflight = try Self.preflight(root, Self.arguments(for: layout.target))
        let role: PreflightTarget.Role = layout.target == .master ? .master : .etcd
        let asked = preflight.targets.filter { $0.role == role }
        let urls = layout.target == .etcd ? 2 : 1
        #expect(asked.count == urls * layout.caNamedBy.count, "each URL once per set: \(asked.map(\.label))")
        var sources: [String] = []
        for target in asked where !sources.contains(target.credentials?.source ?? "none") { sources.append(target.credentials?.source ?? "none") }
        #expect(sources == layout.caNamedBy)
        let credentials = try #require(asked.first?.credentials)
        #expect(credentials.root == root.path && credentials.identitySource == layout.certNamedBy)
        if let presented = layout.presented {
            #expect(credentials.ca == .file(presented.ca) && credentials.certificate == .file(presented.cert) && credentials.key == .file(presented.key),
                    "\(credentials)")
        } else {
            #expect(credentials.ca == .inline(Array(Self.pems[.ca]!)) && credentials.certificate == .inline(Array(Self.pems[.cert]!))
                    && credentials.key == .inline(Array(Self.pems[.key]!)))
        }
        // What curl and openssl are handed: the node's own files, at their real place under the root.
        let backups = root.path + "/var/lib/node-reconfig/backups"
        var scratch: SecretScratch?
        if SecretScratch.needed(for: credentials), case .success(let made) = SecretScratch.create(in: backups, fileSystem: LocalFileSystem(), pid: 1) {
            scratch = made
        }
        defer { scratch?.remove() }
        let files = try credentials.files(fileSystem: LocalFileSystem(), scratch: scratch, prefix: "1").get()
        for (path, pem) in [(files.ca, CredentialLayout.PEM.ca), (files.certificate, .cert), (files.key, .key)] {
            let path = try #require(path)
            #expect(path.hasPrefix(root.path + "/"), "\(path)")
            #expect(FileManager.default.contents(atPath: path) == Self.pems[pem], "\(pem) at \(path)")
            if layout.presented != nil { #expect(layout.files.contains { root.path + $0.path == path }, "resolved to where the file really is: \(path)") }
        }
    }

    @Test("two programs rewritten toward etcd with their own CAs: each etcd URL is asked with each set; the same files named twice are one set")
    func twoPrograms() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        for name in ["preflight/unit-flags", "preflight/flanneld-cafile"] {
            try #require(CredentialLayout.all.first { $0.fixture == name }).materialize(at: root.path, pems: Self.pems)
        }
        let preflight = try Self.preflight(root, Self.arguments(for: .etcd))
        #expect(preflight.targets.map { "\($0.label) \($0.credentials?.source ?? "-")" } == [
            "--etcd https://10.99.0.11:2379 /etc/sysconfig/flanneld",
            "--etcd https://10.99.0.11:2379 /etc/systemd/system/kube-apiserver.service",
            "--etcd https://10.99.0.12:2379 /etc/sysconfig/flanneld",
            "--etcd https://10.99.0.12:2379 /etc/systemd/system/kube-apiserver.service",
        ], "in the order the files are planned: the catalog's env file before the units")
        // flanneld naming the very files the apiserver names: one set, the first file's.
        try root.place(Array("""
            FLANNEL_ETCD="https://10.17.33.21:2379"
            FLANNEL_ETCD_CAFILE=/etc/kubernetes/ssl/ca.pem
            FLANNEL_ETCD_CERTFILE=/etc/kubernetes/ssl/kubernetes.pem
            FLANNEL_ETCD_KEYFILE=/etc/kubernetes/ssl/kubernetes-key.pem

            """.utf8), at: "/etc/sysconfig/flanneld")
        #expect(try Self.preflight(root, Self.arguments(for: .etcd)).targets.map { $0.credentials?.source } == [
            "/etc/sysconfig/flanneld", "/etc/sysconfig/flanneld",
        ])
        // Plain-http URLs are asked once, with nothing.
        let plain = try Self.preflight(root, ["--etcd=http://10.99.0.11:4012"])
        #expect(plain.targets.count == 1 && plain.targets[0].credentials == nil)
    }

    @Test("the CA named in the unit and the client certificate in the env file its command line expands: one set, both files named")
    func acrossFiles() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("""
            [Service]
            EnvironmentFile=-/opt/kubernetes/cfg/kube-apiserver
            ExecStart=/opt/kubernetes/bin/kube-apiserver --etcd-cafile=/opt/etcd/ssl/ca.pem $KUBE_APISERVER_OPTS

            """.utf8), at: "/etc/systemd/system/kube-apiserver.service")
        try root.place(Array("""
            KUBE_APISERVER_OPTS="--etcd-servers=https://10.17.33.21:2379 \\
            --etcd-certfile=/opt/etcd/ssl/server.pem \\
            --etcd-keyfile=/opt/etcd/ssl/server-key.pem"

            """.utf8), at: "/opt/kubernetes/cfg/kube-apiserver")
        let preflight = try Self.preflight(root, ["--etcd=https://10.99.0.11:2379"])
        let credentials = try #require(preflight.targets.first?.credentials)
        #expect(preflight.targets.count == 1)
        #expect(credentials.source == "/etc/systemd/system/kube-apiserver.service" && credentials.identitySource == "/opt/kubernetes/cfg/kube-apiserver")
        #expect(credentials.ca == .file("/opt/etcd/ssl/ca.pem") && credentials.certificate == .file("/opt/etcd/ssl/server.pem"))
        #expect(credentials.origins.map(\.description) == [
            "etcd CA /opt/etcd/ssl/ca.pem (ExecStart --etcd-cafile in /etc/systemd/system/kube-apiserver.service:3)",
            "etcd client certificate /opt/etcd/ssl/server.pem (--etcd-certfile in /opt/kubernetes/cfg/kube-apiserver:2)",
            "etcd client key /opt/etcd/ssl/server-key.pem (--etcd-keyfile in /opt/kubernetes/cfg/kube-apiserver:3)",
        ])
    }

    @Test("a TLS file that is not on the node, or whose link leaves the root, is refused naming the setting that names it")
    func unusableFiles() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try #require(CredentialLayout.all.first { $0.fixture == "preflight/flanneld-cafile" }).materialize(at: root.path, pems: Self.pems)
        try FileManager.default.removeItem(atPath: root.path + "/etc/flanneld/certs/ca.crt")
        let credentials = try #require(try Self.preflight(root, Self.arguments(for: .etcd)).targets.first?.credentials)
        #expect(credentials.files(fileSystem: LocalFileSystem(), scratch: nil, prefix: "1").failure?.message ==
                "the etcd CA /etc/flanneld/certs/ca.crt (FLANNEL_ETCD_CAFILE in /etc/sysconfig/flanneld:10) does not exist on this node; give the file, or fix the setting that names it")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/etc/flanneld/certs/ca.crt", withDestinationPath: "../../../../outside-ca.crt")
        #expect(credentials.files(fileSystem: LocalFileSystem(), scratch: nil, prefix: "1").failure?.message ==
                "cannot use the etcd CA /etc/flanneld/certs/ca.crt (FLANNEL_ETCD_CAFILE in /etc/sysconfig/flanneld:10): its symlink points outside --root; name a file inside it")
    }

    @Test("the master, where a flag or variable of a file rewritten toward it names its TLS files rather than a kubeconfig, is asked with those")
    func masterByFlags() throws {
        let unit = DiscoveredFile(displayPath: "/etc/systemd/system/kube-dns.service", hostPath: "/srv/node/etc/systemd/system/kube-dns.service",
                                  kind: .unit, component: "kube-dns", services: ["kube-dns"], bytes: [])
        let plan = NodePlan(files: [FilePlan(file: unit, updated: [], edits: [
            FileEdit(role: .master, label: "--kube-master-url", line: 4, before: "https://10.17.33.20:6443", after: "https://10.99.0.1:6443", outcome: .changed),
        ])], credentials: [
            CredentialReference(target: .master, purpose: .ca, path: "/etc/kube-dns/ca.pem", namedBy: unit.displayPath, line: 5,
                                label: "ExecStart --kube-master-ca", services: ["kube-dns"]),
            CredentialReference(target: .etcd, purpose: .ca, path: "/etc/etcd/ca.pem", namedBy: unit.displayPath, line: 6,
                                label: "ExecStart --etcd-cafile", services: ["kube-dns"]),
        ])
        let preflight = PreflightPlan.make(targets: try Self.targets(["--master=https://10.99.0.1:6443"]), plan: plan, root: "/srv/node")
        #expect(preflight.targets.map(\.credentials) == [TargetCredentials(ca: .file("/etc/kube-dns/ca.pem"), source: unit.displayPath,
                                                                           root: "/srv/node", origins: [plan.credentials[0]])])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
