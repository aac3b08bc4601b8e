/// The lines of a configuration file, exactly as they were.
///
/// Every format document keeps its `SourceText`; rendering a document is concatenating its lines
/// with their own endings, so `SourceText(bytes).bytes == bytes` for every file that parses.
/// Edits are `Patch`es: they replace a span of one line, or a run of whole lines.
public struct SourceText: Sendable, Equatable {
    public var lines: [Line]

    public init(lines: [Line]) {
        self.lines = lines
    }

    /// Splits `bytes` into lines. Refuses what is not text: invalid UTF-8 or a NUL byte,
    /// with the 1-based line where it sits.
    public init(bytes: some Collection<UInt8>) throws(FormatError) {
        // One pass over contiguous memory: iterating a generic collection byte by byte cost
        // ~1,000 instructions a byte (callgrind) and dominated planning a large nginx file.
        let split: Result<[Line], FormatError> = bytes.withContiguousStorageIfAvailable { Self.split($0) }
            ?? Array(bytes).withUnsafeBufferPointer { Self.split($0) }
        self.lines = try split.get()
    }

    private static func split(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<[Line], FormatError> {
        var lines: [Line] = []
        var start = 0
        var index = 0
        func finish(_ end: Int, _ ending: LineEnding) -> FormatError? {
            let lineNumber = lines.count + 1
            let text = UnsafeBufferPointer(rebasing: buffer[start..<end])
            if text.contains(0x00) {
                return FormatError(line: lineNumber, "holds a NUL byte; this is not a text configuration file")
            }
            guard let string = String(validating: text, as: UTF8.self) else {
                return FormatError(line: lineNumber, "is not valid UTF-8 text")
            }
            lines.append(Line(string, ending: ending))
            return nil
        }
        while index < buffer.count {
            if buffer[index] == 0x0A {
                let crlf = index > start && buffer[index - 1] == 0x0D
                if let error = finish(crlf ? index - 1 : index, crlf ? .crlf : .lf) { return .failure(error) }
                start = index + 1
            }
            index += 1
        }
        if start < buffer.count, let error = finish(buffer.count, .none) { return .failure(error) }
        return .success(lines)
    }

    /// The file's bytes: every line's text followed by its own ending.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.text.utf8.count + 2 })
        for line in lines {
            out.append(contentsOf: line.text.utf8)
            out.append(contentsOf: line.ending.rawValue.utf8)
        }
        return out
    }

    /// The file as one string (for diffs and tests).
    public var string: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The ending most lines use: what an inserted line gets when it has no sibling to copy.
    public var dominantEnding: LineEnding {
        let crlf = lines.count(where: { $0.ending == .crlf })
        let lf = lines.count(where: { $0.ending == .lf })
        return crlf > lf ? .crlf : .lf
    }
}

/// One line: its text without the ending, and the ending itself.
public struct Line: Sendable, Equatable {
    public var text: String
    public var ending: LineEnding

    public init(_ text: String, ending: LineEnding = .lf) {
        self.text = text
        self.ending = ending
    }

    /// The leading run of spaces and tabs.
    public var indentation: Substring {
        text.prefix(while: { $0 == " " || $0 == "\t" })
    }

    /// True when the line holds nothing but spaces and tabs.
    public var isBlank: Bool {
        text.allSatisfy { $0 == " " || $0 == "\t" }
    }
}

/// How a line ends. The last line of a file may have no ending.
public enum LineEnding: String, Sendable, Equatable {
    case lf = "\n"
    case crlf = "\r\n"
    case none = ""
}
