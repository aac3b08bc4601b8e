import Foundation
import TestSupport
import Testing

@Suite("Binary: the kube-proxy token stays secret")
struct SecrecyBinaryTests {
    /// The token never shows in any output, nor in any backup file but the byte copy of its kubeconfig.
    func expectSecret(_ node: DemoNode, _ runs: [BinaryRun]) throws {
        for run in runs {
            #expect(!run.stdout.contains(DemoNode.token), "token in stdout: \(run.stdout)")
            #expect(!run.stderr.contains(DemoNode.token), "token in stderr: \(run.stderr)")
        }
        let files = try DemoNode.snapshot(node.backups).filter { $0.key.contains("/") }
        // No backup files would make the loop below check nothing.
        #expect(!files.isEmpty, "no backup set under \(node.backups)")
        for (path, bytes) in files {
            let holds = String(decoding: bytes, as: UTF8.self).contains(DemoNode.token)
            let isCopy = path.hasSuffix("kube-proxy.kubeconfig")
            #expect(!holds || isCopy, "token in backup file \(path)")
        }
    }

    @Test("plan, apply and detect (human and JSON) never print it, and the backup set's journal and manifest never hold it")
    func tokenNeverLeaks() throws {
        let node = try DemoNode()
        // Without the token in the fixture, nothing below could fail.
        #expect(try node.text("/etc/kubernetes/kube-proxy.kubeconfig").contains(DemoNode.token))
        var runs = [try node.run("plan"), try node.run("plan", ["--json"])]
        runs += [try node.invoke(["detect"], preflight: false), try node.invoke(["detect", "--json"], preflight: false)]
        runs.append(try node.run("apply", ["--no-restart", "--json"]))
        #expect(runs.last?.status == 0)
        try expectSecret(node, runs)
    }

    @Test("when the kube-proxy kubeconfig itself is rewritten, only its byte copy in the backup holds the token")
    func rewrittenKubeconfigBackupOnlyInCopy() throws {
        let node = try DemoNode()
        let path = "/etc/kubernetes/kube-proxy.kubeconfig"
        let original = try node.text(path)
        try node.write(path, original.replacingOccurrences(of: "https://127.0.0.1:6443", with: "https://10.17.33.20:6443"))
        let written = try node.bytes(path)
        let plan = try node.run("plan")
        #expect(plan.stdout.contains("+++ b\(path)"))
        let apply = try node.run("apply", ["--no-restart"])
        #expect(apply.status == 0, "stderr: \(apply.stderr)")
        #expect(try node.text(path).contains("server: \"https://10.17.40.20:6443\""))
        try expectSecret(node, [plan, apply, try node.invoke(["detect", "--json"], preflight: false)])
        let copies = try DemoNode.snapshot(node.backups).filter { $0.key.hasSuffix("kube-proxy.kubeconfig") }
        #expect(copies.count == 1)
        #expect(copies.first?.value == written)
    }
}
