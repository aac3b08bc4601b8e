extension NginxSyntax {
    /// Token `index`'s logical text, the way nginx reads it: quotes removed; `\"`, `\'`, `\\`,
    /// `\t`, `\r`, `\n` resolved (any other escaped byte keeps its `\`); a `\` at the end of a
    /// line is a plain byte; a line break inside a string is `\n`. Verbatim when none of that
    /// happened, so the text is the token's own bytes.
    func text(ofToken index: Int) -> (text: String, verbatim: Bool) {
        let span = spans[index]
        return source.bytes.withUnsafeBufferPointer { Self.text(of: Int(span.start)..<Int(span.end), in: $0) }
    }

    /// The logical text of the token whose bytes are `token` (quotes included) in `bytes`.
    static func text(of token: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> (text: String, verbatim: Bool) {
        var lower = token.lowerBound
        var upper = token.upperBound
        if isQuote(bytes[lower]) {
            lower += 1
            upper -= 1
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
        guard raw.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0x0A }) else {
            return (String(decoding: raw, as: UTF8.self), true)
        }
        var text: [UInt8] = []
        text.reserveCapacity(raw.count)
        var verbatim = true
        var offset = lower
        while offset < upper {
            let byte = bytes[offset]
            if let lineEnd = lineEndLength(bytes, at: offset, limit: upper) {
                verbatim = false
                text.append(0x0A)
                offset += lineEnd
                continue
            }
            if byte == UInt8(ascii: "\\"), offset + 1 < upper, lineEndLength(bytes, at: offset + 1, limit: upper) == nil {
                verbatim = false
                text += unescape(bytes[offset + 1])
                offset += 2
                continue
            }
            text.append(byte)
            offset += 1
        }
        return (String(decoding: text, as: UTF8.self), verbatim)
    }

    /// The length of the line ending (`\n` or `\r\n`) at `offset`, or nil if none starts there.
    static func lineEndLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, limit: Int) -> Int? {
        guard offset < limit else { return nil }
        if bytes[offset] == 0x0A { return 1 }
        if bytes[offset] == 0x0D, offset + 1 < limit, bytes[offset + 1] == 0x0A { return 2 }
        return nil
    }

    /// nginx resolves `\"`, `\'`, `\\`, `\t`, `\r`, `\n`; any other escaped byte keeps its `\`.
    static func unescape(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): return [byte]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "n"): return [0x0A]
        default: return [UInt8(ascii: "\\"), byte]
        }
    }
}
