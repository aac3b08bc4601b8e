import Foundation
import TestSupport
import Testing
import NodeReconfigCore

/// Issue 7, "security": modes of temp and backup files, trusted state directories, secrets kept
/// out of every output, and no option or shell injection through --service-cmd, --ssh or hosts.
@Suite("Hardening: security properties of the real binary", .tags(.slow), .notInQuickRun, .serialized,
       .enabled(if: BinaryRun.binaryExists, "the node-reconfig binary is not built"))
struct SecurityTests {
    static let secret = "c2VjcmV0LWtleS1kYXRh-TOPSECRET"

    /// Regression: a symlinked backup directory was followed, and recovery restored whatever
    /// paths an unfinished manifest there named, as root.
    @Test("a backup directory that is a symlink, or owned by another user, is refused; a planted unfinished set is never restored")
    func backupDirectoryMustBeOurs() throws {
        let tree = try NodeTree(name: "sec-dir")
        defer { tree.remove() }
        // A finished run, whose set is then made to look unfinished and moved behind a symlink.
        #expect(try BinaryRun.apply(root: tree.root, NodeTree.switchFlags).status == 0)
        let after = tree.snapshot()
        let backups = tree.path("var/lib/node-reconfig/backups")
        let planted = tree.root + "-planted"
        defer { try? FileManager.default.removeItem(atPath: planted) }
        try FileManager.default.moveItem(atPath: backups, toPath: planted)
        let set = try #require(try FileManager.default.contentsOfDirectory(atPath: planted).first)
        let journal = "\(planted)/\(set)/journal"
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("done") && !$0.hasPrefix("healthy") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: journal, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: backups, withDestinationPath: planted)
        let refused = try BinaryRun.apply(root: tree.root, ["--skip-preflight", "--no-restart", "--master=https://10.17.40.99:6443"])
        #expect(refused.status == 1 && refused.stderr.contains("is a symbolic link"), "\(refused)")
        #expect(tree.snapshot() == after, "the planted set was not restored, nothing changed")
        let rollback = try BinaryRun.run([BinaryRun.binary, "rollback", "--root", tree.root])
        #expect(rollback.status == 1 && rollback.stderr.contains("is a symbolic link"), "\(rollback)")

        try FileManager.default.removeItem(atPath: backups)
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: false, attributes: [.ownerAccountID: 4321, .posixPermissions: 0o700])
        let foreign = try BinaryRun.apply(root: tree.root, ["--skip-preflight", "--no-restart", "--master=https://10.17.40.99:6443"])
        #expect(foreign.status == 1 && foreign.stderr.contains("owned by uid 4321"), "\(foreign)")
        #expect(tree.snapshot() == after)
    }

    /// Regression: the lock was opened following symlinks, then truncated to write the pid in.
    @Test("a symlink planted at the lock path is refused; its target is not truncated")
    func lockSymlink() throws {
        let tree = try NodeTree(name: "sec-lock")
        defer { tree.remove() }
        let victim = tree.root + "-victim"
        defer { try? FileManager.default.removeItem(atPath: victim) }
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: tree.path("run"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tree.path("run/node-reconfig.lock"), withDestinationPath: victim)
        let before = tree.snapshot()
        let run = try BinaryRun.apply(root: tree.root, NodeTree.switchFlags)
        #expect(run.status == 1, "\(run)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(tree.snapshot() == before)
    }

    @Test("temp files, backup copies, manifest and journal of a 0600 file are never readable by others, whatever the umask")
    func modes() throws {
        guard let strace = BinaryRun.locate("strace") else {
            if BinaryRun.inCI { Issue.record("strace is not installed") }
            return
        }
        let tree = try NodeTree(name: "sec-mode")
        defer { tree.remove() }
        let kubeconfig = tree.path("etc/kubernetes/kubelet.kubeconfig")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kubeconfig)
        let log = tree.root + ".strace"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let command = "umask 000; exec \"$@\""
        let run = try BinaryRun.run(["/bin/sh", "-c", command, "sh", strace, "-f", "-o", log, "-e", "trace=openat,mkdir,fchmod,chmod",
                                     BinaryRun.binary, "apply", "--root", tree.root] + NodeTree.switchFlags)
        #expect(run.status == 0, "\(run)")
        let created = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("O_CREAT") && $0.contains(tree.root) }
        let kubeconfigCopies = created.filter { $0.contains("kubelet.kubeconfig") }
        #expect(kubeconfigCopies.count == 2, "one temp file and one backup copy: \(kubeconfigCopies)")
        for line in kubeconfigCopies { #expect(line.hasSuffix(", 0600) = 4") || line.contains(", 0600) ="), "\(line)") }
        for line in created where line.contains("/backups/") && (line.contains("journal") || line.contains("manifest")) {
            #expect(line.contains(", 0600) ="), "\(line)")
        }
        let modes = tree.files().filter { $0.contains("var/lib/node-reconfig/backups/") }.map { relative in
            (relative, (try? FileManager.default.attributesOfItem(atPath: tree.path(relative))[.posixPermissions] as? Int) ?? -1)
        }
        for (relative, mode) in modes where relative.hasSuffix("kubelet.kubeconfig") || relative.hasSuffix("journal") || relative.hasSuffix("manifest.json") {
            #expect(mode == 0o600, "\(relative) has mode \(String(mode, radix: 8))")
        }
        let set = try #require(modes.first?.0).split(separator: "/").prefix(5).joined(separator: "/")
        #expect((try FileManager.default.attributesOfItem(atPath: tree.path(set))[.posixPermissions] as? Int) == 0o700)
        #expect((try FileManager.default.attributesOfItem(atPath: kubeconfig)[.posixPermissions] as? Int) == 0o600)
    }

    @Test("secrets of a kubeconfig never reach plan, diff, JSON, detect, apply output, the journal or the manifest")
    func secretsStayIn() throws {
        let tree = try NodeTree(name: "sec-secret")
        defer { tree.remove() }
        let kubeconfig = tree.path("etc/kubernetes/kubelet.kubeconfig")
        var text = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        text += "    client-key-data: \(Self.secret)\n    token: \(Self.secret)-token\n    password: \(Self.secret)-pw\n"
        try text.write(toFile: kubeconfig, atomically: false, encoding: .utf8)
        var outputs: [String] = []
        for command in [["plan"], ["plan", "--json"], ["detect"], ["detect", "--json"], ["apply", "--dry-run"], ["apply", "--json"]] {
            let run = try BinaryRun.run([BinaryRun.binary] + command + ["--root", tree.root] +
                                        (command[0] == "detect" ? [] : NodeTree.switchFlags))
            #expect(run.status <= 2, "\(command): \(run)")
            outputs += [run.stdout, run.stderr]
        }
        let state = tree.files().filter { $0.hasSuffix("/journal") || $0.hasSuffix("/manifest.json") }
        #expect(state.count == 2)
        for relative in state { outputs.append(try String(contentsOfFile: tree.path(relative), encoding: .utf8)) }
        for (index, text) in outputs.enumerated() { #expect(!text.contains(Self.secret), "output \(index) holds the secret") }
    }

    @Test("--service-cmd, --ssh and host names cannot inject options or shell")
    func noInjection() throws {
        let tree = try NodeTree(name: "sec-inject")
        defer { tree.remove() }
        let marker = tree.root + "-pwned"
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let shellish = "/bin/true; touch \(marker)"
        let service = try BinaryRun.apply(root: tree.root, ["--skip-preflight", "--service-cmd=\(shellish)", "--master=https://10.17.40.20:6443"])
        // Regression: a --service-cmd that is no program read every service as inactive, and the
        // run "succeeded" without restarting anything.
        #expect(service.status == 1 && service.stderr.contains("--service-cmd"), "\(service)")
        for hosts in ["-oProxyCommand=touch \(marker)", "h1;touch \(marker)", "h1 -oProxyCommand=x", "$(touch \(marker))"] {
            let run = try BinaryRun.run([BinaryRun.binary, "fanout", "--hosts=\(hosts)", "--", "--master=https://10.17.40.20:6443"])
            #expect(run.status == 1 && run.stderr.contains("Error: Host"), "\(hosts): \(run)")
        }
        let ssh = try BinaryRun.run([BinaryRun.binary, "fanout", "--hosts=127.0.0.1", "--ssh=\(shellish)", "--timeout=10", "--",
                                     "--master=https://10.17.40.20:6443"])
        #expect(ssh.status != 0, "\(ssh)")
        // A fake ssh that, like the real one, hands the remote command line to a shell.
        let fakeSSH = tree.root + "-ssh"
        defer { try? FileManager.default.removeItem(atPath: fakeSSH) }
        try "#!/bin/sh\nwhile [ \"${1#-}\" != \"$1\" ]; do case $1 in -o) shift;; esac; shift; done\nshift\nexec /bin/sh -c \"$*\"\n"
            .write(toFile: fakeSSH, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeSSH)
        let remote = try BinaryRun.run([BinaryRun.binary, "fanout", "--hosts=127.0.0.1", "--ssh=\(fakeSSH)", "--remote-bin=\(BinaryRun.binary)",
                                        "--timeout=20", "--", "plan", "--root", tree.root, "--master=https://10.17.40.20:6443;touch \(marker)",
                                        "--etcd=$(touch \(marker))"])
        #expect(remote.status != 0, "\(remote)")
        #expect(remote.stdout.contains("failed") || remote.stdout.contains("refused"), "\(remote)")
        #expect(!FileManager.default.fileExists(atPath: marker), "no injected command ran")
    }
}
