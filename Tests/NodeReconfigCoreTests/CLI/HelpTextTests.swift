import Testing
@testable import NodeReconfigCore

@Suite("Help text follows argument-parser's layout, per command")
struct HelpTextTests {
    @Test("every command's help has OVERVIEW, USAGE and OPTIONS, and lists exactly the options it takes",
          arguments: [CommandName.apply, .plan, .detect, .rollback, .backups])
    func perCommand(_ command: CommandName) {
        let text = HelpText.text(for: command)
        #expect(text.hasPrefix("OVERVIEW: "))
        #expect(text.contains("\nUSAGE: node-reconfig \(command.rawValue)"))
        #expect(text.contains("\nOPTIONS:\n"))
        #expect(text.contains("  -h, --help"))
        for spec in OptionSpec.table {
            let listed = text.contains("\n  \(spec.label) ") || text.contains("\n  \(spec.label)\n")
            #expect(listed == spec.commands.contains(command), "\(spec.flag) in \(command) help")
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("rollback documents its argument, the overview its subcommands, and every command takes --root and --json")
    func sections() {
        #expect(HelpText.text(for: .rollback).contains("ARGUMENTS:\n  <id>"))
        let overview = HelpText.text(for: nil)
        #expect(overview.contains("SUBCOMMANDS:\n  apply (default)"))
        for command in CommandName.allCases where command != .fanout {
            #expect(OptionSpec.named("root")!.commands.contains(command))
            #expect(OptionSpec.named("json")!.commands.contains(command))
        }
        #expect(HelpText.text(for: .fanout).contains("--hosts <file|h1,h2>"))
        #expect(Version.string.hasPrefix("node-reconfig "))
    }
}
