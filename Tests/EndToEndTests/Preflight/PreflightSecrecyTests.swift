import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// The node's secrets used by the preflight and the heartbeat gate (a kubeconfig's inline key
/// and certificate, a bearer token) reach curl and openssl only through files in a 0700 scratch
/// directory, never through argv, the environment, output or any other file: `plan`'s in the
/// system's runtime directory (it creates nothing on the node, not even the backup directory),
/// `apply`'s under the backup directory.
@Suite("Preflight secrets stay in the 0700 scratch directory", .serialized, .tags(.slow), .notInQuickRun)
struct PreflightSecrecyTests {
    let lab: ControlPlaneLab
    let port = ServiceBench.freePorts(1)[0]

    /// `plan`'s runtime directory (`XDG_RUNTIME_DIR`) for these runs.
    var runtime: String { lab.directory + "/runtime" }
    var planScratch: String { runtime + "/.node-reconfig-secrets-" }

    init() throws {
        lab = try ControlPlaneLab()
        try lab.make("ca", "cluster-ca")
        try lab.make("server", "api-good", "cluster-ca", "IP:127.0.0.1")
        try lab.make("client", "node-1", "cluster-ca", "system:node:node-1", "system:nodes")
    }

    @Test("plan under strace -f: no key, certificate data or token in any argv, in stdout, stderr or JSON; every file written is in the runtime directory's .node-reconfig-secrets-PID (0700, files 0600), gone afterwards; the backup directory is not created")
    func secretsUnderStrace() throws {
        guard ControlPlaneLab.has("curl", "openssl", "python3", "strace") else { return }
        defer { lab.tearDown() }
        try lab.apiserver(port: port, ident: "good", certificate: "api-good", clientCA: "cluster-ca")
        let node = try PreflightNode(lab, name: "inline", kubelet: false, inlineProxy: true)
        for arguments in [["plan"], ["plan", "--json"]] {
            try traced(arguments + ["--master=https://127.0.0.1:\(port)"], root: node.root, secrets: inlineSecrets(), scratchFiles: 4)
            #expect(!FileManager.default.fileExists(atPath: node.root + "/var/lib/node-reconfig"), "plan creates no state directory")
            #expect(try FileManager.default.contentsOfDirectory(atPath: runtime).isEmpty, "the scratch directory is removed")
        }
    }

    @Test("apply under strace -f: the heartbeat gate's inline kubelet credentials reach curl only through <backup-dir>/.secrets-PID (0700, files 0600), gone afterwards; none in argv, environment or output")
    func applySecretsUnderStrace() throws {
        guard ControlPlaneLab.has("curl", "openssl", "python3", "strace") else { return }
        let bench = try ServiceBench()
        defer { bench.tearDown(["kubelet"]); lab.tearDown() }
        try lab.apiserver(port: port, ident: "good", certificate: "api-good", clientCA: "cluster-ca")
        let node = try PreflightNode(lab, name: "apply", kubelet: false)
        try node.write("/etc/kubernetes/kubelet.kubeconfig", Data(PreflightNode.kubeconfig(server: PreflightNode.oldMaster, user: "system:node:node-1", """
                client-certificate-data: \(try lab.pem("node-1").base64EncodedString())
                client-key-data: \(try lab.pem("node-1", "key").base64EncodedString())
            """, cluster: "    certificate-authority-data: \(try lab.pem("cluster-ca").base64EncodedString())\n").utf8), mode: 0o600)
        try bench.write(bench.services + "/kubelet.run", """
            #!/bin/sh
            exec python3 \(ControlPlaneLab.script)/kubelet.py --kubeconfig \(node.root)/etc/kubernetes/kubelet.kubeconfig --root \(node.root) --hostname-override node-1 --interval 0.2

            """, executable: true)
        try bench.control("restart", "kubelet")
        let scratch = node.root + "/var/lib/node-reconfig/backups/.secrets-"
        let trace = try traced(["apply", "--master=https://127.0.0.1:\(port)", "--service-cmd=\(bench.serviceCommand)", "--health-timeout=10", "--settle=1"],
                               root: node.root, secrets: try inlineSecrets(user: "node-1"), scratchFiles: 6, scratch: scratch, status: 0, onlyScratch: false,
                               detachOnExec: true)
        let heartbeat = trace.filter { ($0.contains("openat(") || $0.contains("open(")) && $0.contains(scratch) && $0.contains("/heartbeat-") && $0.contains("O_CREAT") }
        #expect(heartbeat.count == 3, "the heartbeat's CA, certificate and key, in the scratch directory: \(heartbeat)")
        #expect(!node.backupEntries.contains { $0.hasPrefix(".secrets-") }, "the scratch directory is removed: \(node.backupEntries)")
    }

    @Test("a scratch directory left by a killed run (its pid gone) is swept when the next one is made; a live run's stays")
    func sweepsDeadRuns() throws {
        let directory = lab.directory + "/backups"
        let fs = LocalFileSystem()
        for name in [".secrets-2147483646", ".secrets-\(getpid())", "1-set"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(name)", withIntermediateDirectories: true)
            try Data("secret".utf8).write(to: URL(fileURLWithPath: "\(directory)/\(name)/key.pem"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        let made = try SecretScratch.create(in: directory, fileSystem: fs, pid: 2147483645).get()
        #expect(made.directory == directory + "/.secrets-2147483645")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(left == [".secrets-2147483645", ".secrets-\(getpid())", "1-set"], "the dead run's keys are gone, nothing else: \(left)")
        made.remove()
        try FileManager.default.createDirectory(atPath: directory + "/.secrets-2147483644", withIntermediateDirectories: true)
        _ = try BackupStore(directory: directory, fileSystem: fs).prune(keep: 5)
        #expect(!FileManager.default.fileExists(atPath: directory + "/.secrets-2147483644"), "pruning sweeps them too")
    }

    @Test("plan's scratch in a shared runtime directory: names another user planted as links into a directory of root's (one per pid, live or dead) are never entered, removed through, or chmod-ed")
    func plantedLinksInRuntimeDirectory() throws {
        let shared = lab.directory + "/shm", victim = lab.directory + "/roots-pki"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try Data("key".utf8).write(to: URL(fileURLWithPath: victim + "/ca.key"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: victim)
        let pid: Int32 = 2147483640
        let planted = [".node-reconfig-secrets-\(pid)", ".node-reconfig-secrets-2147483641", ".node-reconfig-secrets-2147483642-0"]
        for name in planted { try FileManager.default.createSymbolicLink(atPath: shared + "/" + name, withDestinationPath: victim) }
        let made = try SecretScratch.create(at: .runtime(shared), fileSystem: LocalFileSystem(), pid: pid).get()
        #expect(made.directory.hasPrefix(shared + "/.node-reconfig-secrets-\(pid)-"), "a fresh, unguessable name: \(made.directory)")
        let inVictim = try FileManager.default.contentsOfDirectory(atPath: victim)
        #expect(inVictim == ["ca.key"], "nothing removed through a link: \(inVictim)")
        #expect((try FileManager.default.attributesOfItem(atPath: victim)[.posixPermissions] as? Int) == 0o755, "no chmod through a link")
        let status = try #require(try LocalFileSystem().status(made.directory))
        #expect(status.type == .directory && status.mode & 0o777 == 0o700)
        made.remove()
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: shared))
        #expect(left == Set(planted), "the links stay, the scratch is gone: \(left)")
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
    func inlineSecrets(user: String = "node-1") throws -> [String] {
        let keyLines = String(decoding: try lab.pem(user, "key"), as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        return [PreflightNode.token, try lab.pem(user, "key").base64EncodedString(), try lab.pem(user).base64EncodedString()] + keyLines
    }

    /// Runs the binary with `arguments` on `root` under `strace -f` (`plan`'s runtime directory
    /// `runtime`), expecting `status` (2: a plan with changes), and checks: no secret in its
    /// output or in any child's argv or environment; curl and openssl ran; `scratchFiles` files
    /// written in the 0700 scratch directory(ies) `scratch…`, each 0600, and (`onlyScratch`)
    /// no file written anywhere else. Returns the trace's lines.
    @discardableResult
    func traced(_ arguments: [String], root: String, secrets: [String], scratchFiles: Int, scratch given: String? = nil, status: Int32 = 2,
                onlyScratch: Bool = true, detachOnExec: Bool = false) throws -> [Substring] {
        let log = lab.directory + "/strace.log"
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Detaching at execve keeps a service started by --service-cmd (it outlives the run) out of the trace.
        let run = try Subprocess.run(["env", "XDG_RUNTIME_DIR=\(runtime)", "strace", "-f"] + (detachOnExec ? ["-b", "execve"] : []) + ["-qq", "-v", "-s", "65536", "-o", log, "-e",
                                      "trace=execve,openat,open,creat,mkdir,chmod,fchmod", try BinaryRun.requireBinary()] + arguments + ["--root", root],
                                     currentDirectory: lab.directory, timeout: 120)
        try #require(run.status == status, "\(run)")
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
        let scratch = given ?? planScratch
        let written = trace.filter { ($0.contains("openat(") || $0.contains("open(") || $0.contains("creat(")) &&
            ($0.contains("O_WRONLY") || $0.contains("O_RDWR") || $0.contains("O_CREAT")) && !$0.contains("= -1 ") }
        let paths = written.compactMap { line -> String? in
            guard let open = line.firstRange(of: "\""), let close = line[open.upperBound...].firstRange(of: "\"") else { return nil }
            return String(line[open.upperBound..<close.lowerBound])
        }
        let outside = paths.filter { !$0.hasPrefix(scratch) && !$0.hasPrefix("/dev/") && !$0.hasPrefix("/proc/") }
        if onlyScratch { #expect(outside.isEmpty, "files written outside the scratch directory: \(outside)") }
        let secretFiles = written.filter { $0.contains(scratch) }
        #expect(secretFiles.count == scratchFiles, "the inline CA, certificate, key and curl config, nothing else: \(secretFiles)")
        for line in secretFiles { #expect(line.contains("0600"), "\(line)") }
        let made = trace.filter { $0.contains("mkdir(\"\(scratch)") }
        #expect(!made.isEmpty && made.allSatisfy { $0.contains("0700") }, "\(made)")
        return trace
    }
}
