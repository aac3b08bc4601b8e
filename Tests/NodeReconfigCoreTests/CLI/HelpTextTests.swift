import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// Each command's help, as the operator gets it, against a committed golden file
/// (`fixtures/golden/help/NAME.txt`); `RECORD_GOLDEN=1 swift test --filter HelpTextTests`
/// re-records them after a deliberate change (then read the diff before committing).
@Suite("Help text: golden files per command, in argument-parser's layout")
struct HelpTextTests {
    /// Runs the whole command line in-process, as `main.swift` does.
    static func run(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        let code = NodeReconfigCLI.main(arguments: arguments, context: context)
        return (code, output.stdout, output.stderr)
    }

    static let cases: [(golden: String, arguments: [String])] = [
        ("overview", ["--help"]),
        ("apply", ["help", "apply"]),
        ("plan", ["plan", "--help"]),
        ("detect", ["help", "detect"]),
        ("rollback", ["rollback", "-h"]),
        ("backups", ["help", "backups"]),
        ("fanout", ["help", "fanout"]),
    ]

    @Test("each command's help is its golden file, byte for byte (RECORD_GOLDEN=1 re-records)", arguments: cases)
    func golden(_ name: String, _ arguments: [String]) throws {
        let run = Self.run(arguments)
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        let expected = try Golden.expected("help/\(name).txt", recording: run.stdout)
        #expect(run.stdout == expected, "help differs from fixtures/golden/help/\(name).txt; RECORD_GOLDEN=1 re-records it")
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "a line passes 80 columns")
    }

    @Test("fanout --help, help fanout and fanout's own -h print the same full help, --hangup-grace and --json included")
    func fanoutHelpReachable() throws {
        let viaHelp = Self.run(["help", "fanout"]).stdout
        #expect(Self.run(["fanout", "--help"]).stdout == viaHelp)
        #expect(Self.run(["fanout", "--hosts=a,b", "--parallel=2", "-h"]).stdout == viaHelp)
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        #expect(FanoutCommand(arguments: ["--help"]).run(context) == .success)
        #expect(output.stdout == viaHelp)
        for row in ["\n  --hangup-grace <seconds>\n", "\n  --json                  Print the report JSON", "\n  --retry-failed <report>\n",
                    "\nEXIT CODES: "] {
            #expect(viaHelp.contains(row), "fanout help lacks \(row)")
        }
    }

    @Test("a command's help lists exactly the options it takes, each with its group's title above it",
          arguments: CommandName.allCases.filter { $0 != .help })
    func rowsFollowTheTable(_ command: CommandName) {
        let text = HelpText.text(for: command)
        let accepted = OptionSpec.accepted(by: command)
        for name in Set(OptionSpec.table.map(\.name)) {
            let spec = accepted.first { $0.name == name }
            let listed = text.contains("\n  --\(name) ") || text.contains("\n  --\(name)\n")
            #expect(listed == (spec != nil), "--\(name) in \(command) help")
            if let spec {
                let title = text.range(of: "\n\(spec.group.rawValue):\n")
                let row = text.range(of: "\n  \(spec.label)")
                #expect(title != nil && row != nil && title!.lowerBound < row!.lowerBound, "--\(name) under \(spec.group.rawValue)")
            }
        }
        #expect(text.contains("\nOPTIONS:\n") && text.contains("  -h, --help"))
    }

    @Test("no option is declared twice for one command; every node-reconfig command takes --root and --json")
    func declaredOnce() {
        for command in CommandName.allCases {
            let names = OptionSpec.accepted(by: command).map(\.name)
            #expect(Set(names).count == names.count, "\(command): \(names)")
        }
        for command in CommandName.allCases where command != .fanout {
            #expect(OptionSpec.named("root", for: command) != nil)
            #expect(OptionSpec.named("json", for: command) != nil)
        }
        let bits = CommandName.allCases.map { OptionSpec.Commands($0).rawValue }
        #expect(Set(bits).count == bits.count && bits.allSatisfy { $0.nonzeroBitCount == 1 }, "each command has its own bit")
        #expect(Version.string.hasPrefix("node-reconfig "))
    }
}
