import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// The etcd part of the preflight against real etcd clusters with TLS and client-certificate
/// auth: health, one cluster, members' client URLs, members left out, `--etcd-members`. The
/// credentials are given as the node's etcd TLS files would give them.
@Suite("Preflight against real etcd clusters with TLS and --client-cert-auth", .serialized, .tags(.slow), .notInQuickRun)
struct PreflightEtcdTests {
    let lab: ControlPlaneLab
    let ports = ServiceBench.freePorts(5)
    /// Cluster A (3 members), member A1's unadvertised extra client URL, cluster B (1 member).
    var a: [String] { ports[0..<3].map { "https://127.0.0.1:\($0)" } }
    var extra: String { "https://127.0.0.1:\(ports[3])" }
    var b: String { "https://127.0.0.1:\(ports[4])" }

    init() throws {
        lab = try ControlPlaneLab()
        try lab.make("ca", "etcd-ca")
        try lab.make("server", "etcd-server", "etcd-ca", "IP:127.0.0.1,DNS:localhost")
        try lab.make("client", "etcd-client", "etcd-ca", "flanneld")
        try lab.make("ca", "other-ca")
        try lab.make("server", "etcd-foreign", "other-ca", "IP:127.0.0.1")
    }

    var credentials: TargetCredentials {
        TargetCredentials(ca: .file(lab.path("etcd-ca")), certificate: .file(lab.path("etcd-client")),
                          key: .file(lab.path("etcd-client", "key")), source: "/etc/sysconfig/flanneld")
    }

    func target(_ url: String, _ credentials: TargetCredentials?) -> PreflightTarget {
        let address = Address(parsing: url[...])
        return PreflightTarget(role: .etcd, flag: "--etcd", url: url, scheme: address.scheme, host: address.host,
                               port: address.port!, credentials: credentials)
    }

    func run(_ urls: [String], credentials: TargetCredentials?, members: [EtcdMember]? = nil) -> Preflight.Report {
        let plan = PreflightPlan(targets: urls.map { target($0, credentials) }, etcdMembers: members, etcdURLsMustBeMembers: true)
        return Preflight(plan: plan, context: .live(), backupDirectory: lab.directory + "/backups").run()
    }

    /// The cluster ID as etcdctl reports it (decimal) turned into hex: an oracle independent of ours.
    func clusterID(_ url: String) throws -> String {
        let result = try Subprocess.run(["etcdctl", "--endpoints=\(url)", "--cacert", lab.path("etcd-ca"), "--cert", lab.path("etcd-client"),
                                         "--key", lab.path("etcd-client", "key"), "endpoint", "status", "-w", "json"],
                                        environment: ["ETCDCTL_API": "3"])
        let rows = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]], "\(result)")
        let header = try #require((rows.first?["Status"] as? [String: Any])?["header"] as? [String: Any])
        let id = try #require(header["cluster_id"] as? NSNumber, "\(header)")
        return String(id.uint64Value, radix: 16)
    }

    @Test("one healthy cluster passes; a member left out is noted; two clusters, a URL that is no member's, a wrong --etcd-members, a missing client certificate and another CA are refused, word for word")
    func etcdChecks() throws {
        guard ControlPlaneLab.has("etcd", "etcdctl", "curl", "openssl") else { return }
        defer { lab.tearDown() }
        try lab.etcd("etcd-a", clientPorts: Array(ports[0..<3]), server: "etcd-server", ca: "etcd-ca", extraListen: ports[3])
        try lab.etcd("etcd-b", clientPorts: [ports[4]], server: "etcd-server", ca: "etcd-ca")
        let idA = try clusterID(a[0]), idB = try clusterID(b)
        #expect(idA != idB)

        let all = run(a, credentials: credentials)
        #expect(all.findings.isEmpty, "\(all.findings)")
        #expect(all.notes.isEmpty, "\(all.notes)")

        let two = run(Array(a[0..<2]), credentials: credentials)
        #expect(two.findings.isEmpty, "\(two.findings)")
        #expect(two.notes == ["etcd member etcd-a-3 (\(a[2])) of cluster \(idA) is not in --etcd"])

        let mixed = run([a[0], a[1], b], credentials: credentials)
        #expect(mixed.findings.map(\.description) == [
            "--etcd: mixes etcd clusters: \(a[0]), \(a[1]) are in cluster \(idA); \(b) is in cluster \(idB); give the client URLs of one cluster",
        ])

        let stray = run(a + [extra], credentials: credentials)
        #expect(stray.findings.map(\.description) == [
            "--etcd \(extra): is not the client URL of any member of cluster \(idA) (its members' client URLs: \(a.sorted().joined(separator: ", "))); give the members' client URLs",
        ])

        // A DNS name and the address it resolves to are one endpoint (the certificate holds DNS:localhost).
        let named = run(["https://localhost:\(ports[0])", a[1], a[2]], credentials: credentials)
        #expect(named.findings.isEmpty, "\(named.findings)")
        #expect(named.notes.isEmpty, "\(named.notes)")

        let peers = try (1...3).map { n throws in try EtcdMember.parse("etcd-a-\(n)=\(memberPeer(n))", flag: "--etcd-members") }
        #expect(run(a, credentials: credentials, members: peers).findings.isEmpty)
        let wrong = [peers[0], peers[1], try EtcdMember.parse("etcd-a-9=http://127.0.0.1:1", flag: "--etcd-members")]
        let third = try memberPeer(3)
        #expect(run(a, credentials: credentials, members: wrong).findings.map(\.description) == [
            "--etcd-members: differs from the member list of cluster \(idA) (not in the cluster: etcd-a-9=http://127.0.0.1:1; in the cluster but not in --etcd-members: etcd-a-3=\(third)); give the members as 'etcdctl member list' shows them",
        ])

        var noClient = credentials
        noClient.certificate = nil
        noClient.key = nil
        let refused = run([a[0]], credentials: noClient)
        #expect(refused.findings.count == 1)
        #expect(refused.findings.first?.description.hasPrefix("--etcd \(a[0]): asks for a client certificate, and no file on this node gives one for it (curl: ") == true,
                "\(refused.findings)")
        #expect(refused.findings.first?.description.hasSuffix("); give the node's client certificate and key in its files") == true)

        var foreign = credentials
        foreign.ca = .file(lab.path("other-ca"))
        let chain = run([a[0]], credentials: foreign)
        #expect(chain.findings.map(\.description) == [
            "--etcd \(a[0]) (CA of /etc/sysconfig/flanneld): its certificate (issued by CN=etcd-ca) does not chain to the CA of /etc/sysconfig/flanneld (openssl: unable to verify the first certificate); give the etcd server a certificate from that CA, or check that the node's file names the cluster's CA",
        ])

        // Inline PEM (a kubeconfig's *-data) goes through the 0700 scratch directory, gone afterwards.
        var inline = credentials
        inline.ca = .inline(Array(try Data(contentsOf: URL(fileURLWithPath: lab.path("etcd-ca")))))
        #expect(run(a, credentials: inline).findings.isEmpty)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: lab.directory + "/backups")) ?? []
        #expect(left.isEmpty, "the scratch directory is removed: \(left)")
    }

    @Test("a plain-http etcd that serves only the v2 API (DomeOS's :4012): health and membership through /v2/members and its X-Etcd-Cluster-Id")
    func plainV2() throws {
        guard ControlPlaneLab.has("etcd", "curl") else { return }
        defer { lab.tearDown() }
        let client = ports[0], peer = ports[1]
        let url = try lab.plainEtcd("domeos", client: client, peer: peer, arguments: ["--enable-v2=true", "--enable-grpc-gateway=false"])
        let v3 = try Subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-d", "{}", url + "/v3/cluster/member/list"])
        #expect(v3.output == "404", "the v3 gateway is off, so the v2 API must answer")
        let other = try lab.plainEtcd("other", client: ports[3], peer: ports[4], arguments: ["--enable-v2=true", "--enable-grpc-gateway=false"])
        let plan = PreflightPlan(targets: [target(url, nil), target(other, nil), target("http://127.0.0.1:\(ports[2])", nil)], etcdURLsMustBeMembers: true)
        let report = Preflight(plan: plan, context: .live(), backupDirectory: lab.directory + "/backups").run()
        #expect(report.findings.map(\.description) == [
            "--etcd http://127.0.0.1:\(ports[2]): cannot reach 127.0.0.1:\(ports[2]): connection refused",
            "--etcd: mixes etcd clusters: \(url) is in cluster \(try v2ClusterID(url)); \(other) is in cluster \(try v2ClusterID(other)); give the client URLs of one cluster",
        ])
        let alone = Preflight(plan: PreflightPlan(targets: [target(url, nil)], etcdMembers: [try EtcdMember.parse("domeos-1=http://127.0.0.1:\(peer)", flag: "--etcd-members")],
                                                  etcdURLsMustBeMembers: true), context: .live(), backupDirectory: lab.directory + "/backups").run()
        #expect(alone.findings.isEmpty, "\(alone.findings)")
    }

    /// The cluster ID in a v2 answer's header, read by curl.
    func v2ClusterID(_ url: String) throws -> String {
        let header = try Subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", url + "/v2/members"])
        let line = try #require(header.output.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-etcd-cluster-id:") }, "\(header)")
        return String(UInt64(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces), radix: 16)!, radix: 16)
    }

    /// Member N's peer URL, as etcdctl lists it.
    func memberPeer(_ n: Int) throws -> String {
        let result = try Subprocess.run(["etcdctl", "--endpoints=\(a[0])", "--cacert", lab.path("etcd-ca"), "--cert", lab.path("etcd-client"),
                                         "--key", lab.path("etcd-client", "key"), "member", "list"], environment: ["ETCDCTL_API": "3"])
        let line = try #require(result.output.split(separator: "\n").first { $0.contains(", etcd-a-\(n), ") }, "\(result)")
        return String(line.components(separatedBy: ", ")[3])
    }
}
