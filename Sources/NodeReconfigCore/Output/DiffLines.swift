/// The lines of one side of a diff as ranges into one byte buffer, each with its own ending:
/// a 50 MB file is diffed without a `String` or an array per line (that cost ~200 bytes a line).
struct DiffLines {
    /// The bytes the lines are in.
    let bytes: [UInt8]
    /// Where each line ends (after its ending): line `i` is `ends[i-1]..<ends[i]`; never empty.
    let ends: [Int]

    /// Splits `bytes` after every `\n` (`\r\n` stays whole); a last line without one is kept.
    init(bytes: [UInt8]) {
        var ends: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            // Counted first so the array is allocated once, at its size.
            var newlines = 0
            for byte in buffer where byte == UInt8(ascii: "\n") { newlines += 1 }
            ends.reserveCapacity(newlines + 1)
            for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") {
                ends.append(index + 1)
            }
        }
        if (ends.last ?? 0) < bytes.count { ends.append(bytes.count) }
        self.bytes = bytes
        self.ends = ends
    }

    /// The given lines, as they are (empty strings are no lines).
    init(lines: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for line in lines where !line.isEmpty {
            bytes.append(contentsOf: line.utf8)
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
    }

    var count: Int { ends.count }

    /// Line `i`'s bytes, ending included.
    func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    /// True when line `i` here and line `j` of `other` hold the same bytes.
    func same(_ i: Int, _ other: DiffLines, _ j: Int) -> Bool {
        let a = range(i), b = other.range(j)
        guard a.count == b.count else { return false }
        return bytes.withUnsafeBytes { x in
            other.bytes.withUnsafeBytes { y in
                Platform.bytesEqual(x.baseAddress! + a.lowerBound, y.baseAddress! + b.lowerBound, count: a.count)
            }
        }
    }

    /// Appends `prefix`, line `i`, and for a last line without a newline diff's marker.
    func append(_ i: Int, prefix: UInt8, to out: inout [UInt8]) {
        let line = range(i)
        out.append(prefix)
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[line])) }
        if bytes[line.upperBound - 1] != UInt8(ascii: "\n") {
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
                    let key = Key(base: smallBytes, range: small.range(i))
                    if let id = table[key] { return id }
                    table[key] = table.count
                    return table.count - 1
                }
                var unique = table.count
                largeIDs = largeRange.map { i in
                    if let id = table[Key(base: largeBytes, range: large.range(i))] { return id }
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
                && Platform.bytesEqual(lhs.base.baseAddress! + lhs.range.lowerBound, rhs.base.baseAddress! + rhs.range.lowerBound,
                                       count: lhs.range.count)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: base[range]))
        }
    }
}
