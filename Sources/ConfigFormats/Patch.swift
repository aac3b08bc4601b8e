/// One change to a `SourceText`: either a span inside one line, or a run of whole lines.
///
/// Line numbers here are 0-based indexes into `SourceText.lines`; spans are UTF-8 offsets
/// into that line's `text`. Patches never overlap; `SourceText.applying` refuses ones that do.
public struct Patch: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Replace `range` (UTF-8 offsets) of line `line` with `replacement`.
        case span(line: Int, range: Range<Int>, replacement: String)
        /// Replace lines `lines` (0-based, may be empty to insert) with `replacement`.
        case lines(Range<Int>, replacement: [Line])
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public static func span(line: Int, range: Range<Int>, replacement: String) -> Patch {
        Patch(.span(line: line, range: range, replacement: replacement))
    }

    public static func lines(_ lines: Range<Int>, replacement: [Line]) -> Patch {
        Patch(.lines(lines, replacement: replacement))
    }

    /// The lines this patch touches (for overlap checks and ordering).
    var lineRange: Range<Int> {
        switch kind {
        case .span(let line, _, _): return line..<(line + 1)
        case .lines(let range, _): return range
        }
    }
}

extension SourceText {
    /// Applies `patches` and returns the new text. Span patches on the same line may coexist if
    /// their ranges do not overlap; a line patch may not overlap any other patch.
    public func applying(_ patches: [Patch]) throws(FormatError) -> SourceText {
        var spans: [Int: [(Range<Int>, String)]] = [:]
        var lineEdits: [(Range<Int>, [Line])] = []
        for patch in patches {
            switch patch.kind {
            case .span(let line, let range, let replacement):
                guard lines.indices.contains(line), range.upperBound <= lines[line].text.utf8.count, range.lowerBound >= 0 else {
                    throw FormatError(line: line + 1, "internal error: an edit points outside the line")
                }
                spans[line, default: []].append((range, replacement))
            case .lines(let range, let replacement):
                guard range.lowerBound >= 0, range.upperBound <= lines.count else {
                    throw FormatError(line: range.lowerBound + 1, "internal error: an edit points outside the file")
                }
                lineEdits.append((range, replacement))
            }
        }
        // Overlap checks.
        for (line, edits) in spans {
            let sorted = edits.sorted { $0.0.lowerBound < $1.0.lowerBound }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.0.upperBound > b.0.lowerBound {
                throw FormatError(line: line + 1, "two edits overlap on this line; refusing to guess")
            }
            for (range, _) in lineEdits where range.contains(line) {
                throw FormatError(line: line + 1, "two edits overlap on this line; refusing to guess")
            }
        }
        let sortedLineEdits = lineEdits.sorted { $0.0.lowerBound < $1.0.lowerBound }
        for (a, b) in zip(sortedLineEdits, sortedLineEdits.dropFirst()) where a.0.upperBound > b.0.lowerBound {
            throw FormatError(line: b.0.lowerBound + 1, "two edits overlap here; refusing to guess")
        }

        var result = self
        for (line, edits) in spans {
            var bytes = Array(result.lines[line].text.utf8)
            for (range, replacement) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
                bytes.replaceSubrange(range, with: Array(replacement.utf8))
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw FormatError(line: line + 1, "internal error: an edit split a UTF-8 character")
            }
            result.lines[line].text = text
        }
        for (range, replacement) in sortedLineEdits.reversed() {
            result.lines.replaceSubrange(range, with: replacement)
        }
        return result
    }
}
