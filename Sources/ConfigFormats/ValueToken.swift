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

    public init(text: String, line: Int, range: Range<Int>, isVerbatim: Bool = true) {
        self.text = text
        self.line = line
        self.range = range
        self.isVerbatim = isVerbatim
    }

    /// A patch that replaces the UTF-8 sub-range `sub` of `text` with `replacement`.
    public func patch(replacing sub: Range<Int>, with replacement: String) throws(FormatError) -> Patch {
        guard isVerbatim else {
            throw FormatError(line: line + 1, "the value '\(text)' is written with escapes or continuations that node-reconfig does not rewrite; edit it by hand")
        }
        return .span(line: line, range: (range.lowerBound + sub.lowerBound)..<(range.lowerBound + sub.upperBound), replacement: replacement)
    }

    /// A patch that replaces the whole value.
    public func patch(with replacement: String) throws(FormatError) -> Patch {
        try patch(replacing: 0..<text.utf8.count, with: replacement)
    }
}
