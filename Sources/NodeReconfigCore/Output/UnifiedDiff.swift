/// `diff -u` output for `plan` and Ansible's diff mode: `--- old`, `+++ new`, `@@ -l,n +l,n @@`
/// hunks with context, `\ No newline at end of file`, CRLF kept inside the lines.
///
/// The edit script is Myers' O(ND) algorithm after trimming the common head and tail, so a
/// 100k-line file with a few changes costs little. `patch` applies the output exactly.
public enum UnifiedDiff {
    /// Renders the diff of two files given as lines, each with its own ending (`"a\n"`,
    /// `"b\r\n"`; the last one may have none; empty strings are no lines). Returns `""` when
    /// they are equal.
    public static func render(old: [String], new: [String], oldLabel: String, newLabel: String, context: Int = 3) -> String {
        render(DiffLines(lines: old), DiffLines(lines: new), oldLabel: oldLabel, newLabel: newLabel, context: context)
    }

    /// Renders the diff of two files given as bytes, split after every `\n`: no copy of any line
    /// is made but the ones printed.
    public static func render(oldBytes: [UInt8], newBytes: [UInt8], oldLabel: String, newLabel: String, context: Int = 3) -> String {
        render(DiffLines(bytes: oldBytes), DiffLines(bytes: newBytes), oldLabel: oldLabel, newLabel: newLabel, context: context)
    }

    static func render(_ old: DiffLines, _ new: DiffLines, oldLabel: String, newLabel: String, context: Int) -> String {
        let ops = editScript(old, new)
        guard ops.contains(where: { $0.kind != .equal }) else { return "" }
        var out = Array("--- \(oldLabel)\n+++ \(newLabel)\n".utf8)
        for range in hunks(ops, context: max(0, context)) {
            let hunk = ops[range]
            let oldCount = hunk.count(where: { $0.kind != .insert })
            let newCount = hunk.count(where: { $0.kind != .delete })
            let first = hunk[hunk.startIndex]
            out += "@@ -\(position(first.old, oldCount)) +\(position(first.new, newCount)) @@\n".utf8
            for op in hunk {
                switch op.kind {
                case .equal: old.append(op.old, prefix: UInt8(ascii: " "), to: &out)
                case .delete: old.append(op.old, prefix: UInt8(ascii: "-"), to: &out)
                case .insert: new.append(op.new, prefix: UInt8(ascii: "+"), to: &out)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Renders the diff of two texts (split with `lines(of:)`).
    public static func render(oldText: String, newText: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        render(old: lines(of: oldText), new: lines(of: newText), oldLabel: oldLabel, newLabel: newLabel, context: context)
    }

    /// Splits after every `\n`, keeping the endings (`\r\n` stays whole); a last line without
    /// a newline is kept as it is. `""` has no lines.
    public static func lines(of text: String) -> [String] {
        var result: [String] = []
        let utf8 = Array(text.utf8)
        var start = 0
        for (i, byte) in utf8.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(String(decoding: utf8[start...i], as: UTF8.self))
            start = i + 1
        }
        if start < utf8.count { result.append(String(decoding: utf8[start...], as: UTF8.self)) }
        return result
    }

    struct Op: Equatable {
        enum Kind { case equal, delete, insert }
        var kind: Kind
        /// Index into old (for insert: the old lines consumed before it).
        var old: Int
        /// Index into new (for delete: the new lines consumed before it).
        var new: Int
    }

    /// `l,n` as diff writes it: `l` alone when n is 1; for an empty range, the line before it.
    private static func position(_ index: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(index),0"
        case 1: return "\(index + 1)"
        default: return "\(index + 1),\(count)"
        }
    }

    /// Groups changes into hunks: `context` equal lines around each change, and changes whose
    /// gap is at most twice the context share a hunk.
    static func hunks(_ ops: [Op], context: Int) -> [Range<Int>] {
        let changes = ops.indices.filter { ops[$0].kind != .equal }
        var result: [Range<Int>] = []
        var i = 0
        while i < changes.count {
            let start = max(0, changes[i] - context)
            var last = changes[i]
            while i + 1 < changes.count, changes[i + 1] - last - 1 <= 2 * context {
                i += 1
                last = changes[i]
            }
            result.append(start..<min(ops.count, last + 1 + context))
            i += 1
        }
        return result
    }

    /// The edit script from `a` to `b`: common head and tail trimmed, Myers in between, and in
    /// each run of changes the deletions before the insertions (as `diff` prints them).
    static func editScript(_ a: DiffLines, _ b: DiffLines) -> [Op] {
        var head = 0
        while head < a.count, head < b.count, a.same(head, b, head) { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a.same(a.count - 1 - tail, b, b.count - 1 - tail) { tail += 1 }
        // Intern lines as integers so the middle compares cheaply.
        let (midA, midB) = DiffLines.ids(a, head..<(a.count - tail), b, head..<(b.count - tail))
        var ops = (0..<head).map { Op(kind: .equal, old: $0, new: $0) }
        var run: (deletes: [Op], inserts: [Op]) = ([], [])
        for op in myers(midA, midB) {
            let shifted = Op(kind: op.kind, old: op.old + head, new: op.new + head)
            switch op.kind {
            case .delete: run.deletes.append(shifted)
            case .insert: run.inserts.append(shifted)
            case .equal:
                ops += run.deletes + run.inserts
                run = ([], [])
                ops.append(shifted)
            }
        }
        ops += run.deletes + run.inserts
        // Reordering moved inserts and deletes within their run: recount the positions.
        var oldPos = 0, newPos = 0
        for i in ops.indices {
            ops[i].old = oldPos
            ops[i].new = newPos
            if ops[i].kind != .insert { oldPos += 1 }
            if ops[i].kind != .delete { newPos += 1 }
        }
        let endA = a.count - tail, endB = b.count - tail
        ops += (0..<tail).map { Op(kind: .equal, old: endA + $0, new: endB + $0) }
        return ops
    }

    /// Myers' greedy O((N+M)D) shortest edit script, keeping each round's frontier for the walk back
    /// (O(D²) memory). Past `budget` stored entries (files that share almost nothing, or a pool of
    /// thousands of servers replaced by a few) it gives up on minimality and replaces the whole
    /// middle: still a correct diff. The budget (2M entries, 16 MB, D ≈ 1,400) keeps time and
    /// memory bounded for any file size.
    static func myers(_ a: [Int], _ b: [Int], budget: Int = 2_000_000) -> [Op] {
        let n = a.count, m = b.count
        let offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        var finalD = 0
        var stored = 0
        search: for d in 0...(n + m) {
            stored += 2 * d + 1
            if stored > budget {
                return (0..<n).map { Op(kind: .delete, old: $0, new: 0) } + (0..<m).map { Op(kind: .insert, old: n, new: $0) }
            }
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    finalD = d
                    break search
                }
            }
        }
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: finalD, through: 1, by: -1) {
            let frontier = trace[d]  // the values after round d-1, indexed k + d
            let k = x - y
            let down = k == -d || (k != d && frontier[k - 1 + d] < frontier[k + 1 + d])
            let prevK = down ? k + 1 : k - 1
            let prevX = frontier[prevK + d]
            let prevY = prevX - prevK
            let midX = down ? prevX : prevX + 1
            while x > midX {
                x -= 1
                y -= 1
                ops.append(Op(kind: .equal, old: x, new: y))
            }
            if down {
                ops.append(Op(kind: .insert, old: prevX, new: prevY))
            } else {
                ops.append(Op(kind: .delete, old: prevX, new: prevY))
            }
            x = prevX
            y = prevY
        }
        while x > 0, y > 0 {
            x -= 1
            y -= 1
            ops.append(Op(kind: .equal, old: x, new: y))
        }
        return ops.reversed()
    }
}
