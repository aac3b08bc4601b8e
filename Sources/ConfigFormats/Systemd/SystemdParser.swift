/// Reads sections and settings of a unit (see `SystemdUnit`).
struct SystemdParser {
    let source: SourceText

    /// What a unit holds besides comments and blanks.
    struct Result {
        var entries: [SystemdEntry] = []
        var includes: [SystemdInclude] = []
        var ignored: [SystemdIgnoredSetting] = []
    }

    func parse() throws(FormatError) -> Result {
        var result = Result()
        var section: String? = nil
        var index = 0
        let lines = source.lines
        while index < lines.count {
            let text = Array(lines[index].text.utf8)
            let start = Self.firstNonBlank(text)
            if start == text.count || text[start] == 0x23 || text[start] == 0x3B {
                index += 1
                continue
            }
            if text[start] == 0x5B {
                section = try Self.sectionName(text, from: start, line: index)
                index += 1
                continue
            }
            if text[start...].starts(with: ".include".utf8), start + 8 == text.count || text[start + 8] == 0x20 || text[start + 8] == 0x09 {
                var end = text.count
                while end > start + 8, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
                var from = start + 8
                while from < end, text[from] == 0x20 || text[from] == 0x09 { from += 1 }
                guard from < end else {
                    throw FormatError(line: index + 1, ".include without a file name; remove it or name the file")
                }
                result.includes.append(SystemdInclude(path: String(decoding: text[from..<end], as: UTF8.self), line: index))
                index += 1
                continue
            }
            guard let equals = text[start...].firstIndex(of: 0x3D) else {
                throw FormatError(line: index + 1, "is not a Key=value setting, a [Section] header nor a comment")
            }
            var keyEnd = equals
            while keyEnd > start, text[keyEnd - 1] == 0x20 || text[keyEnd - 1] == 0x09 { keyEnd -= 1 }
            let key = String(decoding: text[start..<keyEnd], as: UTF8.self)
            guard !key.isEmpty else {
                throw FormatError(line: index + 1, "a setting without a name before '='; write Key=value")
            }
            var valueStart = equals + 1
            while valueStart < text.count, text[valueStart] == 0x20 || text[valueStart] == 0x09 { valueStart += 1 }
            let (segments, lastLine) = try continuation(from: index, valueStart: valueStart, key: key)
            guard let current = section else {
                // systemd ignores a setting before the first section ("Assignment outside of section. Ignoring.").
                result.ignored.append(SystemdIgnoredSetting(key: key, line: index, lastLine: lastLine))
                index = lastLine + 1
                continue
            }
            let words = try ShellWords.split(segments, of: source, dialect: .systemd)
            result.entries.append(SystemdEntry(section: current, key: key, line: index, lastLine: lastLine, segments: segments, shellWords: words))
            index = lastLine + 1
        }
        return result
    }

    /// The value's regions from line `first` on, following `\` continuations and skipping
    /// comment lines inside them.
    private func continuation(from first: Int, valueStart: Int, key: String) throws(FormatError) -> ([ShellWords.Segment], Int) {
        var segments: [ShellWords.Segment] = []
        var index = first
        var from = valueStart
        while true {
            let text = Array(source.lines[index].text.utf8)
            if Self.endsWithContinuation(text) {
                segments.append(.init(line: index, range: min(from, text.count - 1)..<(text.count - 1)))
            } else {
                segments.append(.init(line: index, range: min(from, text.count)..<text.count))
                return (segments, index)
            }
            // Find the next line that is not a comment.
            var next = index + 1
            while next < source.lines.count {
                let t = Array(source.lines[next].text.utf8)
                let s = Self.firstNonBlank(t)
                guard s < t.count, t[s] == 0x23 || t[s] == 0x3B else { break }
                next += 1
            }
            guard next < source.lines.count else {
                throw FormatError(line: index + 1, "the value of \(key) ends with a continuation '\\' but the file ends here; remove the backslash or add the missing line")
            }
            index = next
            from = 0
        }
    }

    /// A line ends in a continuation when its last byte is a backslash that is not escaped.
    static func endsWithContinuation(_ text: [UInt8]) -> Bool {
        var count = 0
        var i = text.count
        while i > 0, text[i - 1] == 0x5C {
            count += 1
            i -= 1
        }
        return count % 2 == 1
    }

    static func firstNonBlank(_ text: [UInt8]) -> Int {
        var i = 0
        while i < text.count, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
        return i
    }

    private static func sectionName(_ text: [UInt8], from start: Int, line: Int) throws(FormatError) -> String {
        var end = text.count
        while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        guard end - start >= 3, text[end - 1] == 0x5D else {
            throw FormatError(line: line + 1, "a section header must look like [Service]")
        }
        return String(decoding: text[(start + 1)..<(end - 1)], as: UTF8.self)
    }
}
