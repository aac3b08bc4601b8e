extension ShellWord {
    /// The token for the UTF-8 sub-range `sub` of `text`. It is verbatim (patchable) when the
    /// sub-range lies inside one verbatim part. An empty sub-range is placed at its position,
    /// inside an empty quoted part when there is one there (`--f=""` → between the quotes).
    public func token(for sub: Range<Int>) -> ValueToken {
        let full = text
        let utf8 = Array(full.utf8)
        let subText = String(decoding: utf8[sub], as: UTF8.self)
        var start = 0
        var touching: [(Part, Int)] = []
        for part in parts {
            let length = part.text.utf8.count
            let end = start + length
            if sub.isEmpty {
                if start <= sub.lowerBound && sub.lowerBound <= end { touching.append((part, start)) }
            } else if length > 0 && start < sub.upperBound && sub.lowerBound < end {
                touching.append((part, start))
            }
            start = end
        }
        if sub.isEmpty {
            let choice = touching.first(where: { $0.0.text.isEmpty && $0.0.isQuoted }) ?? touching.last(where: { $0.0.isVerbatim }) ?? touching.first
            guard let (part, partStart) = choice else {
                return ValueToken(text: "", line: parts.first?.line ?? 0, range: 0..<0, isVerbatim: false)
            }
            let at = part.range.lowerBound + (part.isVerbatim ? sub.lowerBound - partStart : 0)
            return ValueToken(text: "", line: part.line, range: at..<at, isVerbatim: part.isVerbatim)
        }
        if touching.count == 1, let (part, partStart) = touching.first, part.isVerbatim {
            let lower = part.range.lowerBound + sub.lowerBound - partStart
            return ValueToken(text: subText, line: part.line, range: lower..<(lower + sub.count), isVerbatim: true)
        }
        let first = touching.first?.0 ?? parts.first
        return ValueToken(text: subText, line: first?.line ?? 0, range: first?.range ?? 0..<0, isVerbatim: false)
    }

    /// The word made of the UTF-8 sub-range `sub` of `text`, with its parts cut to fit.
    public func slice(_ sub: Range<Int>) -> ShellWord {
        var out: [Part] = []
        var start = 0
        for part in parts {
            // No copy of the part's bytes: splitting a 100,000-flag value slices it 100,000 times.
            let utf8 = part.text.utf8
            let end = start + utf8.count
            defer { start = end }
            let lower = max(start, sub.lowerBound)
            let upper = min(end, sub.upperBound)
            if lower > upper || (lower == upper && !(utf8.isEmpty && sub.contains(start))) { continue }
            var piece = part
            let from = utf8.index(utf8.startIndex, offsetBy: lower - start)
            piece.text = String(decoding: utf8[from..<utf8.index(from, offsetBy: upper - lower)], as: UTF8.self)
            if part.isVerbatim {
                piece.range = (part.range.lowerBound + lower - start)..<(part.range.lowerBound + upper - start)
            }
            out.append(piece)
        }
        return ShellWord(parts: out)
    }

    /// The word split where it holds spaces, tabs or newlines, the way an unquoted `$VAR`
    /// expansion is split by the shell and by systemd. Empty pieces are dropped.
    public func splitOnWhitespace() -> [ShellWord] {
        let utf8 = Array(text.utf8)
        var words: [ShellWord] = []
        var wordStart: Int? = nil
        for (index, byte) in utf8.enumerated() {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace, let s = wordStart {
                words.append(slice(s..<index))
                wordStart = nil
            } else if !isSpace, wordStart == nil {
                wordStart = index
            }
        }
        if let s = wordStart { words.append(slice(s..<utf8.count)) }
        return words
    }
}
