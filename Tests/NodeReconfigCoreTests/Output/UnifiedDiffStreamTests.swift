import Testing
@testable import NodeReconfigCore

@Suite("Unified diff in pieces: runs instead of steps, and Myers skipped when it must give up")
struct UnifiedDiffStreamTests {
    @Test("a 200k-line file replaced by 3 lines is one hunk: all deleted, then all inserted, in pieces")
    func wholeReplacement() {
        let old = (0..<200_000).map { "        server 10.40.\($0 / 250).\($0 % 250):6443;\n" }
        let new = ["        server 10.99.0.1:6443;\n", "        server 10.99.0.2:6443;\n", "        server 10.99.0.3:6443;"]
        var pieces: [String] = []
        UnifiedDiff.write(oldBytes: Array(old.joined().utf8), newBytes: Array(new.joined().utf8), oldLabel: "a", newLabel: "b") { pieces.append($0) }
        #expect(pieces.count > 10)
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") && $0.utf8.count <= UnifiedDiff.chunkSize + 200 })
        let expected = "--- a\n+++ b\n@@ -1,200000 +1,3 @@\n" + old.map { "-" + $0 }.joined() + new.map { "+" + $0 }.joined()
            + "\n\\ No newline at end of file\n"
        #expect(pieces.joined() == expected)
    }

    @Test("exceedsBudget is true only where Myers itself gives up", arguments: [1, 2, 4, 9, 10, 50])
    func budgetShortcut(_ budget: Int) {
        var rng = SplitMix64(seed: UInt64(budget))
        for _ in 0..<200 {
            let a = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Int.random(in: 0..<3, using: &rng) }
            let b = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Int.random(in: 0..<3, using: &rng) }
            if UnifiedDiff.exceedsBudget(a.count, b.count, budget: budget) {
                #expect(UnifiedDiff.myersSearch(a, b, budget: budget) == nil, "\(a) \(b)")
            }
        }
        #expect(UnifiedDiff.exceedsBudget(10, 0, budget: 120) && !UnifiedDiff.exceedsBudget(10, 0, budget: 121))
    }

    @Test("runs merge neighbours of one kind and hunks cover context around them")
    func runsAndHunks() {
        let old = DiffLines(lines: (1...20).map { "\($0)\n" })
        var newLines = (1...20).map { "\($0)\n" }
        newLines[1] = "X\n"
        newLines[2] = "Y\n"
        newLines[18] = "Z\n"
        let runs = UnifiedDiff.editScript(old, DiffLines(lines: newLines))
        #expect(runs.map(\.kind) == [.equal, .delete, .insert, .equal, .delete, .insert, .equal])
        #expect(runs.map(\.count) == [1, 2, 2, 15, 1, 1, 1])
        #expect(UnifiedDiff.hunks(runs, context: 3) == [0..<8, 17..<23])
        #expect(UnifiedDiff.hunks(runs, context: 8) == [0..<23])
    }
}
