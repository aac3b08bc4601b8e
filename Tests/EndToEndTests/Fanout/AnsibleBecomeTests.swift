import Foundation
import TestSupport
import Testing
import NodeReconfigCore

/// rollout.yml as operators run it: Ansible logs in as an unprivileged user (real sshd, real
/// sudo on simulated hosts) and the play's `become: true` runs the node_reconfig module as root.
@Suite("ansible-playbook rollout as an unprivileged user with become", .tags(.slow), .notInQuickRun, .serialized,
       .enabled(if: (SimulatedHosts.canSudo && RealBinary.isAnsibleModule
                     && FileManager.default.isExecutableFile(atPath: "/usr/bin/ansible-playbook")) || RealBinary.inCI,
                "needs root, sshd, sudo, ansible-playbook, and a built node-reconfig with the module mode (run after merging)"))
struct AnsibleBecomeTests {
    static let user = "nransible"
    static let changing = ["/etc/kubernetes/kubelet.conf", "/etc/sysconfig/flanneld"]

    private func hosts(_ count: Int) throws -> SimulatedHosts {
        let hosts = try SimulatedHosts(count: count, nodeTree: RealBinary.nodeTree, user: Self.user)
        let inventory = try String(contentsOfFile: hosts.directory + "/inventory", encoding: .utf8)
        try #require(inventory.contains("\nansible_user=\(Self.user)\n"), "\(inventory)")
        return hosts
    }

    /// The node_reconfig task's result per host address, from `-v` output (`changed: [ADDR] => {…}`,
    /// `fatal: [ADDR]: FAILED! => {…}`); the debug task's results (no `rc`, or spread over lines)
    /// are left out.
    private func results(_ output: String) -> [String: [String: Any]] {
        var found: [String: [String: Any]] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("ok: [") || line.hasPrefix("changed: [") || line.hasPrefix("fatal: [") {
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"),
                  let arrow = line.range(of: " => {") else { continue }
            let json = line[line.index(before: arrow.upperBound)...]
            guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
                  object["rc"] != nil else { continue }
            found[String(line[line.index(after: open)..<close])] = object
        }
        return found
    }

    /// Each host's `PLAY RECAP` line holds `fragment` (e.g. `changed=1`).
    private func recap(_ output: String, _ hosts: SimulatedHosts, _ fragment: String) -> Bool {
        let lines = output.split(separator: "\n").filter { $0.contains("unreachable=") }
        return hosts.addresses.allSatisfy { address in lines.contains { $0.hasPrefix(address + " ") && $0.contains(" \(fragment) ") } }
    }

    @Test("become: check mode predicts, the run rewrites exactly that as root with root-owned backups; again: changed false, nothing touched")
    func withBecome() throws {
        let hosts = try hosts(2)
        let originals = try (1...2).map { index in try Self.changing.map { try #require(try hosts.read(index, $0)) } }
        let pristine = try (1...2).map { try hosts.snapshot($0) }

        let check = try AnsiblePlaybookTests.playbook(hosts, ["--check", "--diff", "-v"])
        #expect(check.code == 0, "\(check.output)")
        #expect(recap(check.output, hosts, "changed=1"), "\(check.output)")
        #expect(check.output.contains("+++ after: /etc/kubernetes/kubelet.conf\n@@ -1 +1 @@\n-https://10.17.33.20:6443\n+\(RealBinary.newMaster)\n"))
        #expect(try (1...2).map { try hosts.snapshot($0) } == pristine)
        let predicted = results(check.output)
        #expect(predicted.count == 2)

        let run = try AnsiblePlaybookTests.playbook(hosts, ["-v"])
        #expect(run.code == 0, "\(run.output)")
        #expect(recap(run.output, hosts, "changed=1") && recap(run.output, hosts, "failed=0"), "\(run.output)")
        let applied = results(run.output)
        for (index, address) in hosts.addresses.enumerated() {
            let plan = try #require(predicted[address]), result = try #require(applied[address])
            #expect(plan["changed"] as? Bool == true && plan["result"] as? String == "pending")
            #expect(result["changed"] as? Bool == true && (result["failed"] as? Bool ?? false) == false)
            let files = try #require(plan["files"] as? [[String: Any]]).filter { $0["changed"] as? Bool == true }
            #expect(files.compactMap { $0["path"] as? String } == Self.changing)
            for (file, original) in zip(files, originals[index]) {
                let path = try #require(file["path"] as? String)
                let expected = try FanoutSudoTests.applying(file, to: original)
                #expect(expected != original)
                #expect(try hosts.read(index + 1, path) == expected, "host \(index + 1) \(path)")
            }
            let id = try #require(result["backup_id"] as? String)
            let backups = "/var/lib/node-reconfig/backups/\(id)"
            #expect(try hosts.exec(index + 1, "test -d \(backups) && find /var/lib/node-reconfig \(Self.changing.joined(separator: " ")) "
                + "! -user root").stdout == "")
            #expect(try hosts.exec(index + 1, "grep -rlF 'server: https://10.17.33.20:6443' \(backups)").code == 0)
        }

        let after = try (1...2).map { try hosts.snapshot($0) }
        let again = try AnsiblePlaybookTests.playbook(hosts, ["-v"])
        #expect(again.code == 0, "\(again.output)")
        #expect(recap(again.output, hosts, "changed=0"), "\(again.output)")
        #expect(results(again.output).values.allSatisfy { $0["changed"] as? Bool == false })
        #expect(try (1...2).map { try hosts.snapshot($0) } == after)
    }

    @Test("without become (ansible_become=false) check mode and the run fail on every host, say to use become, and change nothing")
    func withoutBecome() throws {
        let hosts = try hosts(2)
        let before = try (1...2).map { try hosts.snapshot($0) }
        for mode in [["--check", "--diff"], []] {
            let run = try AnsiblePlaybookTests.playbook(hosts, mode + ["-e", "ansible_become=false", "-e", "rollout_serial=2", "-v"])
            #expect(run.code != 0)
            #expect(recap(run.output, hosts, "failed=1") && recap(run.output, hosts, "changed=0"), "\(run.output)")
            let failed = results(run.output)
            #expect(failed.count == 2, "\(run.output)")
            for result in failed.values {
                let message = try #require(result["msg"] as? String)
                #expect(result["changed"] as? Bool == false && result["rc"] as? Int == 1)
                #expect(message.contains("Permission denied") && message.contains("not root: add `become: true` to the play or task"),
                        "\(message)")
            }
        }
        #expect(try (1...2).map { try hosts.snapshot($0) } == before)
        #expect(try hosts.read(1, "/etc/kubernetes/kubelet.conf")?.contains("server: https://10.17.33.20:6443\n") == true)
    }
}
