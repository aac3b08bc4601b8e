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
    /// first byte after it (a blank, or the end).
    func readWord(from start: Int) throws(FormatError) -> (ShellWord, Int) {
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
                    throw FormatError(line: quoteLine + 1, "a quote opened on this line is not closed on it; close the quote, or end the line with \\ to continue the value")
                } else if byte == 0x5C, q == 0x22 || dialect == .systemd {
                    i = try escape(at: i, quoted: true, into: &builder)
                } else {
                    try checkShellCode(at: i, quoted: true)
                    builder.literal(at: i, quoted: true)
                    i += 1
                }
                continue
            }
            if Self.isBlank(byte) { break }
            switch byte {
            case 0x27, 0x22:
                quote = byte
                quoteLine = flat.line(at: i)
                builder.openQuote(after: i)
                i += 1
            case 0x5C:
                i = try escape(at: i, quoted: false, into: &builder)
            default:
                try checkShellCode(at: i, quoted: false)
                builder.literal(at: i, quoted: false)
                i += 1
            }
        }
        if quote != nil {
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

    /// In the shell dialect, refuses what would run code rather than assign text.
    private func checkShellCode(at index: Int, quoted: Bool) throws(FormatError) {
        guard dialect == .shell else { return }
        let byte = flat.bytes[index]
        let isSubstitution = byte == 0x60 || (byte == 0x24 && index + 1 < flat.count && flat.bytes[index + 1] == 0x28)
        let isOperator = !quoted && [0x3B, 0x26, 0x7C, 0x3C, 0x3E, 0x28, 0x29].contains(byte)
        if isSubstitution || isOperator {
            throw FormatError(line: flat.line(at: index) + 1, "holds shell code ('\(Character(Unicode.Scalar(byte)))'); node-reconfig reads only plain KEY=value assignments, quote the value or edit the file by hand")
        }
    }
}
