/// Reads the assignments of an env file line by line (see `EnvFile`).
struct EnvParser {
    let source: SourceText
    let flat: FlatText
    let lexer: ShellLexer
    /// Index in `flat` where each line starts.
    let lineStarts: [Int]

    init(source: SourceText) {
        self.source = source
        self.flat = FlatText(source: source)
        self.lexer = ShellLexer(flat: flat, dialect: .shell)
        var starts: [Int] = []
        var next = 0
        for line in source.lines {
            starts.append(next)
            next += line.text.utf8.count + 1
        }
        self.lineStarts = starts
    }

    func parse() throws(FormatError) -> [EnvAssignment] {
        var out: [EnvAssignment] = []
        var line = 0
        while line < source.lines.count {
            let text = Array(source.lines[line].text.utf8)
            var i = 0
            while i < text.count, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
            if i == text.count || text[i] == 0x23 {
                line += 1
                continue
            }
            let assignment = try assignment(on: line, text: text, from: i)
            out.append(assignment)
            line = assignment.lastLine + 1
        }
        return out
    }

    private func assignment(on line: Int, text: [UInt8], from start: Int) throws(FormatError) -> EnvAssignment {
        var i = start
        var exported = false
        if text[i...].starts(with: "export".utf8), i + 6 < text.count, text[i + 6] == 0x20 || text[i + 6] == 0x09 {
            exported = true
            i += 6
            while i < text.count, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
        }
        let keyStart = i
        while i < text.count, text[i] != 0x3D, text[i] != 0x20, text[i] != 0x09 { i += 1 }
        let key = String(decoding: text[keyStart..<i], as: UTF8.self)
        guard i < text.count, text[i] == 0x3D else {
            var j = i
            while j < text.count, text[j] == 0x20 || text[j] == 0x09 { j += 1 }
            if j < text.count, text[j] == 0x3D, EnvFile.isIdentifier(Substring(key)) {
                throw FormatError(line: line + 1, "spaces around '=' are not valid in a shell assignment; write \(key)=value")
            }
            throw FormatError(line: line + 1, "is neither a KEY=value assignment, a comment nor a blank line; node-reconfig does not run shell code, edit the file by hand")
        }
        guard EnvFile.isIdentifier(Substring(key)) else {
            throw FormatError(line: line + 1, "'\(key)' is not a shell variable name (letters, digits and _, not starting with a digit)")
        }
        let valueStart = i + 1
        let flatStart = lineStarts[line] + valueStart
        var word = ShellWord(parts: [])
        var next = flatStart
        if flatStart < flat.count, !ShellLexer.isBlank(flat.bytes[flatStart]) {
            (word, next) = try lexer.readWord(from: flatStart)
        }
        let lastLine = flat.line(at: next)
        try checkRest(from: next, line: lastLine, key: key)
        let quote: EnvAssignment.Quote
        switch valueStart < text.count ? text[valueStart] : 0 {
        case 0x27: quote = .single
        case 0x22: quote = .double
        default: quote = .none
        }
        return EnvAssignment(key: key, isExported: exported, quote: quote, line: line, lastLine: lastLine, valueWord: word, valueStart: valueStart)
    }

    /// After the value: only blanks and an optional `# comment` until the end of the line.
    private func checkRest(from index: Int, line: Int, key: String) throws(FormatError) {
        var i = index
        while i < flat.count, flat.bytes[i] == 0x20 || flat.bytes[i] == 0x09 { i += 1 }
        guard i < flat.count, flat.bytes[i] != 0x0A, flat.bytes[i] != 0x23 else { return }
        throw FormatError(line: line + 1, "the value of \(key) is followed by more words; quote the whole value (\(key)=\"…\") or edit the file by hand")
    }
}
