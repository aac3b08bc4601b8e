extension UnifiedDiff {
    /// One step of Myers' edit script.
    struct Op: Equatable {
        enum Kind: UInt8 { case equal, delete, insert }
        var kind: Kind
        /// Index into old (for insert: the old lines consumed before it).
        var old: Int
        /// Index into new (for delete: the new lines consumed before it).
        var new: Int
    }

    /// `count` consecutive steps of one kind: old lines `old..<old+count` (equal, delete) and new
    /// lines `new..<new+count` (equal, insert); the other side's index is the lines consumed
    /// before. `start` is the run's first step counted over the whole script.
    struct Run: Equatable {
        var kind: Op.Kind
        var old: Int
        var new: Int
        var start: Int
        var count: Int
        var end: Int { start + count }
    }

    /// The edit script from `a` to `b` as runs: common head and tail trimmed, Myers in between,
    /// and in each stretch of changes the deletions before the insertions (as `diff` prints them).
    static func editScript(_ a: DiffLines, _ b: DiffLines) -> [Run] {
        var head = 0
        while head < a.count, head < b.count, a.same(head, b, head) { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a.same(a.count - 1 - tail, b, b.count - 1 - tail) { tail += 1 }
        var script = Script()
        script.add(.equal, head)
        let middleA = head..<(a.count - tail), middleB = head..<(b.count - tail)
        // Intern lines as integers so the middle compares cheaply (unless Myers would give up).
        let (midA, midB) = exceedsBudget(middleA.count, middleB.count) ? ([], []) : DiffLines.ids(a, middleA, b, middleB)
        if !midA.isEmpty || !midB.isEmpty, let ops = myersSearch(midA, midB) {
            var deletes = 0, inserts = 0
            for op in ops {
                switch op.kind {
                case .delete: deletes += 1
                case .insert: inserts += 1
                case .equal:
                    script.add(.delete, deletes)
                    script.add(.insert, inserts)
                    (deletes, inserts) = (0, 0)
                    script.add(.equal, 1)
                }
            }
            script.add(.delete, deletes)
            script.add(.insert, inserts)
        } else {
            // Past Myers' budget: the whole middle replaced (still a correct diff).
            script.add(.delete, middleA.count)
            script.add(.insert, middleB.count)
        }
        script.add(.equal, tail)
        return script.runs
    }

    /// Runs built step by step, positions counted as they go.
    private struct Script {
        var runs: [Run] = []
        var old = 0, new = 0, steps = 0

        mutating func add(_ kind: Op.Kind, _ count: Int) {
            guard count > 0 else { return }
            if let last = runs.last, last.kind == kind {
                runs[runs.count - 1].count += count
            } else {
                runs.append(Run(kind: kind, old: old, new: new, start: steps, count: count))
            }
            if kind != .insert { old += count }
            if kind != .delete { new += count }
            steps += count
        }
    }

    /// Groups changes into hunks (ranges of steps): `context` equal lines around each change,
    /// and changes whose gap is at most twice the context share a hunk.
    static func hunks(_ runs: [Run], context: Int) -> [Range<Int>] {
        let total = runs.last?.end ?? 0
        var result: [Range<Int>] = []
        var current: (start: Int, last: Int)?
        for run in runs where run.kind != .equal {
            if let open = current, run.start - open.last - 1 <= 2 * context {
                current = (open.start, run.end - 1)
                continue
            }
            if let open = current { result.append(open.start..<min(total, open.last + 1 + context)) }
            current = (max(0, run.start - context), run.end - 1)
        }
        if let open = current { result.append(open.start..<min(total, open.last + 1 + context)) }
        return result
    }

    /// Calls `body` with each part of a run inside `range` (runs from index `first` on): its
    /// kind, first old and new index, and length.
    static func forEachPiece(of runs: [Run], from first: Int, in range: Range<Int>,
                             _ body: (Op.Kind, Int, Int, Int) -> Void) {
        var index = first
        while index < runs.count, runs[index].start < range.upperBound {
            let run = runs[index]
            let low = max(range.lowerBound, run.start), high = min(range.upperBound, run.end)
            if low < high {
                let skip = low - run.start
                body(run.kind, run.kind == .insert ? run.old : run.old + skip, run.kind == .delete ? run.new : run.new + skip, high - low)
            }
            index += 1
        }
    }
}
