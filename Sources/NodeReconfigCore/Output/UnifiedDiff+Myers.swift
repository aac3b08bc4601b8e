extension UnifiedDiff {
    /// How many frontier entries Myers may store before giving up on a minimal script.
    static let myersBudget = 2_000_000

    /// True when Myers is sure to give up: it needs at least |n-m| rounds, and rounds 0...d
    /// store (d+1)² entries.
    static func exceedsBudget(_ n: Int, _ m: Int, budget: Int = myersBudget) -> Bool {
        let rounds = abs(n - m) + 1
        return rounds > budget || rounds * rounds > budget
    }

    /// Myers' shortest edit script from `a` to `b`; past `budget` (see `myersSearch`) the whole
    /// of `a` deleted and the whole of `b` inserted.
    static func myers(_ a: [Int], _ b: [Int], budget: Int = myersBudget) -> [Op] {
        if let ops = myersSearch(a, b, budget: budget) { return ops }
        return (0..<a.count).map { Op(kind: .delete, old: $0, new: 0) } + (0..<b.count).map { Op(kind: .insert, old: a.count, new: $0) }
    }

    /// Myers' greedy O((N+M)D) shortest edit script, keeping each round's frontier for the walk back
    /// (O(D²) memory). Past `budget` stored entries (files that share almost nothing, or a pool of
    /// thousands of servers replaced by a few) it gives up on minimality and returns nil. The
    /// budget (2M entries, 16 MB, D ≈ 1,400) keeps time and memory bounded for any file size;
    /// the frontier is sized by it too, not by the files.
    static func myersSearch(_ a: [Int], _ b: [Int], budget: Int = myersBudget) -> [Op]? {
        let n = a.count, m = b.count
        // Round d stores 2d+1 entries, so rounds 0...d store (d+1)²: d stays below √budget.
        let offset = min(n + m, Int(Double(max(0, budget)).squareRoot())) + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        var finalD = 0
        var stored = 0
        search: for d in 0...(n + m) {
            stored += 2 * d + 1
            if stored > budget { return nil }
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
        ops.reverse()
        return ops
    }
}
