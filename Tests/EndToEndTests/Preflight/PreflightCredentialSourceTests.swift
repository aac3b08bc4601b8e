import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// `node-reconfig plan` on a node root per way of naming credentials (`CredentialLayout.all`:
/// kubeconfig files and inline data, `--etcd-cafile` on a unit's command line and in the
/// EnvironmentFile it reads, flanneld's `-etcd-*` in `$FLANNEL_OPTIONS`, `FLANNEL_ETCD_CAFILE`,
/// `ETCD_*_FILE` in `/etc/etcd.env`, a static pod's flags through its hostPath mount), against a
/// real etcd with TLS and `--client-cert-auth` (an apiserver stand-in requiring client
/// certificates for kubeconfigs): the node's right files pass; a CA from another authority in
/// the same place is refused, word for word, naming the file that names that CA, every byte
/// of the node unchanged.
@Suite("Preflight with the credentials each kind of file names, against a real TLS etcd with --client-cert-auth", .serialized, .tags(.slow), .notInQuickRun)
struct PreflightCredentialSourceTests {
    let lab: ControlPlaneLab
    let port = ServiceBench.freePorts(1)[0]

    init() throws {
        lab = try ControlPlaneLab()
        try lab.make("ca", "etcd-ca")
        try lab.make("server", "etcd-server", "etcd-ca", "IP:127.0.0.1")
        try lab.make("client", "etcd-client", "etcd-ca", "kube-apiserver-etcd-client")
        try lab.make("ca", "cluster-ca")
        try lab.make("server", "api-good", "cluster-ca", "IP:127.0.0.1,DNS:kubernetes")
        try lab.make("client", "node-1", "cluster-ca", "system:node:node-1", "system:nodes")
        try lab.make("ca", "other-ca")
    }

    /// The PEM files a node of `target` holds: its CA is `ca`, its client certificate the right one.
    func pems(_ target: CredentialLayout.Target, ca: String) throws -> [CredentialLayout.PEM: Data] {
        let client = target == .master ? "node-1" : "etcd-client"
        return [.ca: try lab.pem(ca), .cert: try lab.pem(client), .key: try lab.pem(client, "key")]
    }

    /// The whole stderr of a refused run with these findings.
    func refusal(_ findings: [String]) -> String {
        "Error: preflight failed; nothing was changed.\n" + findings.map { "  \($0)\n" }.joined()
            + "Fix the control plane (or this node's files), then run again; --skip-preflight skips these checks.\n"
    }

    /// openssl's own words for the chain of the server on `port` against `ca`.
    func opensslVerdict(ca: String) throws -> String {
        let result = try Subprocess.run(["openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", lab.path(ca),
                                         "-cert", lab.path("etcd-client"), "-key", lab.path("etcd-client", "key")])
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("Verify return code:") }, "\(result)")
        #expect(!line.contains("code: 0 "), "the chain must fail against \(ca): \(line)")
        return String(try #require(line.split(separator: "(", maxSplits: 1).last?.dropLast(), "\(line)"))
    }

    /// Starts what `target` asks and returns the run's flags and the subject of its findings.
    func start(_ target: CredentialLayout.Target) throws -> (flags: [String], subject: String, owner: String, issuer: String) {
        let url = "https://127.0.0.1:\(port)"
        switch target {
        case .master:
            try lab.apiserver(port: port, ident: "good", certificate: "api-good", clientCA: "cluster-ca")
            return (["--master=\(url)"], "--master \(url)", "apiserver", "cluster-ca")
        case .etcd:
            try lab.etcd("etcd-a", clientPorts: [port], server: "etcd-server", ca: "etcd-ca")
            return (["--etcd=\(url)"], "--etcd \(url)", "etcd server", "etcd-ca")
        case .members:
            try lab.etcd("etcd-a", clientPorts: [port], server: "etcd-server", ca: "etcd-ca")
            return (["--etcd-members=etcd-a-1=\(try memberPeer(url))"], "ETCD_ADVERTISE_CLIENT_URLS in /etc/etcd.env \(url)", "etcd server", "etcd-ca")
        }
    }

    @Test("the node's own files pass; a CA from another authority where they name it is refused naming that file, nothing changed", arguments: CredentialLayout.all)
    func source(_ layout: CredentialLayout) throws {
        guard ControlPlaneLab.has("etcd", "etcdctl", "curl", "openssl", "python3") else { return }
        defer { lab.tearDown() }
        let (flags, subject, owner, issuer) = try start(layout.target)
        let good = lab.directory + "/\(layout.name)-good"
        try layout.materialize(at: good, pems: try pems(layout.target, ca: layout.target == .master ? "cluster-ca" : "etcd-ca"), clientURL: "https://127.0.0.1:\(port)")
        let passing = try BinaryRun.nodeReconfig(["plan", "--root", good] + flags, in: lab.directory)
        #expect(passing.status == 2, "\(passing)")
        #expect(!passing.stderr.contains("preflight"), "\(passing.stderr)")

        let foreign = lab.directory + "/\(layout.name)-foreign"
        try layout.materialize(at: foreign, pems: try pems(layout.target, ca: "other-ca"), clientURL: "https://127.0.0.1:\(port)")
        let before = Self.snapshot(foreign)
        let verdict = try opensslVerdict(ca: "other-ca")
        let refused = try BinaryRun.nodeReconfig(["plan", "--root", foreign] + flags, in: lab.directory)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr == refusal(layout.caNamedBy.map { file in
            "\(subject) (CA of \(file)): its certificate (issued by CN=\(issuer)) does not chain to the CA of \(file) (openssl: \(verdict)); "
                + "give the \(owner) a certificate from that CA, or check that the node's file names the cluster's CA"
        }))
        #expect(Self.snapshot(foreign) == before, "every byte of the node is as it was")
    }

    @Test("the apiserver's files name the etcd CA and flanneld's another authority's: etcd is asked with each, and only flanneld's file is named")
    func twoPrograms() throws {
        guard ControlPlaneLab.has("etcd", "curl", "openssl") else { return }
        defer { lab.tearDown() }
        let (flags, subject, _, _) = try start(.etcd)
        let root = lab.directory + "/two"
        let layouts = try ["preflight/unit-flags", "preflight/flanneld-cafile"].map { name in try #require(CredentialLayout.all.first { $0.fixture == name }) }
        try layouts[0].materialize(at: root, pems: try pems(.etcd, ca: "etcd-ca"))
        try layouts[1].materialize(at: root, pems: try pems(.etcd, ca: "other-ca"))
        let before = Self.snapshot(root)
        let run = try BinaryRun.nodeReconfig(["plan", "--root", root] + flags, in: lab.directory)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr == refusal([
            "\(subject) (CA of /etc/sysconfig/flanneld): its certificate (issued by CN=etcd-ca) does not chain to the CA of /etc/sysconfig/flanneld (openssl: \(try opensslVerdict(ca: "other-ca"))); "
                + "give the etcd server a certificate from that CA, or check that the node's file names the cluster's CA",
        ]))
        #expect(Self.snapshot(root) == before)
        // The CA is right but flanneld's client certificate is another authority's: etcd refuses it in the handshake.
        try lab.make("client", "stranger", "other-ca", "flanneld")
        try Data(try lab.pem("etcd-ca")).write(to: URL(fileURLWithPath: root + "/etc/flanneld/certs/ca.crt"))
        try Data(try lab.pem("stranger")).write(to: URL(fileURLWithPath: root + "/etc/flanneld/certs/client.crt"))
        try Data(try lab.pem("stranger", "key")).write(to: URL(fileURLWithPath: root + "/etc/flanneld/certs/client.key"))
        let stranger = try BinaryRun.nodeReconfig(["plan", "--root", root] + flags, in: lab.directory)
        #expect(stranger.status == 1, "\(stranger)")
        #expect(stranger.stderr.hasPrefix("Error: preflight failed; nothing was changed.\n  \(subject): refused the client certificate of /etc/sysconfig/flanneld in the TLS handshake (curl: "),
                "\(stranger.stderr)")
        #expect(stranger.stderr.components(separatedBy: "\n  ").count == 2, "one finding: the apiserver's certificate passes")
    }

    /// Member 1's peer URL, as etcdctl lists it.
    func memberPeer(_ url: String) throws -> String {
        let result = try Subprocess.run(["etcdctl", "--endpoints=\(url)", "--cacert", lab.path("etcd-ca"), "--cert", lab.path("etcd-client"),
                                         "--key", lab.path("etcd-client", "key"), "member", "list"], environment: ["ETCDCTL_API": "3"])
        let line = try #require(result.output.split(separator: "\n").first { $0.contains(", etcd-a-1, ") }, "\(result)")
        return String(line.components(separatedBy: ", ")[3])
    }

    /// Every file under `root`: relative path → bytes.
    static func snapshot(_ root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root)
        while let item = walker?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: root + "/" + item) { result[item] = data }
        }
        return result
    }
}
