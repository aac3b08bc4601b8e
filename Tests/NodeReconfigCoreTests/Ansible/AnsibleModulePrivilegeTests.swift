import Foundation
import Testing
@testable import NodeReconfigCore

/// The module run by an unprivileged Ansible user (no `become`): the failure says what to do.
@Suite("The Ansible module without root")
struct AnsibleModulePrivilegeTests {
    static let refused = #"{"result": "refused", "changed": false, "backup_id": null, "files": [], "services": [], "rolled_back": false, "message": "lstat /root/.kube/config: Permission denied (errno 13)"}"#

    /// The module's result for one run of node-reconfig answering `exitCode`, `stdout`, `stderr`, as `uid`.
    private func result(uid: UInt32, checkMode: Bool = false, exitCode: Int32, stdout: String = "", stderr: String = "")
        throws -> (code: Int32, result: [String: Any]) {
        let arguments = #"{"master": "https://10.17.34.20:6443", "_ansible_check_mode": \#(checkMode)}"#
        let output = BufferedOutput()
        let code = AnsibleModule.run(argumentsFile: "/tmp/args", context: fanoutContext(FanoutTestFileSystem(["/tmp/args": arguments]), output: output),
                                     uid: uid) { _ in (exitCode, stdout, stderr) }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        return (code, object)
    }

    @Test("Permission denied as a non-root user fails with node-reconfig's message and says to use become", arguments: [false, true])
    func permissionDenied(checkMode: Bool) throws {
        let run = try result(uid: 990, checkMode: checkMode, exitCode: 1, stdout: Self.refused,
                             stderr: "Error: lstat /root/.kube/config: Permission denied (errno 13)\n")
        #expect(run.code == 1)
        #expect(run.result["failed"] as? Bool == true && run.result["changed"] as? Bool == false)
        #expect(run.result["msg"] as? String == "lstat /root/.kube/config: Permission denied (errno 13) (node_reconfig ran as uid 990, "
            + "not root: add `become: true` to the play or task, or run ansible-playbook with --become, or log in as root)")
    }

    @Test("Operation not permitted only on stderr, without JSON, gets the hint too")
    func operationNotPermitted() throws {
        let run = try result(uid: 1000, exitCode: 1, stderr: "Error: chown /etc/kubernetes/kubelet.conf: Operation not permitted (errno 1)\n")
        let message = try #require(run.result["msg"] as? String)
        #expect(message.hasPrefix("Error: chown /etc/kubernetes/kubelet.conf: Operation not permitted (errno 1) (node_reconfig ran as uid 1000"))
        #expect(message.hasSuffix("or log in as root)"))
    }

    @Test("as root, or for a failure that is not about privileges, the message stays as it is")
    func otherwiseUnchanged() throws {
        let asRoot = try result(uid: 0, exitCode: 1, stdout: Self.refused)
        #expect(asRoot.result["msg"] as? String == "lstat /root/.kube/config: Permission denied (errno 13)")
        let badFlag = try result(uid: 990, exitCode: 1, stderr: "Error: --master '10.17.33.20' has no scheme\n")
        #expect(badFlag.result["msg"] as? String == "Error: --master '10.17.33.20' has no scheme")
    }

    @Test("a successful run as a non-root user (e.g. with root: on its own tree) is not touched")
    func successUnchanged() throws {
        let run = try result(uid: 990, exitCode: 0,
                             stdout: #"{"result": "unchanged", "changed": false, "files": [], "services": [], "rolled_back": false, "message": "Permission denied nowhere"}"#)
        #expect(run.code == 0)
        #expect(run.result["msg"] as? String == "Permission denied nowhere")
    }
}
