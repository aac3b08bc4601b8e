/// One word of a command line or one scalar value, with where its text sits in the file.
///
/// Formats hand these to the flag recogniser and the rewriter. `text` is the logical value (quotes
/// removed). When `isVerbatim` is true, `text` appears byte for byte in line `line` at UTF-8
/// offsets `range`, so a sub-range of `text` maps to the same sub-range of the line and can be
/// patched in place. A token with escapes or line continuations inside is not verbatim and is
/// never edited (the rewriter refuses with the line number instead of guessing).
public struct ValueToken: Sendable, Equatable {
    public var text: String
    /// 0-based index into `SourceText.lines`.
    public var line: Int
    /// UTF-8 offsets of `text` inside that line (inside the quotes, if quoted).
    public var range: Range<Int>
    public var isVerbatim: Bool
    /// Why a value that is not verbatim cannot be patched, when the format knows better than
    /// "escapes or continuations" (a block scalar's final line break, an inner quote…).
    public var reason: String?

    public init(text: String, line: Int, range: Range<Int>, isVerbatim: Bool = true, reason: String? = nil) {
        self.text = text
        self.line = line
        self.range = range
        self.isVerbatim = isVerbatim
        self.reason = reason
    }

    /// A patch that replaces the UTF-8 sub-range `sub` of `text` with `replacement`.
    public func patch(replacing sub: Range<Int>, with replacement: String) throws(FormatError) -> Patch {
        guard isVerbatim else {
            let why = reason ?? "is written with escapes or continuations that node-reconfig does not rewrite"
            throw FormatError(line: line + 1, "the value '\(Self.shown(text))' \(reason == nil ? why : "cannot be rewritten: " + why); edit it by hand")
        }
        return .span(line: line, range: (range.lowerBound + sub.lowerBound)..<(range.lowerBound + sub.upperBound), replacement: replacement)
    }

    /// `text` with line breaks and tabs shown as `\n`, `\t` (a message stays on one line).
    static func shown(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out
    }

    /// A patch that replaces the whole value.
    public func patch(with replacement: String) throws(FormatError) -> Patch {
        try patch(replacing: 0..<text.utf8.count, with: replacement)
    }
}
