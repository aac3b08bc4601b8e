/// Reads shell or systemd words from a `FlatText`, recording the source position of every piece.
struct ShellLexer {
    let flat: FlatText
    let dialect: ShellWords.Dialect

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The first index at or after `index` that is not a space, tab or newline.
    func skipBlanks(from index: Int) -> Int {
        var i = index
        while i < flat.count, Self.isBlank(flat.bytes[i]) { i += 1 }
        return i
    }

    /// Reads one word starting at `start` (not a blank). Returns the word and the index of the
    /// first byte after it (a blank, an unquoted `;` in the shell dialect, or the end).
    /// `statementLine` (shell): the line of the assignment the word belongs to, named when a
    /// quote that a multi-line value left open is never closed.
    func readWord(from start: Int, statementLine: Int? = nil) throws(FormatError) -> (ShellWord, Int) {
        if dialect == .shell, start < flat.count, flat.bytes[start] == 0x3B {
            throw FormatError(line: flat.line(at: start) + 1, "holds the shell operator ';' between words; node-reconfig reads one assignment per statement, edit the file by hand")
        }
        var builder = PartBuilder(flat: flat)
        var i = start
        var quote: UInt8? = nil
        var quoteLine = 0
        while i < flat.count {
            let byte = flat.bytes[i]
            if let q = quote {
                if byte == q {
                    builder.closeQuote(at: i)
                    quote = nil
                    i += 1
                } else if byte == 0x0A, flat.synthetic[i] {
                    // A quoted value may run over lines; one that runs into an assignment has
                    // lost its closing quote.
                    if let name = assignmentName(atLineAfter: i) {
                        throw FormatError(line: quoteLine + 1, "a quote opened on this line is not closed on it, and the next line assigns \(name); close the quote on this line")
                    }
                    builder.literal(at: i, quoted: true, literal: q == 0x27)
                    i += 1
                } else if byte == 0x5C, q == 0x22 || dialect == .systemd {
                    i = try escape(at: i, quoted: true, into: &builder)
                } else if dialect == .shell, q == 0x22, let end = try expansionEnd(at: i) {
                    builder.expansion(from: i, to: end, quoted: true)
                    i = end
                } else {
                    builder.literal(at: i, quoted: true, literal: q == 0x27)
                    i += 1
                }
                continue
            }
            if Self.isBlank(byte) { break }
            if dialect == .shell, byte == 0x3B { break }
            switch byte {
            case 0x27, 0x22:
                quote = byte
                quoteLine = flat.line(at: i)
                builder.openQuote(after: i)
                i += 1
            case 0x5C:
                i = try escape(at: i, quoted: false, into: &builder)
            default:
                if dialect == .shell, let end = try expansionEnd(at: i) {
                    builder.expansion(from: i, to: end, quoted: false)
                    i = end
                    continue
                }
                try checkShellCode(at: i)
                builder.literal(at: i, quoted: false)
                i += 1
            }
        }
        if quote != nil {
            if let statementLine, statementLine < quoteLine {
                throw FormatError(line: statementLine + 1, "the quoted value that starts on this line runs over the following lines, and the quote opened on line \(quoteLine + 1) is never closed; a closing quote is probably missing on this line")
            }
            throw FormatError(line: quoteLine + 1, "a quote opened on this line is never closed; close it or remove it")
        }
        return (builder.finish(), i)
    }

    /// Handles the backslash at `index`; returns the index after the escape.
    private func escape(at index: Int, quoted: Bool, into builder: inout PartBuilder) throws(FormatError) -> Int {
        guard index + 1 < flat.count else {
            throw FormatError(line: flat.line(at: index) + 1, "ends with a lone backslash; remove it or escape it as \\\\")
        }
        let next = flat.bytes[index + 1]
        switch dialect {
        case .shell:
            if next == 0x0A {
                builder.removed()
                return index + 2
            }
            if quoted && ![0x24, 0x60, 0x22, 0x5C].contains(next) {
                builder.literal(at: index, quoted: true)
                return index + 1
            }
            let end = characterEnd(from: index + 1)
            builder.escaped(String(decoding: flat.bytes[(index + 1)..<end], as: UTF8.self), from: index, to: end, quoted: quoted)
            return end
        case .systemd:
            let (text, end) = try systemdEscape(at: index)
            builder.escaped(text, from: index, to: end, quoted: quoted)
            return end
        }
    }

    /// A C escape as systemd reads it: `\n \t \r \a \b \f \v \\ \" \' \s \xNN`, or the character itself.
    private func systemdEscape(at index: Int) throws(FormatError) -> (String, Int) {
        let next = flat.bytes[index + 1]
        let simple: [UInt8: String] = [0x6E: "\n", 0x74: "\t", 0x72: "\r", 0x61: "\u{07}", 0x62: "\u{08}",
                                       0x66: "\u{0C}", 0x76: "\u{0B}", 0x73: " "]
        if let s = simple[next] { return (s, index + 2) }
        if next == 0x78, index + 3 < flat.count,
           let value = UInt8(String(decoding: flat.bytes[(index + 2)...(index + 3)], as: UTF8.self), radix: 16) {
            return (String(decoding: [value], as: UTF8.self), index + 4)
        }
        let end = characterEnd(from: index + 1)
        return (String(decoding: flat.bytes[(index + 1)..<end], as: UTF8.self), end)
    }

    /// The end of the UTF-8 character starting at `index`.
    private func characterEnd(from index: Int) -> Int {
        var end = index + 1
        while end < flat.count, flat.bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }

    /// In the shell dialect, refuses an unquoted operator: what follows would be another
    /// command, a pipe, a redirection or a subshell, not part of a value.
    private func checkShellCode(at index: Int) throws(FormatError) {
        guard dialect == .shell else { return }
        let byte = flat.bytes[index]
        let names: [UInt8: String] = [0x26: "'&' (a background job or '&&')", 0x7C: "'|' (a pipe or '||')", 0x3C: "'<' (a redirection)",
                                      0x3E: "'>' (a redirection)", 0x28: "'(' (a subshell or an array)", 0x29: "')'"]
        if let name = names[byte] {
            throw FormatError(line: flat.line(at: index) + 1, "holds the shell operator \(name) outside quotes; node-reconfig reads assignments, not commands: quote the value if it is one, or edit the file by hand")
        }
    }

    /// The end of the expansion starting at `index` (`$(…)`, `$((…))`, `${…}`, `` `…` ``), or nil
    /// when none starts there. Quotes, escapes and nested expansions inside are skipped over.
    private func expansionEnd(at index: Int) throws(FormatError) -> Int? {
        let bytes = flat.bytes
        let opener: UInt8
        var i: Int
        if bytes[index] == 0x60 {
            opener = 0x60
            i = index + 1
        } else if bytes[index] == 0x24, index + 1 < bytes.count, bytes[index + 1] == 0x28 || bytes[index + 1] == 0x7B {
            opener = bytes[index + 1]
            i = index + 2
        } else {
            return nil
        }
        let close: UInt8 = opener == 0x28 ? 0x29 : (opener == 0x7B ? 0x7D : 0x60)
        var depth = 1
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x5C {
                i += 2
                continue
            }
            if opener == 0x60 {
                if byte == 0x60 { return i + 1 }
                i += 1
                continue
            }
            if byte == 0x27 || byte == 0x22 {
                var j = i + 1
                while j < bytes.count, bytes[j] != byte {
                    j += byte == 0x22 && bytes[j] == 0x5C ? 2 : 1
                }
                i = j + 1
                continue
            }
            if let end = byte == 0x60 || byte == 0x24 ? try expansionEnd(at: i) : nil {
                i = end
                continue
            }
            if byte == opener {
                depth += 1
            } else if byte == close {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        let what = opener == 0x60 ? "`" : (opener == 0x28 ? "$(" : "${")
        throw FormatError(line: flat.line(at: index) + 1, "the '\(what)' opened on this line is never closed; close it or edit the file by hand")
    }

    /// `NAME` when the line after the newline at `index` starts (after blanks) with `NAME=`.
    private func assignmentName(atLineAfter index: Int) -> String? {
        var i = index + 1
        while i < flat.count, flat.bytes[i] == 0x20 || flat.bytes[i] == 0x09 { i += 1 }
        let start = i
        while i < flat.count, flat.bytes[i] == 0x5F || (0x30...0x39).contains(flat.bytes[i])
                || (0x41...0x5A).contains(flat.bytes[i]) || (0x61...0x7A).contains(flat.bytes[i]) { i += 1 }
        guard i > start, i < flat.count, flat.bytes[i] == 0x3D else { return nil }
        let name = String(decoding: flat.bytes[start..<i], as: UTF8.self)
        return EnvFile.isIdentifier(Substring(name)) ? name : nil
    }
}
