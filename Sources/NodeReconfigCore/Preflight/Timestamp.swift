/// Calendar time without Foundation: the RFC 3339 stamps of the Kubernetes API (`renewTime`,
/// `lastHeartbeatTime`) and certificate dates, as seconds since 1970 (UTC).
public enum Timestamp {
    /// Seconds since 1970 of a UTC calendar time (proleptic Gregorian; days from civil).
    public static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double) -> Double? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              second >= 0, second < 61 else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3_600 + minute * 60) + second
    }

    /// `2026-11-28T10:29:35Z`, `2026-11-28T10:29:35.123456Z`, `2026-11-28T12:29:35+02:00`.
    public static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, !range.isEmpty else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
              bytes[13] == 0x3A, bytes[16] == 0x3A,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), var second = number(17..<19).map(Double.init) else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == 0x2E {
            var scale = 0.1
            index += 1
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                second += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        guard let base = seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second),
              index < bytes.count else { return nil }
        switch bytes[index] {
        case 0x5A, 0x7A:
            return index + 1 == bytes.count ? base : nil
        case 0x2B, 0x2D:
            guard bytes.count == index + 6, bytes[index + 3] == 0x3A,
                  let hours = number((index + 1)..<(index + 3)), let minutes = number((index + 4)..<(index + 6)) else { return nil }
            let offset = Double(hours * 3_600 + minutes * 60)
            return bytes[index] == 0x2B ? base - offset : base + offset
        default:
            return nil
        }
    }

    /// `2026-11-28 10:29:35 UTC`; with milliseconds when the time has a fraction
    /// (`10:29:35.412 UTC`: two heartbeats within one second must read apart).
    public static func text(_ seconds: Double) -> String {
        let whole = seconds.rounded(.down)
        let parts = Platform.utc(whole)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(((seconds - whole) * 1000).rounded(.down))
        let fraction = millis == 0 ? "" : "." + String(String(millis + 1000).dropFirst())
        return "\(parts.year)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))\(fraction) UTC"
    }
}
