/// How hosts are cut into waves (`--batch`).
public enum FanoutWaves {
    /// Index ranges of the waves for `count` hosts, in order.
    public static func split(count: Int, batch: FanoutOptions.Batch) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size: Int
        switch batch {
        case .all: size = count
        case .count(let n): size = max(1, n)
        case .percent(let p): size = max(1, (count * p + 99) / 100)
        }
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}
