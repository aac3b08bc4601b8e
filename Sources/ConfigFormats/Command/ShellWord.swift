/// One word of a shell or systemd command line, as the program will receive it, with where each
/// piece of it sits in the file.
///
/// A word is made of `parts`: runs of bytes copied verbatim from one line (unquoted or inside
/// quotes) and single characters produced by escapes (`\"`, a removed backslash-newline leaves
/// no part at all). The quotes themselves are never part of the text. Anything that lies within
/// one verbatim part can be patched in place; see `token(for:)`.
public struct ShellWord: Sendable, Equatable {
    /// A piece of a word.
    public struct Part: Sendable, Equatable {
        /// The logical text of this piece.
        public var text: String
        /// 0-based line of the piece.
        public var line: Int
        /// UTF-8 offsets in that line. For a verbatim part, `text` sits exactly there.
        public var range: Range<Int>
        /// True when `text` appears byte for byte at `range`.
        public var isVerbatim: Bool
        /// True when the piece was inside `'…'` or `"…"`.
        public var isQuoted: Bool
        /// True inside `'…'` (shell): nothing in it is expanded.
        public var isLiteral: Bool
        /// True for an expansion the shell computes (`$(…)`, `` `…` ``, `$((…))`, `${…}`): its
        /// text is the source as written, not the value the program receives.
        public var isExpansion: Bool

        public init(text: String, line: Int, range: Range<Int>, isVerbatim: Bool, isQuoted: Bool, isLiteral: Bool = false, isExpansion: Bool = false) {
            self.text = text
            self.line = line
            self.range = range
            self.isVerbatim = isVerbatim
            self.isQuoted = isQuoted
            self.isLiteral = isLiteral
            self.isExpansion = isExpansion
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// A word that is one plain token (from a format without shell quoting, e.g. YAML items).
    public init(token: ValueToken) {
        self.parts = [Part(text: token.text, line: token.line, range: token.range, isVerbatim: token.isVerbatim, isQuoted: false)]
    }

    /// The word as the program receives it: quotes removed, escapes resolved.
    public var text: String {
        parts.map(\.text).joined()
    }

    /// The whole word as a token: verbatim only when it lies in one verbatim part.
    public var token: ValueToken {
        token(for: 0..<text.utf8.count)
    }

    /// True when any piece of the word was quoted.
    public var isQuoted: Bool {
        parts.contains(where: \.isQuoted)
    }

    /// True when the shell computes part of the word (`$(…)`, backticks, `$((…))`).
    public var isComputed: Bool {
        parts.contains { $0.isExpansion && ($0.text.hasPrefix("$(") || $0.text.hasPrefix("`")) }
    }

    /// The names of the variables the word expands (`$X`, `${X}`, `${X:-…}`, also inside
    /// `$(…)`), in order, each once; nothing inside `'…'`.
    public var referencedVariables: [String] {
        var names: [String] = []
        var text: [UInt8] = []
        for part in parts {
            text += part.isLiteral ? part.text.utf8.map { $0 == 0x24 ? 0x20 : $0 } : Array(part.text.utf8)
        }
        var i = 0
        while i < text.count {
            defer { i += 1 }
            guard text[i] == 0x24, i + 1 < text.count else { continue }
            var start = i + 1
            if text[start] == 0x7B { start += 1 }
            var end = start
            while end < text.count, text[end] == 0x5F || (0x30...0x39).contains(text[end]) || (0x41...0x5A).contains(text[end]) || (0x61...0x7A).contains(text[end]) {
                end += 1
            }
            let name = String(decoding: text[start..<end], as: UTF8.self)
            if EnvFile.isIdentifier(Substring(name)), !names.contains(name) { names.append(name) }
        }
        return names
    }
}

// Slicing and splitting: tokens for sub-ranges of the text, words split as `$VAR` expands.
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
    /// expansion is split by the shell and by systemd (blanks inside a `$(…)` do not split it).
    /// Empty pieces are dropped.
    public func splitOnWhitespace() -> [ShellWord] {
        split(removingInnerQuotes: false)
    }

    /// The word split the way a shell reads it as a command line (an init script's `eval`, or
    /// a person pasting it): on blanks outside inner quotes and expansions, the inner quotes
    /// removed. `--master="http://a"` gives `--master=http://a`, whose value lies in one piece
    /// and can be patched with its quotes kept around it.
    public func splitRemovingInnerQuotes() -> [ShellWord] {
        split(removingInnerQuotes: true)
    }

    private func split(removingInnerQuotes: Bool) -> [ShellWord] {
        var utf8: [UInt8] = []
        var inExpansion: [Bool] = []
        for part in parts {
            utf8 += part.text.utf8
            inExpansion += Array(repeating: part.isExpansion, count: part.text.utf8.count)
        }
        var words: [ShellWord] = []
        var pieces: [Range<Int>] = []
        var runStart: Int? = nil
        var inner: UInt8? = nil
        func endRun(at index: Int) {
            if let start = runStart, start < index { pieces.append(start..<index) }
            runStart = nil
        }
        func endWord(at index: Int) {
            endRun(at: index)
            if !pieces.isEmpty { words.append(ShellWord(parts: pieces.flatMap { slice($0).parts })) }
            pieces = []
        }
        for (index, byte) in utf8.enumerated() {
            if removingInnerQuotes, !inExpansion[index], byte == 0x22 || byte == 0x27, inner == nil || inner == byte {
                endRun(at: index)
                inner = inner == nil ? byte : nil
                continue
            }
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace, inner == nil, !inExpansion[index] {
                endWord(at: index)
            } else if runStart == nil {
                runStart = index
            }
        }
        endWord(at: utf8.count)
        return words
    }
}
