import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// ansible-playbook runs scripts/ansible/rollout.yml on this machine (`-c local`, check mode, the
/// demo node as `root`, nothing written) with every play variable the option table names set:
/// each option of apply reaches the module, and node-reconfig accepts the whole set.
@Suite("rollout.yml hands every option of apply to node-reconfig", .tags(.slow), .notInQuickRun,
       .enabled(if: (FileManager.default.isExecutableFile(atPath: "/usr/bin/ansible-playbook") && RealBinary.isAnsibleModule)
                    || RealBinary.inCI,
                "needs ansible-playbook (ansible-core) and a built node-reconfig"))
struct AnsibleRolloutVariablesTests {
    @Test("check mode with every play variable set: the module gets all its parameters and plans the demo node")
    func everyVariable() throws {
        let root = Corpus.fixturesRoot.appendingPathComponent("demo-node").path
        let samples = AnsibleSamples.json(root: root)
        var variables = [#""rollout_hosts": "localhost""#, #""ansible_become": false"#, "\"node_reconfig_bin\": \"\(RealBinary.path)\""]
        for (parameter, variable) in AnsibleParameters.playbookArguments {
            let sample = try #require(samples[parameter], "add a sample value for '\(parameter)' to Tests/TestSupport/AnsibleSamples.swift")
            variables.append("\"\(variable)\": \(sample)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rollout-vars-\(UUID().uuidString).json")
        try Data(("{" + variables.joined(separator: ", ") + "}").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let playbook = Corpus.packageRoot.appendingPathComponent("scripts/ansible/rollout.yml").path
        let run = try Subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", playbook, "--check", "-e", "@" + file.path],
                                     environment: ["ANSIBLE_STDOUT_CALLBACK": "json", "ANSIBLE_NOCOLOR": "1",
                                                   "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_LOCALHOST_WARNING": "False"],
                                     timeout: 300)
        #expect(run.status == 0, "ansible-playbook: \(run.errorOutput)\n\(run.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)")
        let plays = try #require(report["plays"] as? [[String: Any]])
        let tasks = try #require(plays.first?["tasks"] as? [[String: Any]])
        let task = try #require((tasks.first?["hosts"] as? [String: Any])?["localhost"] as? [String: Any])
        #expect(task["failed"] as? Bool != true, "\(task["msg"] ?? task)")
        #expect(task["rc"] as? Int == 2, "a plan with changes pending: \(task["msg"] ?? "")")
        let received = try #require((task["invocation"] as? [String: Any])?["module_args"] as? [String: Any])
        #expect(Set(received.keys) == Set(AnsibleParameters.supported),
                "missing: \(Set(AnsibleParameters.supported).subtracting(received.keys).sorted())")
    }
}
