import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

@Suite("Unified diff: patch reproduces the new file; simple cases equal diff -u")
struct UnifiedDiffTests {
    /// Runs a program, returning its exit status and standard output.
    private func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let result = try Subprocess.run([tool] + arguments)
        return (result.status, result.stdout)
    }

    private func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("udiff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A generated file: lines from a small alphabet (so alignment is ambiguous), LF or CRLF,
    /// sometimes without a final newline.
    private func generate(_ rng: inout some RandomNumberGenerator, count: Int) -> [String] {
        let words = ["server", "  listen 6443;", "}", "", "# comment", "upstream kube {", "\tserver 10.0.0.1:6443;", "x"]
        var lines = (0..<count).map { _ in words.randomElement(using: &rng)! + (Bool.random(using: &rng) && Int.random(in: 0..<4, using: &rng) == 0 ? "\r\n" : "\n") }
        if !lines.isEmpty, Int.random(in: 0..<4, using: &rng) == 0 { lines[lines.count - 1].removeLast() }
        return lines
    }

    private func mutate(_ lines: [String], _ rng: inout some RandomNumberGenerator) -> [String] {
        var out = lines
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let i = Int.random(in: 0...out.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: out.insert("new \(i)\n", at: i)
            case 1: if i < out.count { out.remove(at: i) }
            default: if i < out.count { out[i] = "changed \(i)" + (Bool.random(using: &rng) ? "\r\n" : "\n") }
            }
        }
        // A last line must be the only one that may lack its newline.
        for i in out.indices.dropLast() where out[i].utf8.last != UInt8(ascii: "\n") { out[i] += "\n" }
        return out
    }

    @Test("for 300 generated pairs, /usr/bin/patch applies our diff to old and yields new byte for byte")
    func patchRoundTrip() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/patch"), "patch is not installed")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix64(seed: 0x6e6f64652d726563)
        for round in 0..<300 {
            let old = generate(&rng, count: Int.random(in: 0...30, using: &rng))
            let new = mutate(old, &rng)
            let diff = UnifiedDiff.render(old: old, new: new, oldLabel: "a/f", newLabel: "b/f", context: Int.random(in: 0...3, using: &rng))
            if old == new {
                #expect(diff.isEmpty)
                continue
            }
            let oldFile = dir.appendingPathComponent("old"), patchFile = dir.appendingPathComponent("p"), outFile = dir.appendingPathComponent("out")
            try Data(old.joined().utf8).write(to: oldFile)
            #expect(diff.hasPrefix("--- a/f\n+++ b/f\n@@ -"))
            try Data(diff.utf8).write(to: patchFile)
            try? FileManager.default.removeItem(at: outFile)
            let result = try run("/usr/bin/patch", ["-s", "--binary", "-o", outFile.path, oldFile.path, patchFile.path])
            #expect(result.status == 0, "round \(round): patch failed on\n\(diff)")
            #expect(try Data(contentsOf: outFile) == Data(new.joined().utf8), "round \(round):\n\(diff)")
        }
    }

    static let simpleCases: [(String, String)] = [
        ("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n"),
        ("a\nb\nc\n", "new\na\nb\nc\n"),
        ("a\nb\nc\nd\n", "a\nb\nc\n"),
        ("a\nb\nc", "a\nb\nC"),
        ("a\nb\nc", "a\nb\nc\n"),
        ("a\nb\nc\n", "a\nb\nc"),
        ("key=old\r\nother=1\r\n", "key=new\r\nother=1\r\n"),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\nY\n20\n"),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\nX\n3\n4\n5\n6\n7\n8\nY\n10\n"),
        ("", "only\n"),
        ("gone\n", ""),
        ("  server 10.0.0.1:6443;\n  server 10.0.0.2:6443;\n", "  server 10.0.0.3:6443;\n"),
    ]

    @Test("simple cases equal GNU diff -u output", arguments: 0..<simpleCases.count)
    func matchesDiff(_ index: Int) throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/diff"), "diff is not installed")
        let (old, new) = Self.simpleCases[index]
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let oldFile = dir.appendingPathComponent("old"), newFile = dir.appendingPathComponent("new")
        try Data(old.utf8).write(to: oldFile)
        try Data(new.utf8).write(to: newFile)
        let expected = try run("/usr/bin/diff", ["-u", "--label", "a/x", "--label", "b/x", oldFile.path, newFile.path])
        let ours = UnifiedDiff.render(old: UnifiedDiff.lines(of: old), new: UnifiedDiff.lines(of: new), oldLabel: "a/x", newLabel: "b/x")
        #expect(ours == String(decoding: expected.output, as: UTF8.self))
    }

    @Test("a 100k-line file with a few changes gives small hunks; identical files give nothing")
    func large() {
        let old = (0..<100_000).map { "line \($0)\n" }
        var new = old
        new[10] = "changed\n"
        new[50_000] = "changed\n"
        new.insert("inserted\n", at: 99_000)
        let diff = UnifiedDiff.render(old: old, new: new, oldLabel: "a", newLabel: "b")
        #expect(diff.components(separatedBy: "\n@@ ").count - 1 == 3 || diff.hasPrefix("--- a\n+++ b\n@@ "))
        #expect(diff.split(separator: "\n").count(where: { $0.hasPrefix("@@ ") }) == 3)
        #expect(diff.contains("@@ -8,7 +8,7 @@\n line 7\n line 8\n line 9\n-line 10\n+changed\n"))
        #expect(UnifiedDiff.render(old: old, new: old, oldLabel: "a", newLabel: "b").isEmpty)
    }

    @Test("files sharing nothing past the budget still give a correct whole-middle diff")
    func budget() {
        let ops = UnifiedDiff.myers([1, 2, 3], [4, 5], budget: 2)
        #expect(ops.map(\.kind) == [.delete, .delete, .delete, .insert, .insert])
    }

    @Test("lines(of:) keeps endings and a last line without one")
    func splitting() {
        #expect(UnifiedDiff.lines(of: "a\r\nb\nc") == ["a\r\n", "b\n", "c"])
        #expect(UnifiedDiff.lines(of: "").isEmpty)
    }
}

/// A seeded generator, so every run tests the same pairs (a failure names its round).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
