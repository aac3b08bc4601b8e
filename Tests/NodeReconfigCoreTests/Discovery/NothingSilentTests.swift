import Foundation
import Glibc
import Testing
import TestSupport
@testable import NodeReconfigCore

/// Issue 13 items 4 and 5 (SPEC "Nothing is silent"): a root that is no node, a node with
/// nothing for a flag, a loopback kubeconfig with no load balancer found, an unreadable root, a
/// refused rollback: each says so, word for word, and changes nothing.
@Suite("nothing is silent")
struct NothingSilentTests {
    static func run(_ arguments: [String], fileSystem: any FileSystem = LocalFileSystem()) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let context = Context(fileSystem: fileSystem, processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        return (NodeReconfigCLI.main(arguments: arguments, context: context), output)
    }

    static func kubeconfig(_ server: String) -> String {
        "apiVersion: v1\nkind: Config\nclusters:\n- name: k\n  cluster:\n    server: \(server)\n"
    }

    @Test("a --root that does not exist, or is a file, refuses every command with exit 1", arguments: [
        ["plan", "--skip-preflight", "--master=https://10.99.0.1:6443"], ["apply", "--skip-preflight", "--master=https://10.99.0.1:6443"],
        ["detect"], ["backups"], ["rollback"],
    ])
    func badRoot(_ command: [String]) throws {
        let missing = "/nonexistent-\(UUID().uuidString)"
        let (code, output) = Self.run(command + ["--root", missing])
        #expect(code == 1)
        #expect(output.stderr == "Error: --root \(missing) does not exist; give the directory that holds the node's files (/ on the node itself). Nothing was changed.\n")
        #expect(output.stdout.isEmpty)
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("root:x:0:0::/root:/bin/sh\n".utf8), at: "/passwd")
        let file = root.path + "/passwd"
        let (fileCode, fileOutput) = Self.run(command + ["--root", file])
        #expect(fileCode == 1)
        #expect(fileOutput.stderr == "Error: --root \(file) is not a directory; give the directory that holds the node's files (/ on the node itself). Nothing was changed.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["passwd"], "nothing was created")
    }

    @Test("a root without any Kubernetes configuration refuses plan, apply and detect, saying what was looked for")
    func nothingFound() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("[Service]\nExecStart=/usr/sbin/sshd -D\n".utf8), at: "/lib/systemd/system/sshd.service")
        for command in [["plan", "--skip-preflight", "--master=https://10.99.0.1:6443"], ["apply", "--skip-preflight", "--master=https://10.99.0.1:6443"], ["detect"]] {
            let (code, output) = Self.run(command + ["--root", root.path])
            #expect(code == 1, "\(command)")
            let text = output.stderr.replacingOccurrences(of: root.path, with: "<root>")
            #expect(text == (try Golden.expected("nothing-found.txt", recording: text)), "\(command)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["lib"], "apply took no lock, made no backup directory")
        let (code, output) = Self.run(["plan", "--skip-preflight", "--etcd=https://10.99.0.11:2379", "--only=etcd", "--root", root.path])
        #expect(code == 1)
        #expect(output.stderr.hasPrefix("Error: No Kubernetes configuration found under \(root.path) for --only=etcd. Looked for: kubeconfig files in /etc/kubernetes, "))
    }

    @Test("a load balancer pool no unit or static pod runs (KubeKey's haproxy.cfg without its pod) is said in plan, detect, JSON and apply; with the pod it is not")
    func poolWithoutReloader() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let fixture = Corpus.packageRoot.appendingPathComponent("fixtures/installers/kubekey-worker").path
        for path in ["/etc/kubekey/haproxy/haproxy.cfg", "/etc/kubernetes/kubelet.conf", "/etc/kubernetes/manifests/haproxy.yaml"] {
            try root.place(Array(try Data(contentsOf: URL(fileURLWithPath: fixture + path))), at: path)
        }
        let note = "note: /etc/kubekey/haproxy/haproxy.cfg holds an apiserver pool, but no unit or static pod found here runs it: "
            + "a change to it takes effect only when the load balancer that reads it is reloaded: reload it by hand after the run\n"
        let plan = ["plan", "--skip-preflight", "--apiservers=10.17.40.20:6443", "--root", root.path]
        let (withPod, podOutput) = Self.run(plan)
        // plan exits 2: a change is pending.
        #expect(withPod == 2 && !(podOutput.stdout + podOutput.stderr).contains("no unit or static pod"), "the pod runs it: \(podOutput.stdout)")
        try FileManager.default.removeItem(atPath: root.path + "/etc/kubernetes/manifests/haproxy.yaml")
        let (code, output) = Self.run(plan)
        #expect(code == 2)
        #expect(output.stdout.contains(note), "\(output.stdout)")
        let (_, detect) = Self.run(["detect", "--root", root.path])
        #expect(detect.stderr.contains(note) || detect.stdout.contains(note), "\(detect.stdout)\(detect.stderr)")
        let (_, json) = Self.run(plan + ["--json"])
        #expect(json.stdout.contains("\"kind\": \"no-reloader\""), "\(json.stdout)")
        let (applied, applyOutput) = Self.run(["apply", "--skip-preflight", "--no-restart", "--apiservers=10.17.40.20:6443", "--root", root.path])
        #expect(applied == 0 && applyOutput.stdout.contains(note), "apply says it too: \(applyOutput.stdout)\(applyOutput.stderr)")
    }

    @Test("a target flag no file holds is named, in the human output and as unmatched in JSON; the run is up to date")
    func unmatched() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array(Self.kubeconfig("https://10.1.0.1:6443").utf8), at: "/etc/kubernetes/kubelet.conf")
        let flags = ["--master=https://10.1.0.1:6443", "--drain=10.1.0.1:6443", "--etcd-members=m1=https://10.99.0.11:2380"]
        let (code, output) = Self.run(["plan", "--skip-preflight", "--root", root.path] + flags)
        #expect(code == 0, "\(output.stderr)")
        #expect(output.stdout == """
            unchanged  /etc/kubernetes/kubelet.conf (kubelet)
                line 6 server: https://10.1.0.1:6443 (already)
            --etcd-members matched nothing: this node is no etcd member: no file holds an etcd membership list
            --drain matched nothing: no load-balancer pool on this node

            Already up to date: no file needs a change.

            """)
        let (_, json) = Self.run(["plan", "--skip-preflight", "--json", "--root", root.path] + flags)
        let unmatched = try JSONValue.parse(json.stdout)["unmatched"]?.arrayValue ?? []
        #expect(unmatched.map { [$0["flag"]?.stringValue, $0["reason"]?.stringValue] } == [
            ["--etcd-members", "this node is no etcd member: no file holds an etcd membership list"],
            ["--drain", "no load-balancer pool on this node"],
        ])
        // A pool that holds none of the drained servers, and is no apiserver pool.
        try root.place(Array("stream {\n    upstream web {\n        server 10.1.0.9:80;\n    }\n}\n".utf8), at: "/etc/nginx/nginx.conf")
        let (poolCode, pool) = Self.run(["plan", "--skip-preflight", "--root", root.path, "--drain=10.1.0.1:6443", "--apiservers=10.99.0.1:6443"])
        #expect(poolCode == 0, "\(pool.stderr)")
        #expect(pool.stdout.contains("\n--apiservers matched nothing: no load-balancer pool on this node\n--drain matched nothing: no load-balancer pool on this node holds 10.1.0.1:6443\n"))
    }

    @Test("a kubelet on a loopback address with no load balancer found: a finding; --apiservers and --drain refuse")
    func loopbackWithoutLoadBalancer() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array(Self.kubeconfig("https://127.0.0.1:6443").utf8), at: "/etc/kubernetes/kubelet.conf")
        let finding = "kubelet goes through 127.0.0.1:6443 but no load balancer config was found; name it with --file=nginx:PATH or --file=haproxy:PATH (/etc/kubernetes/kubelet.conf:6)"
        for flag in ["--apiservers=10.99.0.1:6443", "--drain=10.1.0.1:6443"] {
            let (code, output) = Self.run(["plan", "--skip-preflight", "--root", root.path, flag])
            #expect(code == 1)
            #expect(output.stderr == "Error: \(finding). The pool --apiservers and --drain change is behind that address; nothing was changed.\n")
        }
        let (code, output) = Self.run(["plan", "--skip-preflight", "--root", root.path, "--master=https://10.99.0.1:6443"])
        #expect(code == 0)
        #expect(output.stdout == """
            skipped: loopback, but no load balancer config was found /etc/kubernetes/kubelet.conf (kubelet)
                line 6 server: https://127.0.0.1:6443 (left as is: loopback, but no load balancer config was found)
            note: \(finding)

            Already up to date: no file needs a change.

            """)
        let (_, detect) = Self.run(["detect", "--root", root.path])
        #expect(!detect.stdout.contains("via local load balancer"))
        #expect(detect.stdout.contains("server: https://127.0.0.1:6443  (loopback, but no load balancer config was found)\n"))
        #expect(detect.stdout.hasSuffix("note: \(finding)\n"))
        // With the load balancer there, the same node reads as it should.
        try root.place(Array("stream {\n    upstream kube_apiserver {\n        server 10.1.0.1:6443;\n    }\n}\n".utf8), at: "/etc/nginx/nginx.conf")
        let (withLB, lbOutput) = Self.run(["detect", "--root", root.path])
        #expect(withLB == 0 && lbOutput.stdout.contains("(via local load balancer)") && !lbOutput.stdout.contains("note:"))
    }

    @Test("an unreadable root or file says to run as root (or fix the permissions), not only 'Permission denied'")
    func permissionDenied() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array(Self.kubeconfig("https://10.1.0.1:6443").utf8), at: "/etc/kubernetes/kubelet.conf")
        let (code, output) = Self.run(["detect", "--root", root.path], fileSystem: DeniedFileSystem { $0 == root.path })
        #expect(code == 1)
        #expect(output.stderr == "Error: --root \(root.path) cannot be read (lstat \(root.path): Permission denied (errno 13)); "
                + "run node-reconfig as root (sudo), or fix the permissions of \(root.path). Nothing was changed.\n")
        let denied = root.path + "/etc/kubernetes/kubelet.conf"
        let (fileCode, fileOutput) = Self.run(["detect", "--root", root.path], fileSystem: DeniedFileSystem { $0 == denied })
        #expect(fileCode == 1)
        #expect(fileOutput.stderr == "Error: lstat \(denied): Permission denied (errno 13). node-reconfig reads and writes the node's "
                + "configuration as root: run it with sudo, or fix the permissions of \(denied).\n")
    }

    @Test("a refused rollback creates nothing: no run/ directory, no lock file")
    func refusedRollbackLeavesNothing() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let (code, output) = Self.run(["rollback", "--root", root.path])
        #expect(code == 1)
        #expect(output.stderr == "No backup set to roll back to in \(root.path)/var/lib/node-reconfig/backups\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        let (named, namedOutput) = Self.run(["rollback", "20260101T000000Z-1", "--root", root.path])
        #expect(named == 1)
        #expect(namedOutput.stderr.hasPrefix("No backup set 20260101T000000Z-1 with a manifest in"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }
}
