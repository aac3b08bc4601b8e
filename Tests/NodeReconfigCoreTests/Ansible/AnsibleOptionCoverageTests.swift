import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// Every option of `apply`, read from the option table, reaches Ansible: the module accepts it
/// and hands it to node-reconfig, and `scripts/ansible/rollout.yml` passes it from a play
/// variable. A new option without a sample value in `Tests/TestSupport/AnsibleSamples.swift`
/// fails here until one is added.
@Suite("Every option of apply reaches the Ansible module and the rollout playbook")
struct AnsibleOptionCoverageTests {
    static let demoRoot = Corpus.fixturesRoot.appendingPathComponent("demo-node").path
    static let playbook = Corpus.packageRoot.appendingPathComponent("scripts/ansible/rollout.yml")
    static let readme = Corpus.packageRoot.appendingPathComponent("scripts/ansible/README.md")

    static let samples = AnsibleSamples.json(root: demoRoot)

    /// Runs the module on `arguments` (a JSON object's members) with a real arguments file; the
    /// module's argv runs the whole command line in-process, as `main.swift` does.
    static func module(_ members: [String]) throws -> (argv: [String], result: [String: Any]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("module-args-\(UUID().uuidString).json")
        try Data(("{" + members.joined(separator: ", ") + "}").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        nonisolated(unsafe) var seen: [String] = []
        _ = AnsibleModule.run(argumentsFile: file.path, context: context) { argv in
            seen = argv
            var inner = context
            let buffer = BufferedOutput()
            inner.output = buffer
            return (NodeReconfigCLI.main(arguments: argv, context: inner), buffer.stdout, buffer.stderr)
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        return (seen, object)
    }

    @Test("the module takes every option of apply but --json (which it always passes) and node-reconfig accepts what it passes",
          arguments: OptionSpec.accepted(by: .apply).map(\.name))
    func moduleAcceptsOption(_ name: String) throws {
        let spec = try #require(OptionSpec.named(name, for: .apply))
        guard let parameter = spec.ansibleParameter else {
            #expect(spec.ansible == .alwaysPassedByModule, "--\(name) is neither a parameter nor passed by the module")
            let run = try Self.module([#""master": "https://10.17.40.20:6443""#, "\"root\": \"\(Self.demoRoot)\"",
                                       #""skip_preflight": true"#, #""_ansible_check_mode": true"#])
            #expect(run.argv.last == spec.flag)
            return
        }
        let sample = try #require(Self.samples[parameter], "add a sample value for '\(parameter)' to Tests/TestSupport/AnsibleSamples.swift")
        var members = [#""_ansible_check_mode": true"#, "\"\(parameter)\": \(sample)"]
        // An option that needs another (--probe-cert and --probe-key need --probe-cacert) gets it too.
        let needs = ["probe_cert": "probe_cacert", "probe_key": "probe_cacert"][parameter].map { [($0, Self.samples[$0] ?? "")] } ?? []
        for (base, value) in [("master", #""https://10.17.40.20:6443""#), ("root", "\"\(Self.demoRoot)\""), ("skip_preflight", "true")] + needs
            where base != parameter {
            members.append("\"\(base)\": \(value)")
        }
        let run = try Self.module(members)
        #expect(run.argv.first == "plan")
        #expect(run.argv.contains { $0 == spec.flag || $0.hasPrefix(spec.flag + "=") }, "\(spec.flag) not in \(run.argv)")
        #expect(run.result["failed"] as? Bool == false, "\(parameter): \(run.result["msg"] ?? "")")
        #expect((run.result["rc"] as? Int).map { [0, 2].contains($0) } == true, "\(run.result)")
        let echoed = (run.result["invocation"] as? [String: Any])?["module_args"] as? [String: Any]
        #expect(echoed?[parameter] != nil)
    }

    /// The generated `node_reconfig:` arguments of rollout.yml, from the table.
    static let beginMarker = "        # node_reconfig arguments, generated from the option table (Sources/NodeReconfigCore/CLI/OptionTable.swift):"
    static let endMarker = "        # end of the generated arguments"
    static var generatedBlock: [String] {
        [beginMarker,
         "        # every option of apply, from the play variable the table names (new_* for the new addresses).",
         "        # Regenerate: RECORD_GOLDEN=1 swift test --filter AnsibleOptionCoverageTests",
        ] + AnsibleParameters.playbookArguments.map { "        \($0.parameter): \"{{ \($0.variable) | default(omit) }}\"" }
        + [endMarker]
    }

    @Test("rollout.yml passes every module parameter from its play variable (RECORD_GOLDEN=1 regenerates the block)")
    func playbookPassesEveryOption() throws {
        var lines = try String(contentsOf: Self.playbook, encoding: .utf8).components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex(of: Self.beginMarker), "rollout.yml lacks the generated block's first line")
        let end = try #require(lines[begin...].firstIndex(of: Self.endMarker), "rollout.yml lacks the generated block's last line")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            lines.replaceSubrange(begin...end, with: Self.generatedBlock)
            try Data(lines.joined(separator: "\n").utf8).write(to: Self.playbook)
            return try playbookPassesEveryOption()
        }
        let committed = Array(lines[begin...end])
        let passed = Set(committed.compactMap { $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) })
        let missing = AnsibleParameters.supported.filter { !passed.contains($0) }
        #expect(missing.isEmpty, "rollout.yml does not pass \(missing.joined(separator: ", ")); RECORD_GOLDEN=1 swift test --filter AnsibleOptionCoverageTests regenerates it")
        #expect(committed == Self.generatedBlock, "rollout.yml's node_reconfig arguments differ from the option table's")
        #expect(AnsibleParameters.playbookArguments.count == AnsibleParameters.supported.count)
    }

    @Test("every '-i INVENTORY' in the Ansible README and playbook names a file that ships, or one they copy from it first")
    func inventoryCommandsWork() throws {
        let directory = Self.playbook.deletingLastPathComponent()
        for document in [Self.readme, Self.playbook] {
            let text = try String(contentsOf: document, encoding: .utf8)
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            var uses = 0
            for (index, word) in words.enumerated() where word == "-i" && index + 1 < words.count {
                let inventory = words[index + 1]
                uses += 1
                // A local copy named `inventory` may exist (it is git-ignored); only the example ships.
                let ships = inventory == "inventory.example"
                    && FileManager.default.fileExists(atPath: directory.appendingPathComponent(inventory).path)
                let copy = text.range(of: "cp inventory.example \(inventory)")
                let use = try #require(text.range(of: "-i \(inventory)"))
                #expect(ships || (copy.map { $0.lowerBound < use.lowerBound } ?? false),
                        "\(document.lastPathComponent) runs -i \(inventory), which does not ship and is not copied from inventory.example first")
            }
            #expect(uses > 0, "\(document.lastPathComponent) shows no ansible-playbook -i command")
        }
    }

    @Test("scripts/ansible/README.md names every module parameter, and every play variable in its 'Variables:' list")
    func readmeNamesEveryOption() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = try #require(text.range(of: "\nVariables: "), "README lacks its 'Variables:' list")
        let list = text[start.upperBound...].prefix { $0 != "#" }.components(separatedBy: "\n\n")[0]
        for (parameter, variable) in AnsibleParameters.playbookArguments {
            #expect(text.contains("`\(parameter)`"), "README lacks the parameter `\(parameter)`")
            #expect(list.contains("`\(variable)`"), "README's 'Variables:' list lacks `\(variable)`")
        }
    }
}
