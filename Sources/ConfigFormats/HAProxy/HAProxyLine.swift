/// One line of a haproxy configuration split in words the way haproxy splits them: blanks
/// separate words, `\` escapes the next character (`login\ Haproxy` is one word), `"…"` and
/// `'…'` quote, an unquoted `#` starts a comment that runs to the end of the line.
public struct HAProxyLine: Sendable, Equatable {
    /// 0-based line index.
    public var index: Int
    public var words: [HAProxyWord]

    public init(index: Int, words: [HAProxyWord]) {
        self.index = index
        self.words = words
    }

    /// The first word (the keyword), if any.
    public var keyword: String? { words.first?.text }

    /// Splits `text`. Refuses an unterminated quote.
    public init(index: Int, text: String) throws(FormatError) {
        let bytes = Array(text.utf8)
        var words: [HAProxyWord] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if Self.isBlank(byte) {
                i += 1
                continue
            }
            if byte == UInt8(ascii: "#") { break }
            let start = i
            var logical: [UInt8] = []
            var escaped = false
            var quotedRuns = 0
            var plainBytes = 0
            while i < bytes.count, !Self.isBlank(bytes[i]), bytes[i] != UInt8(ascii: "#") {
                let b = bytes[i]
                if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    escaped = true
                    logical.append(bytes[i + 1])
                    i += 2
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quotedRuns += 1
                    i += 1
                    while i < bytes.count, bytes[i] != b {
                        if b == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                            escaped = true
                            i += 1
                        }
                        logical.append(bytes[i])
                        i += 1
                    }
                    guard i < bytes.count else {
                        throw FormatError(line: index + 1, "a quoted string here is never closed; add the closing \(Character(Unicode.Scalar(b)))")
                    }
                    i += 1
                } else {
                    plainBytes += 1
                    logical.append(b)
                    i += 1
                }
            }
            let singleQuoted = quotedRuns == 1 && plainBytes == 0
            let verbatim = !escaped && (quotedRuns == 0 || singleQuoted)
            let range = singleQuoted ? (start + 1)..<(i - 1) : start..<i
            let token = ValueToken(text: String(decoding: logical, as: UTF8.self), line: index, range: range, isVerbatim: verbatim)
            words.append(HAProxyWord(token: token, span: start..<i))
        }
        self.init(index: index, words: words)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
