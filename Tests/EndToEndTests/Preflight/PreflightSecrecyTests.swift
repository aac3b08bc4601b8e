import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// The node's secrets used by the preflight (a kubeconfig's inline key and certificate, a bearer
/// token) reach curl and openssl only through files in the 0700 scratch directory under the
/// backup directory, never through argv, the environment, output or any other file.
@Suite("Preflight secrets stay in the 0700 scratch directory", .serialized, .tags(.slow), .notInQuickRun)
struct PreflightSecrecyTests {
    let lab: ControlPlaneLab
    let port = ServiceBench.freePorts(1)[0]

    init() throws {
        lab = try ControlPlaneLab()
        try lab.make("ca", "cluster-ca")
        try lab.make("server", "api-good", "cluster-ca", "IP:127.0.0.1")
        try lab.make("client", "node-1", "cluster-ca", "system:node:node-1", "system:nodes")
    }

    @Test("under strace -f: no key, certificate data or token in any argv, in stdout, stderr or JSON; every file written is in <backup-dir>/.secrets-PID (0700, files 0600), gone afterwards")
    func secretsUnderStrace() throws {
        guard ControlPlaneLab.has("curl", "openssl", "python3", "strace") else { return }
        defer { lab.tearDown() }
        try lab.apiserver(port: port, ident: "good", certificate: "api-good", clientCA: "cluster-ca")
        let node = try PreflightNode(lab, name: "inline", kubelet: false, inlineProxy: true)
        for arguments in [["plan"], ["plan", "--json"]] {
            try traced(arguments + ["--master=https://127.0.0.1:\(port)"], root: node.root, secrets: inlineSecrets(), scratchFiles: 4)
            #expect(node.backupEntries.isEmpty, "the scratch directory is removed: \(node.backupEntries)")
        }
    }

    @Test("with etcd's TLS files named by the apiserver's unit too: those reach curl and openssl by their path on the node, never copied; their key's bytes are in no argv, environment or output")
    func etcdFilesUnderStrace() throws {
        guard ControlPlaneLab.has("etcd", "curl", "openssl", "python3", "strace") else { return }
        defer { lab.tearDown() }
        try lab.make("ca", "etcd-ca")
        try lab.make("server", "etcd-server", "etcd-ca", "IP:127.0.0.1")
        try lab.make("client", "etcd-client", "etcd-ca", "kube-apiserver-etcd-client")
        try lab.apiserver(port: port, ident: "good", certificate: "api-good", clientCA: "cluster-ca")
        let etcdPort = ServiceBench.freePorts(1)[0]
        try lab.etcd("etcd-a", clientPorts: [etcdPort], server: "etcd-server", ca: "etcd-ca")
        let node = try PreflightNode(lab, name: "etcd", kubelet: false, inlineProxy: true)
        let layout = try #require(CredentialLayout.all.first { $0.fixture == "preflight/unit-flags" })
        try layout.materialize(at: node.root, pems: [.ca: try lab.pem("etcd-ca"), .cert: try lab.pem("etcd-client"), .key: try lab.pem("etcd-client", "key")])
        let etcdKey = String(decoding: try lab.pem("etcd-client", "key"), as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        let trace = try traced(["plan", "--master=https://127.0.0.1:\(port)", "--etcd=https://127.0.0.1:\(etcdPort)"], root: node.root,
                               secrets: try inlineSecrets() + etcdKey, scratchFiles: 4)
        let executed = trace.filter { $0.contains("execve(") && !$0.contains("ENOENT") }
        let keyPath = node.root + "/etc/kubernetes/ssl/kubernetes-key.pem"
        #expect(executed.contains { $0.contains("s_client") && $0.contains("\"-key\", \"\(keyPath)\"") }, "openssl presents the etcd key by its path")
        #expect(executed.contains { ($0.contains("\"curl\"") || $0.contains("/curl\"")) && $0.contains("\"--key\", \"\(keyPath)\"") },
                "curl presents the etcd key by its path")
        #expect(node.backupEntries.isEmpty, "the scratch directory is removed: \(node.backupEntries)")
    }

    /// kube-proxy's inline token, key and certificate data, and the key's PEM body lines (as
    /// they would appear if the decoded key leaked).
    func inlineSecrets() throws -> [String] {
        let keyLines = String(decoding: try lab.pem("node-1", "key"), as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        return [PreflightNode.token, try lab.pem("node-1", "key").base64EncodedString(), try lab.pem("node-1").base64EncodedString()] + keyLines
    }

    /// Runs the binary with `arguments` on `root` under `strace -f`, expecting a plan with
    /// changes, and checks: no secret in its output or in any child's argv or environment; curl
    /// and openssl ran; every file written is one of `scratchFiles` in the 0700 scratch
    /// directory, each 0600. Returns the trace's lines.
    @discardableResult
    func traced(_ arguments: [String], root: String, secrets: [String], scratchFiles: Int) throws -> [Substring] {
        let log = lab.directory + "/strace.log"
        let run = try Subprocess.run(["strace", "-f", "-qq", "-v", "-s", "65536", "-o", log, "-e", "trace=execve,openat,open,creat,mkdir,chmod,fchmod",
                                      try BinaryRun.requireBinary()] + arguments + ["--root", root],
                                     currentDirectory: lab.directory, timeout: 120)
        try #require(run.status == 2, "\(run)")
        let trace = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        for secret in secrets {
            #expect(!run.output.contains(secret) && !run.errorOutput.contains(secret), "a secret in the output")
            for line in trace where line.contains("execve(") {
                #expect(!line.contains(secret), "a secret in argv or the environment: \(line.prefix(300))")
            }
        }
        let executed = trace.filter { $0.contains("execve(") && !$0.contains("ENOENT") }
        #expect(executed.contains { $0.contains("\"curl\"") || $0.contains("/curl\"") }, "curl ran")
        #expect(executed.contains { $0.contains("s_client") }, "openssl s_client ran")
        let scratch = "\(root)/var/lib/node-reconfig/backups/.secrets-"
        let written = trace.filter { ($0.contains("openat(") || $0.contains("open(") || $0.contains("creat(")) &&
            ($0.contains("O_WRONLY") || $0.contains("O_RDWR") || $0.contains("O_CREAT")) && !$0.contains("= -1 ") }
        let paths = written.compactMap { line -> String? in
            guard let open = line.firstRange(of: "\""), let close = line[open.upperBound...].firstRange(of: "\"") else { return nil }
            return String(line[open.upperBound..<close.lowerBound])
        }
        let outside = paths.filter { !$0.hasPrefix(scratch) && !$0.hasPrefix("/dev/") && !$0.hasPrefix("/proc/") }
        #expect(outside.isEmpty, "files written outside the scratch directory: \(outside)")
        let secretFiles = written.filter { $0.contains(scratch) }
        #expect(secretFiles.count == scratchFiles, "the inline CA, certificate, key and curl config, nothing else: \(secretFiles)")
        for line in secretFiles { #expect(line.contains("0600"), "\(line)") }
        let made = trace.filter { $0.contains("mkdir(\"\(scratch)") }
        #expect(made.count == 1 && made[0].contains("0700"), "\(made)")
        return trace
    }
}
