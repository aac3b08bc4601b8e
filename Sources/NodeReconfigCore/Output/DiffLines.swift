#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of one side of a diff as ranges into one byte buffer, each with its own ending:
/// a 50 MB file is diffed without a `String` or an array per line (that cost ~200 bytes a line).
struct DiffLines {
    /// The bytes the ranges point into.
    let bytes: [UInt8]
    /// Each line's bytes, ending included; never empty.
    let ranges: [Range<Int>]

    /// Splits `bytes` after every `\n` (`\r\n` stays whole); a last line without one is kept.
    init(bytes: [UInt8]) {
        var ranges: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") {
                ranges.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        self.bytes = bytes
        self.ranges = ranges
    }

    /// The given lines, as they are (empty strings are no lines).
    init(lines: [String]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for line in lines where !line.isEmpty {
            let start = bytes.count
            bytes.append(contentsOf: line.utf8)
            ranges.append(start..<bytes.count)
        }
        self.bytes = bytes
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    /// True when line `i` here and line `j` of `other` hold the same bytes.
    func same(_ i: Int, _ other: DiffLines, _ j: Int) -> Bool {
        let a = ranges[i], b = other.ranges[j]
        guard a.count == b.count else { return false }
        return bytes.withUnsafeBytes { x in
            other.bytes.withUnsafeBytes { y in
                memcmp(x.baseAddress! + a.lowerBound, y.baseAddress! + b.lowerBound, a.count) == 0
            }
        }
    }

    /// Appends `prefix`, line `i`, and for a last line without a newline diff's marker.
    func append(_ i: Int, prefix: UInt8, to out: inout [UInt8]) {
        let range = ranges[i]
        out.append(prefix)
        out.append(contentsOf: bytes[range])
        if bytes[range.upperBound - 1] != UInt8(ascii: "\n") {
            out.append(contentsOf: "\n\\ No newline at end of file\n".utf8)
        }
    }

    /// Interns lines as integers so Myers compares them cheaply: equal lines of the two sides get
    /// the same id. Only the shorter side's lines are stored in the table; a line of the longer
    /// side absent from it gets an id of its own, as it can match nothing.
    static func ids(_ a: DiffLines, _ aRange: Range<Int>, _ b: DiffLines, _ bRange: Range<Int>) -> ([Int], [Int]) {
        let swap = aRange.count > bRange.count
        let (small, smallRange, large, largeRange) = swap ? (b, bRange, a, aRange) : (a, aRange, b, bRange)
        var table: [Key: Int] = [:]
        var smallIDs: [Int] = []
        var largeIDs: [Int] = []
        small.bytes.withUnsafeBytes { smallBytes in
            large.bytes.withUnsafeBytes { largeBytes in
                smallIDs = smallRange.map { i in
                    let key = Key(base: smallBytes, range: small.ranges[i])
                    if let id = table[key] { return id }
                    table[key] = table.count
                    return table.count - 1
                }
                var unique = table.count
                largeIDs = largeRange.map { i in
                    if let id = table[Key(base: largeBytes, range: large.ranges[i])] { return id }
                    unique += 1
                    return unique
                }
            }
        }
        return swap ? (largeIDs, smallIDs) : (smallIDs, largeIDs)
    }

    /// A line's bytes as a dictionary key, valid while its buffer is.
    private struct Key: Hashable {
        let base: UnsafeRawBufferPointer
        let range: Range<Int>

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.range.count == rhs.range.count
                && memcmp(lhs.base.baseAddress! + lhs.range.lowerBound, rhs.base.baseAddress! + rhs.range.lowerBound, lhs.range.count) == 0
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: base[range]))
        }
    }
}
