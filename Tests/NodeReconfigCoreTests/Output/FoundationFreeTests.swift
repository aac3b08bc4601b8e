import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// The release binary stays small only while the core and the executable import no Foundation
/// module (full Foundation brought 34 MB of ICU data; see docs/BENCHMARKS.md part 4).
@Suite("The binary's sources import no Foundation; the stdlib stand-ins behave like Foundation")
struct FoundationFreeTests {
    @Test("no Sources/NodeReconfigCore or Sources/node-reconfig file imports Foundation or FoundationEssentials")
    func noFoundationImports() throws {
        var checked = 0
        for directory in ["Sources/NodeReconfigCore", "Sources/node-reconfig"] {
            let root = Corpus.packageRoot.appendingPathComponent(directory)
            let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
            for case let relative as String in enumerator where relative.hasSuffix(".swift") {
                let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
                let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") || $0.hasPrefix("@_exported import ") }
                #expect(!imports.contains { $0.contains("Foundation") }, "\(directory)/\(relative): \(imports)")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    @Test("trimmingBlanks matches trimmingCharacters(in: .whitespaces / .whitespacesAndNewlines)", arguments: [
        "", "   ", "plain", "  both sides \t", "\tinner  space\t", " \u{00A0}nbsp\u{2003}", "line\n", "\r\n x \n",
        "\u{3000}ideographic\u{3000}", "é ", " 😀 ", "\u{0085}nel\u{2028}",
    ])
    func trimming(text: String) {
        #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingBlanks(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("formatSeconds matches String(format: \"%.1f\") for fractions, whole numbers without a decimal",
          arguments: [0.5, 1.5, 2.25, 2.75, 10.04, 10.06, 59.95, 0.1, 123.4])
    func seconds(value: Double) {
        #expect(HostOutcome.formatSeconds(value) == String(format: "%.1f", value))
        #expect(HostOutcome.formatSeconds(value.rounded()) == String(Int(value.rounded())))
    }
}
