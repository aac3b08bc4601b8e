/// Backup set ids: `20261122T031502Z-4711` (UTC time of the run, then its pid). They sort by time.
public enum BackupID {
    public static func make(wallTime: Double, pid: Int32) -> String {
        "\(timestamp(wallTime))-\(pid)"
    }

    /// `20261122T031502Z`
    public static func timestamp(_ wallTime: Double) -> String {
        let t = Platform.utc(wallTime)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(t.year)\(two(t.month))\(two(t.day))T\(two(t.hour))\(two(t.minute))\(two(t.second))Z"
    }

    /// `2026-11-22T03:15:02Z` from an id, for listings; the id itself when it has another shape.
    public static func readableTime(_ id: String) -> String {
        let c = Array(id)
        guard c.count >= 16, c[8] == "T", c[15] == "Z" else { return id }
        let s = { (r: Range<Int>) in String(c[r]) }
        return "\(s(0..<4))-\(s(4..<6))-\(s(6..<8))T\(s(9..<11)):\(s(11..<13)):\(s(13..<15))Z"
    }
}
