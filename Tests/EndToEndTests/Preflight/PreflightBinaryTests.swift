import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// `node-reconfig plan/apply` against kube-apiserver stand-ins serving TLS (certificates made in
/// the test): the node's own kubeconfig credentials are used, every refusal is checked word for
/// word, and a refused run leaves every byte of the node as it was.
@Suite("Preflight of the binary against apiserver stand-ins with TLS", .serialized, .tags(.slow), .notInQuickRun)
struct PreflightBinaryTests {
    let lab: ControlPlaneLab
    /// good, no new address, another CA, 401 to the node, plain HTTP, the pool's (127.0.0.2).
    let ports = ServiceBench.freePorts(6)

    init() throws {
        lab = try ControlPlaneLab()
        try lab.make("ca", "cluster-ca")
        try lab.make("server", "api-good", "cluster-ca", "IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default")
        try lab.make("server", "api-old-names", "cluster-ca", "IP:10.17.33.20,DNS:kubernetes,DNS:kubernetes.default")
        try lab.make("server", "api-pool", "cluster-ca", "IP:127.0.0.2")
        try lab.make("client", "node-1", "cluster-ca", "system:node:node-1", "system:nodes")
        try lab.make("ca", "other-ca")
        try lab.make("server", "api-other-ca", "other-ca", "IP:127.0.0.1")
        try lab.make("client", "stranger", "other-ca", "system:node:node-1", "system:nodes")
    }

    func start() throws {
        try lab.apiserver(port: ports[0], ident: "good", certificate: "api-good", clientCA: "cluster-ca")
        try lab.apiserver(port: ports[1], ident: "old-names", certificate: "api-old-names", clientCA: "cluster-ca")
        try lab.apiserver(port: ports[2], ident: "other-ca", certificate: "api-other-ca", clientCA: "other-ca")
        try lab.apiserver(port: ports[3], ident: "deny", certificate: "api-good", clientCA: "cluster-ca", extra: ["--deny-clients"])
        try lab.apiserver(port: ports[4], ident: "plain", certificate: nil)
        try lab.apiserver(address: "127.0.0.2", port: ports[5], ident: "pool", certificate: "api-pool", clientCA: "cluster-ca")
    }

    static let advice = "Fix the control plane (or this node's files), then run again; --skip-preflight skips these checks."

    /// The whole stderr of a refused run with these findings.
    func refusal(_ findings: String...) -> String {
        "Error: preflight failed; nothing was changed.\n" + findings.map { "  \($0)\n" }.joined() + Self.advice + "\n"
    }

    @Test("a certificate that chains to the node's CA and holds the new address passes; one without it, one from another CA, an apiserver that answers 401 and a port without TLS are refused word for word, every byte unchanged")
    func masterRefusals() throws {
        guard ControlPlaneLab.has("curl", "openssl", "python3") else { return }
        defer { lab.tearDown() }
        try start()
        let good = "https://127.0.0.1:\(ports[0])"

        let passing = try PreflightNode(lab, name: "passing")
        let plan = try passing.run(["plan", "--master=\(good)"])
        #expect(plan.status == 2, "\(plan)")
        let applied = try passing.run(["apply", "--no-restart", "--master=\(good)"])
        #expect(applied.status == 0, "\(applied)")
        #expect(String(decoding: passing.snapshot()["etc/kubernetes/kubelet.kubeconfig"] ?? Data(), as: UTF8.self).contains("server: \(good)\n"))

        let cases: [(String, String)] = [
            ("https://127.0.0.1:\(ports[1])", "--master https://127.0.0.1:\(ports[1]) (CA of /etc/kubernetes/kubelet.kubeconfig): 127.0.0.1 is not in the certificate's names: 10.17.33.20, kubernetes, kubernetes.default; re-issue the apiserver certificate with it"),
            ("https://127.0.0.1:\(ports[2])", "--master https://127.0.0.1:\(ports[2]) (CA of /etc/kubernetes/kubelet.kubeconfig): its certificate (issued by CN=other-ca) does not chain to the CA of /etc/kubernetes/kubelet.kubeconfig (openssl: \(try opensslVerdict(port: ports[2]))); give the apiserver a certificate from that CA, or check that the node's file names the cluster's CA"),
            ("https://127.0.0.1:\(ports[3])", "--master https://127.0.0.1:\(ports[3]): answered 401 to GET /version with the client certificate of /etc/kubernetes/kubelet.kubeconfig; it does not accept this node's credentials: check the apiserver's --client-ca-file (or the token), or the node's file"),
            ("https://127.0.0.1:\(ports[4])", "--master https://127.0.0.1:\(ports[4]): it does not speak TLS on that port (openssl: wrong version number)"),
        ]
        for (index, (master, finding)) in cases.enumerated() {
            let node = try PreflightNode(lab, name: "refused-\(index)")
            let before = node.snapshot()
            for command in ["plan", "apply"] {
                let run = try node.run([command, "--master=\(master)"])
                #expect(run.status == 1, "\(command) \(master): \(run)")
                #expect(run.stderr == refusal(finding), "\(command) \(master)")
                #expect(run.stdout.isEmpty || command == "plan" && !run.stdout.contains("changed"), "\(run.stdout)")
            }
            #expect(node.snapshot() == before, "every byte of the node is as it was")
            #expect(node.backupEntries.isEmpty, "no backup set, no scratch directory: \(node.backupEntries)")
        }

        // --json: one object, result refused, the finding in its message.
        let json = try PreflightNode(lab, name: "json")
        let run = try json.run(["apply", "--json", "--master=https://127.0.0.1:\(ports[1])"])
        #expect(run.status == 1)
        let object = try run.json()
        #expect(object["result"] as? String == "refused")
        #expect((object["message"] as? String) == String(refusal(cases[0].1).dropFirst("Error: ".count).dropLast()))
    }

    /// openssl's own words for the chain of the server on `port` against the cluster CA (as an
    /// operator running `openssl s_client` would read them; they differ between versions).
    func opensslVerdict(port: Int) throws -> String {
        let result = try Subprocess.run(["openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", lab.path("cluster-ca")])
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("Verify return code:") }, "\(result)")
        let text = try #require(line.split(separator: "(", maxSplits: 1).last?.dropLast(), "\(line)")
        #expect(!line.contains("code: 0 "), "the chain must fail for this case: \(line)")
        return String(text)
    }

    @Test("the node's client certificate from another CA is refused in the TLS handshake, naming its file")
    func foreignClientCertificate() throws {
        guard ControlPlaneLab.has("curl", "openssl", "python3") else { return }
        defer { lab.tearDown() }
        try start()
        let node = try PreflightNode(lab, name: "stranger", client: "stranger")
        let before = node.snapshot()
        let run = try node.run(["plan", "--master=https://127.0.0.1:\(ports[0])"])
        #expect(run.status == 1)
        let expected = "--master https://127.0.0.1:\(ports[0]): refused the client certificate of /etc/kubernetes/kubelet.kubeconfig in the TLS handshake (curl: "
        #expect(run.stderr.contains("\n  " + expected), "\(run.stderr)")
        #expect(run.stderr.contains("); it does not trust the CA that issued it: check its --client-ca-file\n"), "\(run.stderr)")
        #expect(node.snapshot() == before)
    }

    @Test("behind the node's load balancer, each --apiservers entry must hold the name the kubeconfig uses (127.0.0.1)")
    func poolThroughLoadBalancer() throws {
        guard ControlPlaneLab.has("curl", "openssl", "python3") else { return }
        defer { lab.tearDown() }
        try start()
        let node = try PreflightNode(lab, name: "lb", loadBalancer: true)
        let before = node.snapshot()
        let pool = "127.0.0.2:\(ports[5])"
        let run = try node.run(["plan", "--apiservers=\(pool)"])
        #expect(run.stderr == refusal("--apiservers \(pool) (reached as 127.0.0.1 through the node's load balancer; CA of /etc/kubernetes/kubelet.kubeconfig): 127.0.0.1 is not in the certificate's names: 127.0.0.2; re-issue the apiserver certificate with it"),
                "\(run)")
        #expect(run.status == 1)
        #expect(node.snapshot() == before)
        // The good apiserver holds 127.0.0.1: the pool passes, and the plan shows the new pool.
        let passing = try node.run(["plan", "--apiservers=127.0.0.1:\(ports[0])"])
        #expect(passing.status == 2, "\(passing)")
    }
}
