import Foundation
import Glibc
import TestSupport
import Testing
@testable import NodeReconfigCore

/// The pure parts of the preflight and the gate, each against an independent oracle: the C
/// library's calendar and address functions, openssl's own reading of a certificate.
@Suite("Preflight parts: times, addresses, certificates, responses, credentials")
struct PreflightPartsTests {
    @Test("RFC 3339 stamps (Z, fractions, offsets) read as gmtime writes them", arguments: [0.0, 951_782_400, 1_700_000_000.25, 4_102_444_799])
    func timestamps(_ seconds: Double) {
        // The C library's gmtime_r, not Platform.utc (which Timestamp.text itself calls).
        var clock = time_t(seconds.rounded(.down))
        var parts = tm()
        _ = gmtime_r(&clock, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let stamp = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        let fraction = seconds - seconds.rounded(.down)
        #expect(Timestamp.parse(stamp + "Z") == seconds.rounded(.down))
        #expect(abs((Timestamp.parse(stamp + ".250000Z") ?? 0) - (seconds.rounded(.down) + 0.25)) < 1e-6)
        #expect(Timestamp.parse(stamp + "+02:00") == seconds.rounded(.down) - 7200)
        #expect(fraction == 0 || Timestamp.parse(stamp + "Z")! < seconds)
        #expect(Timestamp.parse(stamp) == nil, "no zone: refused")
        let shown = stamp.replacingOccurrences(of: "T", with: " ")
        #expect(Timestamp.text(seconds.rounded(.down)) == shown + " UTC")
        #expect(Timestamp.text(seconds.rounded(.down) + 0.0421) == shown + ".042 UTC")
    }

    @Test("IP addresses as bytes and back, as inet_pton and inet_ntop have them",
          arguments: ["10.17.40.20", "127.0.0.1", "::1", "fd00::1", "2001:db8:0:0:1:0:0:1", "::ffff:10.0.0.1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8"])
    func addresses(_ text: String) throws {
        let family = text.contains(":") ? AF_INET6 : AF_INET
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(inet_pton(family, text, &buffer) == 1)
        let expected = Array(buffer.prefix(family == AF_INET ? 4 : 16))
        #expect(IPAddress.bytes(text) == expected)
        var out = [CChar](repeating: 0, count: 64)
        _ = inet_ntop(family, expected, &out, 64)
        #expect(IPAddress.text(expected) == String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        #expect(IPAddress.bytes("kubernetes.default") == nil && IPAddress.bytes("1:2:3") == nil)
    }

    @Test("a certificate's names, subject, issuer and dates are read from its DER as openssl x509 reads them")
    func certificate() throws {
        guard LocalProcessRunner().locate("openssl") != nil else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("openssl is not installed") }
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pki-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pki = Corpus.packageRoot.appendingPathComponent("scripts/rehearsal/pki.sh").path
        #expect(try Subprocess.run([pki, directory, "ca", "test-ca"]).status == 0)
        #expect(try Subprocess.run([pki, directory, "server", "api", "test-ca", "DNS:kubernetes,IP:10.17.33.20,DNS:*.apps.example.com,IP:fd00::1,DNS:10.17.40.20"]).status == 0)
        let pem = try String(contentsOfFile: directory + "/api.crt", encoding: .utf8)
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = try #require(Base64.decode(body))
        let certificate = try #require(ServerCertificate(der: der))
        #expect(certificate.names.map(\.description) == ["kubernetes", "10.17.33.20", "*.apps.example.com", "fd00::1", "10.17.40.20"])
        #expect(certificate.subject == "CN=api" && certificate.issuer == "CN=test-ca")
        let dates = try Subprocess.run(["openssl", "x509", "-noout", "-enddate", "-dateopt", "iso_8601", "-in", directory + "/api.crt"])
        // notAfter=2026-12-28 11:00:00Z
        let iso = try #require(dates.output.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(certificate.notAfter == Timestamp.parse(iso.replacingOccurrences(of: " ", with: "T")), "\(iso)")
        #expect(certificate.covers("10.17.33.20") && certificate.covers("KUBERNETES") && certificate.covers("fd00:0::1"))
        #expect(certificate.covers("web.apps.example.com") && !certificate.covers("a.b.apps.example.com") && !certificate.covers("apps.example.com"))
        #expect(!certificate.covers("10.17.40.20"), "an IP held only as a DNS name does not count")
        #expect(certificate.holdsAsDNSName("10.17.40.20"))
        #expect(!certificate.covers("api"), "the CN does not count")
    }

    @Test("curl -i output: the last header block after 100 Continue, headers by name, the body")
    func response() throws {
        let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Etcd-Cluster-Id: cdf818194e3a8c32\r\n\r\n{\"health\":\"true\"}"
        let response = try #require(HTTPResponse(parsing: Array(text.utf8)))
        #expect(response.status == 200)
        #expect(response.header("x-etcd-cluster-id") == "cdf818194e3a8c32")
        #expect(response.text == "{\"health\":\"true\"}")
        #expect(EtcdAPI.isHealthy(response))
        #expect(HTTPResponse(parsing: Array("not http\r\n\r\n".utf8)) == nil)
    }

    @Test("an added member that has not started (no name yet) matches --etcd-members by its peer URL; a DNS name and its address are one endpoint")
    func membership() throws {
        let view = EtcdClusterView(clusterID: "1f", members: [
            EtcdMemberStatus(id: "a", name: "etcd-1", peerURLs: ["https://10.0.0.1:2380"], clientURLs: ["https://10.0.0.1:2379"]),
            EtcdMemberStatus(id: "b", name: "", peerURLs: ["https://10.0.0.2:2380"], clientURLs: []),
        ])
        let target = PreflightTarget(role: .etcd, flag: "--etcd", url: "https://etcd-1.example:2379", scheme: "https", host: "etcd-1.example", port: 2379)
        let members = try EtcdMember.parseList("etcd-1=https://10.0.0.1:2380,etcd-2=https://10.0.0.2:2380", flag: "--etcd-members")
        let check = EtcdClusterCheck(answers: [(target, view)], urlsMustBeMembers: true, expectedMembers: members,
                                     resolve: { $0 == "etcd-1.example" ? ["etcd-1.example", "10.0.0.1"] : [$0] })
        let (refusals, notes) = check.run()
        #expect(refusals.isEmpty, "\(refusals)")
        #expect(notes == ["etcd member b (no client URL yet) of cluster 1f is not in --etcd"])
    }

    @Test("kubeconfig credentials: relative paths from the kubeconfig's folder (node paths under --root), *-data decoded and preferred, nothing secret in the description")
    func credentials() throws {
        let read = [
            KubeconfigCredential(key: .certificateAuthority, path: "pki/ca.crt", line: 4, owner: "c"),
            KubeconfigCredential(key: .clientCertificate, path: "/etc/kubernetes/ssl/kubelet.pem", line: 9, owner: "u"),
            KubeconfigCredential(key: .clientKey, path: "/etc/kubernetes/ssl/kubelet-key.pem", line: 10, owner: "u"),
            KubeconfigCredential(key: .clientKeyData, path: nil, value: "c2VjcmV0LWtleS1ieXRlcw==", line: 11, owner: "u"),
            KubeconfigCredential(key: .token, path: nil, value: "a-token-never-shown", line: 12, owner: "u"),
        ]
        let credentials = TargetCredentials.kubeconfig(read, insecure: false, displayPath: "/etc/kubernetes/kubelet.conf", root: "/srv/node")
        #expect(credentials.ca == .file("/etc/kubernetes/pki/ca.crt") && credentials.root == "/srv/node")
        #expect(credentials.certificate == .file("/etc/kubernetes/ssl/kubelet.pem"))
        #expect(credentials.key == .inline(Array("secret-key-bytes".utf8)), "client-key-data wins over client-key, as client-go reads them")
        #expect(credentials.token == "a-token-never-shown" && credentials.source == "/etc/kubernetes/kubelet.conf")
        #expect(credentials.origins.map(\.description) == [
            "master CA /etc/kubernetes/pki/ca.crt (certificate-authority in /etc/kubernetes/kubelet.conf:5)",
            "master client certificate /etc/kubernetes/ssl/kubelet.pem (client-certificate in /etc/kubernetes/kubelet.conf:10)",
            "master client key /etc/kubernetes/ssl/kubelet-key.pem (client-key in /etc/kubernetes/kubelet.conf:11)",
            "master client key (written into the file) (client-key-data in /etc/kubernetes/kubelet.conf:12)",
            "master token (written into the file) (token in /etc/kubernetes/kubelet.conf:13)",
        ])
        var dumped = ""
        dump(credentials, to: &dumped)
        let text = "\(credentials) \(String(describing: credentials)) \(String(reflecting: credentials)) \(dumped)"
        #expect(!text.contains("secret-key-bytes") && !text.contains("a-token-never-shown") && !text.contains("c2VjcmV0"), "\(text)")
        #expect(Base64.decode("not base64!") == nil)
    }

    @Test("credentials a program's settings name: the last of each purpose wins; the CA's file is the source, the client certificate's file is named when it is another")
    func namedCredentials() throws {
        let unit = "/etc/systemd/system/kube-apiserver.service", env = "/opt/kubernetes/cfg/kube-apiserver"
        let references = [
            CredentialReference(target: .etcd, purpose: .ca, path: "/etc/old/ca.pem", namedBy: env, line: 2, label: "--etcd-cafile", services: ["kube-apiserver"]),
            CredentialReference(target: .etcd, purpose: .cert, path: "/etc/etcd/client.pem", namedBy: env, line: 2, label: "--etcd-certfile", services: ["kube-apiserver"]),
            CredentialReference(target: .etcd, purpose: .key, path: "/etc/etcd/client-key.pem", namedBy: env, line: 2, label: "--etcd-keyfile", services: ["kube-apiserver"]),
            CredentialReference(target: .etcd, purpose: .ca, path: "/etc/etcd/ca.pem", namedBy: unit, line: 7, label: "ExecStart --etcd-cafile", services: ["kube-apiserver"]),
            CredentialReference(target: .etcd, purpose: .token, path: nil, namedBy: env, line: 3, label: "ETCD_TOKEN", services: ["kube-apiserver"]),
        ]
        let credentials = try #require(TargetCredentials.named(by: references, root: "/srv/node"))
        #expect(credentials.ca == .file("/etc/etcd/ca.pem") && credentials.certificate == .file("/etc/etcd/client.pem"))
        #expect(credentials.key == .file("/etc/etcd/client-key.pem") && credentials.token == nil && credentials.tokenFile == nil)
        #expect(credentials.source == unit && credentials.identitySource == env && credentials.root == "/srv/node")
        #expect(credentials.description == "from \(unit), CA /etc/etcd/ca.pem, certificate /etc/etcd/client.pem, a key, client credentials from \(env)")
        #expect(TargetCredentials.named(by: [references[4]], root: "/") == nil, "a credential written into a file that is no kubeconfig is not read")
    }

    @Test("a server closing the session over the client certificate reads as such, whichever of curl's errors the race gives (etcd over HTTP/2: 16)",
          arguments: [(16, "Send failure: Connection reset by peer", true), (55, "Send failure: Connection reset by peer", true),
                      (56, "OpenSSL SSL_read: error:0A000412:SSL routines::sslv3 alert bad certificate, errno 0", true),
                      (7, "Failed to connect to 127.0.0.1 port 1: Connection refused", false), (28, "Operation timed out", false)])
    func clientCertificateRefusals(_ exitCode: Int32, _ message: String, _ refused: Bool) {
        #expect(HTTPFailure(exitCode: exitCode, message: message).rejectsClientCertificate == refused)
    }

    @Test("a node without curl or openssl is told which is missing and that --skip-preflight skips the checks")
    func missingPrograms() {
        struct NoPrograms: ProcessRunner {
            func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult { ProcessResult(exitCode: 127) }
            func locate(_ program: String) -> String? { nil }
        }
        let context = Context(fileSystem: LocalFileSystem(), processes: NoPrograms(), clock: SystemClock(), output: BufferedOutput())
        let plan = PreflightPlan.make(targets: Targets(master: Endpoint(scheme: "https", host: "10.0.0.1", port: 6443)), plan: nil, root: "/")
        let report = Preflight(plan: plan, context: context, backupDirectory: "/nonexistent").run()
        #expect(report.findings.map(\.description) == [
            "the checks of the new control plane need curl, which is not on this node's PATH; install it, or pass --skip-preflight to skip the checks",
            "the checks of the new control plane need openssl, which is not on this node's PATH; install it, or pass --skip-preflight to skip the checks",
        ])
    }
}

@Suite("Preflight parts: several responses in one curl run")
struct HTTPBatchTests {
    @Test("responses one after the other are split by Content-Length; the batch's command joins the requests with --next and reads ~/.curlrc never")
    func sequence() throws {
        let one = "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n{\"health\":\"true\"}"
        let two = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        let responses = HTTPResponse.sequence(parsing: Array((one + two).utf8))
        #expect(responses.map(\.status) == [200, 200])
        #expect(responses.map(\.text) == ["{\"health\":\"true\"}", "{}"])
        let batch = HTTPBatch([HTTPCheck(url: "http://10.0.0.1:2379/health"),
                               HTTPCheck(method: "POST", url: "http://10.0.0.1:2379/v3/cluster/member/list", body: "{}")])
        let arguments = batch.command.arguments
        #expect(arguments.first == "-q" && arguments.filter { $0 == "-q" }.count == 1)
        #expect(arguments.filter { $0 == "--next" }.count == 1)
        #expect(arguments.last == "http://10.0.0.1:2379/v3/cluster/member/list")
    }
}
