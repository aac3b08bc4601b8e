import Foundation
import Testing
@testable import NodeReconfigCore

@Suite("The Ansible binary module")
struct AnsibleModuleTests {
    /// Runs the module on `arguments` (as the JSON file Ansible writes) with a stand-in for the CLI.
    private func module(_ arguments: String, exitCode: Int32 = 0, stdout: String = "", stderr: String = "")
        throws -> (code: Int32, argv: [String], result: [String: Any]) {
        let files = FanoutTestFileSystem(["/tmp/args": arguments])
        let output = BufferedOutput()
        nonisolated(unsafe) var seen: [String] = []
        let code = AnsibleModule.run(argumentsFile: "/tmp/args", context: fanoutContext(files, output: output)) { argv in
            seen = argv
            return (exitCode, stdout, stderr)
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        return (code, seen, object)
    }

    static let changedJSON = #"{"result": "changed", "changed": true, "backup_id": "20261122T001", "files": [{"path": "/etc/kubernetes/kubelet.conf", "component": "kubelet", "kind": "kubeconfig", "changed": true, "edits": [{"before": "https://10.0.0.1:6443", "after": "https://10.17.33.20:6443"}]}, {"path": "/etc/sysconfig/flanneld", "component": "flanneld", "kind": "env", "changed": false, "edits": []}], "services": [{"name": "kubelet", "action": "restart", "result": "active"}], "rolled_back": false, "message": "1 file changed"}"#

    @Test("every option becomes its flag; lists as JSON lists or comma strings; _ansible_ keys ignored")
    func flags() throws {
        let run = try module(#"""
        {"master": "https://10.17.33.20:6443", "etcd": ["http://10.17.33.21:4012", "http://10.17.33.22:4012"],
         "etcd_members": "a=http://10.0.0.1:2380, b=http://10.0.0.2:2380", "file": ["env:/etc/x", "unit:/etc/y.service"],
         "no_restart": true, "skip_preflight": "yes", "dry_run": false, "health_timeout": 30, "root": "/srv/node",
         "_ansible_verbosity": 0, "_ansible_module_name": "node_reconfig", "old_master": null}
        """#, stdout: Self.changedJSON)
        #expect(run.argv == ["apply", "--etcd=http://10.17.33.21:4012,http://10.17.33.22:4012",
                             "--etcd-members=a=http://10.0.0.1:2380,b=http://10.0.0.2:2380",
                             "--file=env:/etc/x", "--file=unit:/etc/y.service", "--health-timeout=30",
                             "--master=https://10.17.33.20:6443", "--no-restart", "--root=/srv/node", "--skip-preflight", "--json"])
        #expect(run.code == 0)
        #expect(run.result["changed"] as? Bool == true)
        #expect(run.result["failed"] as? Bool == false)
        #expect(run.result["backup_id"] as? String == "20261122T001")
        #expect(run.result["rolled_back"] as? Bool == false)
        #expect((run.result["files"] as? [Any])?.count == 2)
        #expect(run.result["msg"] as? String == "1 file changed")
        #expect(run.result["diff"] == nil)
    }

    @Test("check mode runs plan; pending (exit 2) is changed, not failed; diff mode gives Ansible's diff list")
    func checkAndDiff() throws {
        let pending = Self.changedJSON.replacingOccurrences(of: #""result": "changed""#, with: #""result": "pending""#)
        let run = try module(#"{"master": "https://10.17.33.20:6443", "_ansible_check_mode": true, "_ansible_diff": true}"#,
                             exitCode: 2, stdout: pending)
        #expect(run.argv.first == "plan")
        #expect(run.code == 0)
        #expect(run.result["changed"] as? Bool == true)
        #expect(run.result["failed"] as? Bool == false)
        let diff = try #require(run.result["diff"] as? [[String: Any]])
        #expect(diff.count == 1)
        #expect(diff.first?["before_header"] as? String == "/etc/kubernetes/kubelet.conf")
        #expect(diff.first?["before"] as? String == "https://10.0.0.1:6443\n")
        #expect(diff.first?["after"] as? String == "https://10.17.33.20:6443\n")
    }

    @Test("dry_run outside check mode: pending (exit 2) is changed, not failed")
    func dryRunPending() throws {
        let pending = Self.changedJSON.replacingOccurrences(of: #""result": "changed""#, with: #""result": "pending""#)
        let run = try module(#"{"master": "https://10.17.33.20:6443", "dry_run": true}"#, exitCode: 2, stdout: pending)
        #expect(run.argv.first == "apply" && run.argv.contains("--dry-run"))
        #expect(run.code == 0)
        #expect(run.result["changed"] as? Bool == true)
        #expect(run.result["failed"] as? Bool == false)
        #expect(run.result["result"] as? String == "pending")
    }

    @Test("an up-to-date node reports ok (changed false), with the flags it had nothing for")
    func unchanged() throws {
        let run = try module(#"{"master": "https://10.17.33.20:6443"}"#,
                             stdout: #"{"result": "unchanged", "changed": false, "backup_id": null, "files": [], "services": [], "rolled_back": false, "message": "", "unmatched": [{"flag": "--drain", "reason": "no load-balancer pool on this node"}], "findings": []}"#)
        #expect(run.result["changed"] as? Bool == false && run.result["failed"] as? Bool == false)
        #expect(run.result["msg"] as? String == "already up to date")
        let unmatched = try #require(run.result["unmatched"] as? [[String: Any]])
        #expect(unmatched.count == 1 && unmatched[0]["flag"] as? String == "--drain")
        #expect((run.result["findings"] as? [Any])?.isEmpty == true)
    }

    @Test("a rolled-back run fails with the rollback message and rolled_back true")
    func rolledBack() throws {
        let run = try module(#"{"master": "https://10.17.33.20:6443"}"#, exitCode: 3,
                             stdout: #"{"result": "rolled-back", "changed": false, "backup_id": "b1", "files": [], "services": [], "rolled_back": true, "message": "kubelet did not become active"}"#,
                             stderr: "kubelet: inactive\nRollback finished\n")
        #expect(run.code == 1)
        #expect(run.result["failed"] as? Bool == true && run.result["changed"] as? Bool == false)
        #expect(run.result["rolled_back"] as? Bool == true)
        #expect(run.result["msg"] as? String == "kubelet did not become active (Rollback finished)")
        #expect(run.result["rc"] as? Int == 3)
    }

    @Test("a refusal without JSON fails with node-reconfig's stderr")
    func refusedWithoutJSON() throws {
        let run = try module(#"{"master": "10.17.33.20"}"#, exitCode: 1, stderr: "Error: --master '10.17.33.20' has no scheme: did you mean http://10.17.33.20:8080?\n")
        #expect(run.result["failed"] as? Bool == true)
        #expect((run.result["msg"] as? String)?.hasPrefix("Error: --master '10.17.33.20' has no scheme") == true)
    }

    @Test("an unknown argument fails with Ansible's usual message and runs nothing")
    func unknownArgument() throws {
        let run = try module(#"{"master": "https://m:6443", "bogus": 1, "colour": "x"}"#)
        #expect(run.argv.isEmpty)
        #expect(run.code == 1)
        let message = try #require(run.result["msg"] as? String)
        #expect(message.hasPrefix("Unsupported parameters for (node_reconfig) module: bogus, colour. Supported parameters include: apiservers, backup_dir,"))
    }

    @Test("wrong types and unreadable argument files fail cleanly")
    func badInput() throws {
        #expect(try module(#"{"master": ["a"]}"#).result["msg"] as? String == "argument 'master' must be a string")
        #expect(try module(#"{"no_restart": "maybe"}"#).result["msg"] as? String == "argument 'no_restart' must be a boolean")
        #expect((try module("key=value old style").result["msg"] as? String)?.contains("not a JSON object") == true)
    }

    @Test("module invocation: one existing file, not an option or a command")
    func invocationDetection() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("args-\(UUID().uuidString)").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(AnsibleModule.isModuleInvocation([path]))
        #expect(!AnsibleModule.isModuleInvocation([path, "x"]))
        #expect(!AnsibleModule.isModuleInvocation(["--master=http://m:8080"]))
        #expect(!AnsibleModule.isModuleInvocation(["plan"]))
        #expect(!AnsibleModule.isModuleInvocation([path + ".missing"]))
        #expect(!AnsibleModule.isModuleInvocation([FileManager.default.temporaryDirectory.path]))
    }
}
