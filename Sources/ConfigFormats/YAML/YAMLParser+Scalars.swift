/// Keys, one-line scalars and flow collections.
extension YAMLParser {
    /// The key of a `key: value` entry starting at column `c` of line `i`, and the column just
    /// after its `:`; nil when the text there is not a mapping entry.
    func key(at i: Int, _ c: Int) throws(FormatError) -> (String, Int)? {
        let line = lines[i]
        guard c < line.count else { return nil }
        switch line[c] {
        case 0x22, 0x27:  // quoted key
            let quoted = try self.quoted(line: i, column: c)
            let after = skipBlanks(line, quoted.end)
            guard after < line.count, line[after] == Self.colon, isEntryColon(line, after) else { return nil }
            return (quoted.scalar.text, after + 1)
        case 0x3F:  // ?
            if isSequenceIndicator(i, c) || c + 1 == line.count || line[c + 1] == Self.space {
                throw FormatError(line: i + 1, "complex mapping keys ('? ') are not supported; write a plain 'key: value'")
            }
        case 0x5B, 0x7B, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E:  // [ { # & * ! | >
            return nil
        default:
            break
        }
        var j = c
        while j < line.count {
            if line[j] == Self.hash, j > c, line[j - 1] == Self.space || line[j - 1] == Self.tab { return nil }
            if line[j] == Self.colon, isEntryColon(line, j) {
                var end = j
                while end > c, line[end - 1] == Self.space || line[end - 1] == Self.tab { end -= 1 }
                return (text(i, c..<end), j + 1)
            }
            j += 1
        }
        return nil
    }

    private func isEntryColon(_ line: [UInt8], _ j: Int) -> Bool {
        j + 1 == line.count || line[j + 1] == Self.space || line[j + 1] == Self.tab
    }

    /// A plain or quoted scalar starting at column `c`, which must end the line (but for a comment).
    func scalar(line i: Int, column c: Int) throws(FormatError) -> YAMLScalar {
        let line = lines[i]
        if line[c] == 0x22 || line[c] == 0x27 {
            let quoted = try self.quoted(line: i, column: c)
            guard restIsTrivia(i, from: quoted.end) else {
                throw FormatError(line: i + 1, "unexpected text after the closing quote; put a comment after a space and '#'")
            }
            return quoted.scalar
        }
        var end = c
        var j = c
        while j < line.count {
            if line[j] == Self.hash, j > c, line[j - 1] == Self.space || line[j - 1] == Self.tab { break }
            if line[j] != Self.space, line[j] != Self.tab { end = j + 1 }
            j += 1
        }
        let token = ValueToken(text: text(i, c..<end), line: i, range: c..<end)
        return YAMLScalar(style: .plain, token: token)
    }

    /// A 'single' or "double" quoted scalar opening at column `c`; `end` is the column after the
    /// closing quote. Refuses a quote that does not close on the same line.
    func quoted(line i: Int, column c: Int) throws(FormatError) -> (scalar: YAMLScalar, end: Int) {
        let line = lines[i]
        let quote = line[c]
        var decoded: [UInt8] = []
        var verbatim = true
        var j = c + 1
        while j < line.count {
            let b = line[j]
            if quote == 0x22, b == 0x5C, j + 1 < line.count {  // backslash escape
                verbatim = false
                decoded.append(contentsOf: Self.unescape(line[j + 1]))
                j += 2
                continue
            }
            if b == quote {
                if quote == 0x27, j + 1 < line.count, line[j + 1] == 0x27 {  // '' in single quotes
                    verbatim = false
                    decoded.append(0x27)
                    j += 2
                    continue
                }
                let token = ValueToken(text: String(decoding: decoded, as: UTF8.self), line: i, range: (c + 1)..<j, isVerbatim: verbatim)
                return (YAMLScalar(style: quote == 0x22 ? .doubleQuoted : .singleQuoted, token: token), j + 1)
            }
            decoded.append(b)
            j += 1
        }
        let kind = quote == 0x22 ? "double" : "single"
        throw FormatError(line: i + 1, "unterminated \(kind)-quoted value; close the quote on this line (values spanning lines are not supported)")
    }

    private static func unescape(_ b: UInt8) -> [UInt8] {
        switch b {
        case 0x6E: return [0x0A]  // \n
        case 0x74: return [0x09]  // \t
        case 0x72: return [0x0D]  // \r
        case 0x30: return [0x00]  // \0
        case 0x22, 0x5C, 0x2F, 0x20: return [b]
        default: return [0x5C, b]
        }
    }
}
