/// Lines to delete, collected in file order and handed out as one patch per run of adjacent
/// lines (a pool of 900k servers made 900k patches otherwise).
struct RemovedLines {
    private var runs: [Range<Int>] = []

    /// Adds `line`; a line already in the last run (servers sharing a line) adds nothing.
    mutating func add(_ line: Int) {
        guard let last = runs.last else { return runs.append(line..<(line + 1)) }
        if line == last.upperBound {
            runs[runs.count - 1] = last.lowerBound..<(line + 1)
        } else if !last.contains(line) {
            runs.append(line..<(line + 1))
        }
    }

    var patches: [Patch] {
        runs.map { .lines($0, replacement: []) }
    }
}
