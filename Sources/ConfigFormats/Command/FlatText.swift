/// Bytes of one or more line regions laid end to end, each byte remembering where it sits
/// (line, UTF-8 offset). Regions are joined by a separator byte that has no source of its own:
/// a newline for shell files (so quotes may span lines), a space for systemd continuations.
struct FlatText {
    var bytes: [UInt8] = []
    var lines: [Int32] = []
    var offsets: [Int32] = []
    /// True for separator bytes inserted between regions (not in the file).
    var synthetic: [Bool] = []

    /// Every line of `source`, joined by newlines.
    init(source: SourceText) {
        for (index, line) in source.lines.enumerated() {
            append(line.text.utf8, line: index, from: 0)
            append(separator: 0x0A, line: index, offset: line.text.utf8.count)
        }
    }

    /// The given regions, joined by `separator`.
    init(segments: [ShellWords.Segment], of source: SourceText, separator: UInt8) {
        for (n, segment) in segments.enumerated() {
            let utf8 = Array(source.lines[segment.line].text.utf8)
            append(utf8[segment.range], line: segment.line, from: segment.range.lowerBound)
            if n < segments.count - 1 {
                append(separator: separator, line: segment.line, offset: segment.range.upperBound)
            }
        }
    }

    var count: Int { bytes.count }

    private mutating func append(_ utf8: some Sequence<UInt8>, line: Int, from start: Int) {
        var offset = start
        for byte in utf8 {
            bytes.append(byte)
            lines.append(Int32(line))
            offsets.append(Int32(offset))
            synthetic.append(false)
            offset += 1
        }
    }

    private mutating func append(separator: UInt8, line: Int, offset: Int) {
        bytes.append(separator)
        lines.append(Int32(line))
        offsets.append(Int32(offset))
        synthetic.append(true)
    }

    func line(at index: Int) -> Int {
        index < count ? Int(lines[index]) : Int(lines.last ?? 0)
    }
}
