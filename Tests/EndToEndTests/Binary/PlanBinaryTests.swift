import Foundation
import Testing

@Suite("Binary: plan")
struct PlanBinaryTests {
    @Test("plan exits 2, prints a unified diff per changed file, and leaves the tree byte-identical")
    func planPrintsDiffsAndWritesNothing() throws {
        let node = try DemoNode()
        let before = try node.snapshot(includingState: true)
        let run = try node.run("plan")
        #expect(run.status == 2, "stderr: \(run.stderr)")
        let diff = UnifiedDiff(parsing: run.stdout)
        let changed = [
            "/etc/kubernetes/kubelet.kubeconfig", "/etc/kubernetes/config", "/etc/sysconfig/kubelet",
            "/etc/sysconfig/flanneld", "/etc/kube-lb/conf/kube-lb.conf", "/etc/systemd/system/kube-apiserver.service",
        ]
        #expect(diff.files.map(\.path).sorted() == changed.sorted())
        for file in diff.files {
            #expect(!file.hunks.isEmpty, "\(file.path) has no hunk")
            #expect(run.stdout.contains("--- a\(file.path)\n+++ b\(file.path)\n@@ -"))
        }
        #expect(run.stdout.contains("-    server: https://10.17.33.20:6443\n+    server: https://10.17.40.20:6443\n"))
        let after = try node.snapshot(includingState: true)
        #expect(DemoNode.differences(before, after) == [])
    }

    @Test("plan --json parses and says pending, with each changed file's edits")
    func planJSON() throws {
        let node = try DemoNode()
        let before = try node.snapshot(includingState: true)
        let run = try node.run("plan", ["--json"])
        #expect(run.status == 2, "stderr: \(run.stderr)")
        let json = try run.json()
        #expect(json["result"] as? String == "pending")
        #expect(json["changed"] as? Bool == true)
        #expect(json["backup_id"] is NSNull)
        let files = try #require(json["files"] as? [[String: Any]])
        let flanneld = try #require(files.first { $0["path"] as? String == "/etc/sysconfig/flanneld" })
        #expect(flanneld["changed"] as? Bool == true)
        let edit = try #require((flanneld["edits"] as? [[String: Any]])?.first)
        #expect(edit["before"] as? String == "http://10.17.33.21:4012,http://10.17.33.22:4012,http://10.17.33.23:4012")
        #expect(edit["after"] as? String == "http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012")
        #expect(DemoNode.differences(before, try node.snapshot(includingState: true)) == [])
    }
}
