/// The lines of a configuration file, exactly as they were.
///
/// The file is kept as one buffer of bytes plus the offset where each line starts: a 50 MB
/// file costs 50 MB and 4 bytes a line, not a `String` per line (that was ~120 bytes a line,
/// and most of the time spent splitting). `lines` reads a `Line` out of the buffer on demand.
/// Rendering a document is handing back the buffer, so `SourceText(bytes).bytes == bytes` for
/// every file that parses. Edits are `Patch`es: they replace a span of one line, or a run of
/// whole lines (`SourceText.applying(_:)`).
public struct SourceText: Sendable, Equatable {
    /// The file, byte for byte.
    public let bytes: [UInt8]
    /// Offset of each line's first byte, then `bytes.count`: line `i` (ending included) is
    /// `starts[i]..<starts[i + 1]`.
    let starts: [UInt32]

    /// The largest file a `SourceText` holds (offsets are 32-bit).
    public static let maximumSize = Int(UInt32.max) - 1

    /// Joins `lines`, each followed by its own ending.
    public init(lines: [Line]) {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.text.utf8.count + 2 })
        for line in lines {
            out.append(contentsOf: line.text.utf8)
            out.append(contentsOf: line.ending.rawValue.utf8)
        }
        self.init(trusted: out)
    }

    /// Splits `bytes` into lines. Refuses what is not text: invalid UTF-8 or a NUL byte,
    /// with the 1-based line where it sits, and a file over 4 GiB.
    public init(bytes: some Collection<UInt8>) throws(FormatError) {
        try self.init(bytes: Array(bytes))
    }

    /// Splits `bytes` into lines, keeping the array itself (no copy).
    public init(bytes: [UInt8]) throws(FormatError) {
        guard bytes.count <= Self.maximumSize else {
            throw FormatError(line: 1, "is larger than 4 GiB; this is not a configuration file node-reconfig edits")
        }
        let result: Result<[UInt32], FormatError> = bytes.withUnsafeBufferPointer { Self.split($0, validating: true) }
        self.bytes = bytes
        self.starts = try result.get()
    }

    /// Splits bytes already known to be text (built from `String`s and checked edits).
    init(trusted bytes: [UInt8]) {
        self.bytes = bytes
        let split = bytes.withUnsafeBufferPointer { Self.split($0, validating: false) }
        guard case .success(let starts) = split else { preconditionFailure("splitting without validation cannot fail") }
        self.starts = starts
    }

    /// One pass over contiguous memory: the line starts, and (when `validating`) a NUL byte or
    /// invalid UTF-8 refused with its line. A line of ASCII costs a compare a byte; only a line
    /// holding a byte ≥ 0x80 is checked as UTF-8.
    private static func split(_ buffer: UnsafeBufferPointer<UInt8>, validating: Bool) -> Result<[UInt32], FormatError> {
        var starts: [UInt32] = [0]
        var start = 0
        var suspicious = false  // the current line holds a NUL or a byte >= 0x80
        func check(_ end: Int) -> FormatError? {
            guard validating, suspicious else { return nil }
            suspicious = false
            let text = UnsafeBufferPointer(rebasing: buffer[start..<end])
            if text.contains(0x00) {
                return FormatError(line: starts.count, "holds a NUL byte; this is not a text configuration file")
            }
            if String(validating: text, as: UTF8.self) == nil {
                return FormatError(line: starts.count, "is not valid UTF-8 text")
            }
            return nil
        }
        for index in 0..<buffer.count {
            let byte = buffer[index]
            if byte == 0x0A {
                if let error = check(index) { return .failure(error) }
                start = index + 1
                starts.append(UInt32(start))
            } else if byte == 0x00 || byte >= 0x80 {
                suspicious = true
            }
        }
        if start < buffer.count {
            if let error = check(buffer.count) { return .failure(error) }
            starts.append(UInt32(buffer.count))
        }
        return .success(starts)
    }

    /// The lines, each read from the buffer when asked for.
    public var lines: Lines {
        Lines(self)
    }

    /// How many lines the file has.
    public var lineCount: Int { starts.count - 1 }

    /// Offsets in `bytes` of line `index`'s text, its ending left out.
    public func textRange(ofLine index: Int) -> Range<Int> {
        let lower = Int(starts[index])
        var upper = Int(starts[index + 1])
        if upper > lower, bytes[upper - 1] == 0x0A {
            upper -= 1
            if upper > lower, bytes[upper - 1] == 0x0D { upper -= 1 }
        }
        return lower..<upper
    }

    /// How line `index` ends.
    public func ending(ofLine index: Int) -> LineEnding {
        let lower = Int(starts[index])
        let upper = Int(starts[index + 1])
        guard upper > lower, bytes[upper - 1] == 0x0A else { return .none }
        return upper - 1 > lower && bytes[upper - 2] == 0x0D ? .crlf : .lf
    }

    /// Offset in `bytes` where line `index` starts (`bytes.count` for `lineCount`).
    public func startOffset(ofLine index: Int) -> Int {
        Int(starts[index])
    }

    /// The 0-based line holding byte `offset`, searching forward from line `hint` (a token is
    /// almost always on the line its directive starts on).
    public func line(containing offset: Int, from hint: Int = 0) -> Int {
        var line = hint
        if Int(starts[line]) > offset {
            var low = 0
            var high = line
            while low < high {
                let mid = (low + high + 1) / 2
                if Int(starts[mid]) <= offset { low = mid } else { high = mid - 1 }
            }
            return low
        }
        while line + 1 < lineCount, Int(starts[line + 1]) <= offset { line += 1 }
        return line
    }

    /// The file as one string (for diffs and tests).
    public var string: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The ending most lines use: what an inserted line gets when it has no sibling to copy.
    public var dominantEnding: LineEnding {
        var crlf = 0
        var lf = 0
        for index in 0..<lineCount {
            switch ending(ofLine: index) {
            case .crlf: crlf += 1
            case .lf: lf += 1
            case .none: break
            }
        }
        return crlf > lf ? .crlf : .lf
    }

    public static func == (lhs: SourceText, rhs: SourceText) -> Bool {
        lhs.bytes == rhs.bytes
    }
}

extension SourceText {
    /// The lines of a `SourceText` as a collection of `Line`s, each made from the buffer when it
    /// is read (its `String` is not stored).
    public struct Lines: RandomAccessCollection, Sendable, Equatable {
        let text: SourceText

        init(_ text: SourceText) {
            self.text = text
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { text.lineCount }

        public subscript(index: Int) -> Line {
            let range = text.textRange(ofLine: index)
            let string = text.bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
            }
            return Line(string, ending: text.ending(ofLine: index))
        }
    }
}
