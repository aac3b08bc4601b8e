import Foundation
import TestSupport
import Testing

@Suite("Binary: apply, backups, rollback")
struct ApplyBinaryTests {
    @Test("apply --no-restart writes exactly plan's diff, keeps the symlink, backs up 0700; a second apply writes nothing; rollback restores the original bytes")
    func applyThenRollback() throws {
        let node = try DemoNode()
        let original = try node.snapshot()
        let plan = try node.run("plan")
        #expect(plan.status == 2, "stderr: \(plan.stderr)")
        let diff = UnifiedDiff(parsing: plan.stdout)
        try #require(diff.files.count == 6)

        let apply = try node.run("apply", ["--no-restart", "--json"])
        #expect(apply.status == 0, "stderr: \(apply.stderr)")
        let json = try apply.json()
        #expect(json["result"] as? String == "changed")
        #expect(json["changed"] as? Bool == true)
        let id = try #require(json["backup_id"] as? String)

        #expect(try node.text("/etc/kubernetes/config").contains("\nKUBE_MASTER=\"--master=https://10.17.40.20:6443\"\n"))
        #expect(try node.text("/etc/sysconfig/kubelet").contains("\nAPI_SERVERS='--api-servers=https://10.17.40.20:6443'\n"))
        #expect(try node.text("/etc/sysconfig/flanneld").contains(
            "\nFLANNEL_ETCD=\"http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012\"\n"))
        #expect(try node.text("/etc/kube-lb/conf/kube-lb.conf").contains(
            "    upstream backend {\n        server 10.17.40.20:6443    max_fails=2 fail_timeout=3s;\n    }\n"))

        // Every byte outside the values: the applied tree is the original with plan's hunks applied.
        let applied = try node.snapshot()
        var expected = original
        for file in diff.files {
            let key = String(file.path.dropFirst())
            let patched = UnifiedDiff.apply(file.hunks, to: try #require(original[key]))
            #expect(patched != nil, "plan's diff does not apply to the original \(file.path)")
            expected[key] = patched
        }
        #expect(DemoNode.differences(expected, applied) == [])
        #expect(applied["var/lib/kube-proxy/kubeconfig"] == Array("-> /etc/kubernetes/kube-proxy.kubeconfig".utf8))

        let set = node.backups + "/" + id
        let mode = try FileManager.default.attributesOfItem(atPath: set)[.posixPermissions] as? Int
        #expect(mode == 0o700)

        let mtimes = try node.mtimes()
        let sets = try FileManager.default.contentsOfDirectory(atPath: node.backups)
        let again = try node.run("apply", ["--no-restart", "--json"])
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(try again.json()["changed"] as? Bool == false)
        #expect(try node.mtimes() == mtimes)
        #expect(DemoNode.differences(applied, try node.snapshot()) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: node.backups).sorted() == sets.sorted())

        let list = try node.invoke(["backups", "--json"], preflight: false)
        #expect(list.status == 0, "stderr: \(list.stderr)")
        let listed = try #require(try list.json()["backups"] as? [[String: Any]])
        let entry = try #require(listed.first { $0["id"] as? String == id })
        #expect((entry["files"] as? [String])?.sorted() == diff.files.map(\.path).sorted())

        let rollback = try node.invoke(["rollback", "--no-restart"], preflight: false)
        #expect(rollback.status == 0, "stderr: \(rollback.stderr)")
        #expect(rollback.stdout.contains("Rollback finished") || rollback.stderr.contains("Rollback finished"))
        #expect(DemoNode.differences(try DemoNode.snapshot(DemoNode.fixture), try node.snapshot()) == [])
    }

    @Test("a relative --root is taken from the current directory, once, by apply, backups, detect and rollback")
    func relativeRoot() throws {
        let node = try DemoNode()
        let original = try node.snapshot()
        let apply = try BinaryRun.nodeReconfig(["apply", "--root", "root", "--skip-preflight", "--no-restart"] + DemoNode.targets, in: node.scratch)
        #expect(apply.status == 0, "stderr: \(apply.stderr)")
        #expect(!apply.stderr.contains("Cannot take the lock"))
        #expect(try node.text("/etc/kubernetes/config").contains("\nKUBE_MASTER=\"--master=https://10.17.40.20:6443\"\n"))

        let backups = try BinaryRun.nodeReconfig(["backups", "--root", "./root/", "--json"], in: node.scratch)
        #expect(backups.status == 0, "stderr: \(backups.stderr)")
        #expect((try backups.json()["backups"] as? [Any])?.count == 1)

        let detect = try BinaryRun.nodeReconfig(["detect", "--root=root", "--json"], in: node.scratch)
        #expect(detect.status == 0, "stderr: \(detect.stderr)")
        #expect(try detect.json()["root"] as? String == node.root)

        let rollback = try BinaryRun.nodeReconfig(["rollback", "--root", "root", "--no-restart"], in: node.scratch)
        #expect(rollback.status == 0, "stderr: \(rollback.stderr)")
        #expect(DemoNode.differences(original, try node.snapshot()) == [])
    }

    @Test("the DomeOS form (no command word) is apply")
    func domeOSForm() throws {
        let node = try DemoNode()
        let run = try node.run(nil, ["--no-restart"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(try node.text("/etc/systemd/system/kube-apiserver.service").contains(
            "  --etcd-servers=http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012 \\\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: node.backups).count == 1)
        let plan = try node.run("plan")
        #expect(plan.status == 0, "a plan after the DomeOS-form apply still finds changes: \(plan.stdout)")
    }
}
