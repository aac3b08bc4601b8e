import Foundation
import Testing
import TestSupport

/// Issue 7, "fuzzing": in CI (`CI=true`) or with `FUZZ=1`, builds the libFuzzer target
/// (scripts/fuzz.sh) and runs each format briefly over its seed corpus (our fixtures). A crash
/// or a broken property (round trip, edit then re-parse) fails the test and leaves the input in
/// fuzz-out/crashes/FORMAT, to be turned into a regression test.
@Suite("Hardening: fuzzing the parsers", .tags(.slow), .notInQuickRun, .serialized)
struct FuzzTests {
    static let enabled = ProcessInfo.processInfo.environment["CI"] == "true" || ProcessInfo.processInfo.environment["FUZZ"] == "1"
    static let seconds = ProcessInfo.processInfo.environment["FUZZ_SECONDS"] ?? "20"
    static let formats = ["yaml", "kubeconfig", "env", "systemd", "nginx", "haproxy", "json", "blocks", "k3s-config", "lvscare"]

    @Test("every format scripts/fuzz.sh can fuzz is fuzzed here (a new format cannot be left out of CI)")
    func everyFormat() throws {
        let script = try String(contentsOf: Corpus.packageRoot.appendingPathComponent("scripts/fuzz.sh"), encoding: .utf8)
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("FORMATS=(") })
        #expect(line.dropFirst("FORMATS=(".count).dropLast().split(separator: " ").map(String.init) == Self.formats)
    }

    @Test("each format survives a brief libFuzzer run: no crash, render(parse(x)) == x, edits re-parse with the new value",
          .enabled(if: enabled, "fuzzing runs only in CI (CI=true) or with FUZZ=1"),
          arguments: Self.formats)
    func fuzz(format: String) throws {
        let script = Corpus.packageRoot.appendingPathComponent("scripts/fuzz.sh").path
        let run = try BinaryRun.run([script, "run", format, Self.seconds])
        #expect(run.status == 0 && run.stderr.contains("Done "), "\(format): \(run.stderr.suffix(2000))")
    }
}
