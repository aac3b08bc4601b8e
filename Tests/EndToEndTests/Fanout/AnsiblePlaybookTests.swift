import Foundation
import TestSupport
import Testing
import NodeReconfigCore

/// ansible-playbook (ansible-core) runs scripts/ansible/rollout.yml against simulated hosts,
/// with the real node-reconfig as the module.
@Suite("ansible-playbook rollout with the node_reconfig module", .tags(.slow), .notInQuickRun, .serialized,
       .enabled(if: (SimulatedHosts.canRun && RealBinary.isAnsibleModule
                     && FileManager.default.isExecutableFile(atPath: "/usr/bin/ansible-playbook")) || RealBinary.inCI,
                "needs root, sshd, ansible-playbook, and a built node-reconfig with the module mode (run after merging)"))
struct AnsiblePlaybookTests {
    static let playbook = SimulatedHosts.packageRoot.appendingPathComponent("scripts/ansible/rollout.yml").path

    /// Runs rollout.yml on `hosts` with the real binary and the fixture's services; `extra` are
    /// more ansible-playbook arguments. Returns its exit code and output (stdout then stderr).
    static func playbook(_ hosts: SimulatedHosts, _ extra: [String] = []) throws -> (code: Int32, output: String) {
        let variables = ["rollout_hosts=nodes", "node_reconfig_bin=\(RealBinary.path)", "new_master=\(RealBinary.newMaster)",
                         "new_etcd=\(RealBinary.newEtcd)", "skip_preflight=true", "service_cmd=\(RealBinary.serviceCommand)",
                         "health_timeout=5", "settle=0"]
        let argv = ["env", "ANSIBLE_HOST_KEY_CHECKING=False", "ANSIBLE_NOCOLOR=1", "ANSIBLE_RETRY_FILES_ENABLED=0",
                    "ansible-playbook", "-i", hosts.directory + "/inventory", Self.playbook]
            + variables.flatMap { ["-e", $0] } + extra
        let run = try SimulatedHosts.shell(argv)
        return (run.code, run.stdout + run.stderr)
    }

    @Test("check mode reports changed with a diff and writes nothing; the run changes; the second run is ok")
    func checkRunAgain() throws {
        let hosts = try SimulatedHosts(count: 2, nodeTree: RealBinary.nodeTree)
        let check = try Self.playbook(hosts, ["--check", "--diff"])
        #expect(check.code == 0, "\(check.output)")
        #expect(check.output.contains(RealBinary.newMaster))
        #expect(check.output.contains("changed=1"))
        #expect(try hosts.read(1, "/etc/kubernetes/kubelet.conf")?.contains("server: https://10.17.33.20:6443\n") == true)

        let real = try Self.playbook(hosts)
        #expect(real.code == 0, "\(real.output)")
        #expect(real.output.components(separatedBy: "changed=1").count == 3)
        #expect(try hosts.read(2, "/etc/kubernetes/kubelet.conf")?.contains("server: \(RealBinary.newMaster)\n") == true)

        let again = try Self.playbook(hosts)
        #expect(again.code == 0)
        #expect(again.output.components(separatedBy: "changed=0").count == 3)
    }

    @Test("a failing host fails in Ansible with the rollback message; serial stops the later hosts")
    func failingHost() throws {
        let hosts = try SimulatedHosts(count: 3, nodeTree: RealBinary.nodeTree)
        try hosts.exec(1, "touch /etc/kubernetes/fail-restart")
        let run = try Self.playbook(hosts, ["-e", "rollout_serial=1"])
        #expect(run.code != 0)
        #expect(run.output.contains("Rollback finished"), "\(run.output)")
        #expect(run.output.contains("\"rolled_back\": true"))
        #expect(try hosts.read(3, "/etc/kubernetes/kubelet.conf")?.contains("server: https://10.17.33.20:6443\n") == true)
    }
}
