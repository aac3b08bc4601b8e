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
}

extension SourceText {
    /// Applies `patches` and returns the new text. Span patches on the same line may coexist if
    /// their ranges do not overlap; a line patch may not overlap any other patch. Deleting the
    /// last line of a file that has no final newline leaves the new last line without one.
    public func applying(_ patches: [Patch]) throws(FormatError) -> SourceText {
        var spans: [Int: [(Range<Int>, String)]] = [:]
        var lineEdits: [(Range<Int>, [Line])] = []
        for patch in patches {
            switch patch.kind {
            case .span(let line, let range, let replacement):
                guard (0..<lineCount).contains(line), range.upperBound <= textRange(ofLine: line).count, range.lowerBound >= 0 else {
                    throw FormatError(line: line + 1, "internal error: an edit points outside the line")
                }
                spans[line, default: []].append((range, replacement))
            case .lines(let range, let replacement):
                guard range.lowerBound >= 0, range.upperBound <= lineCount else {
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
        let sortedLineEdits = lineEdits.sorted { ($0.0.lowerBound, $0.0.upperBound) < ($1.0.lowerBound, $1.0.upperBound) }
        for (a, b) in zip(sortedLineEdits, sortedLineEdits.dropFirst()) where a.0.upperBound > b.0.lowerBound {
            throw FormatError(line: b.0.lowerBound + 1, "two edits overlap here; refusing to guess")
        }

        // One pass in file order: untouched runs of lines are copied as they are.
        var out: [UInt8] = []
        // The exact size: a large file cut down to a few lines keeps no capacity it won't use.
        var size = bytes.count
        for (range, replacement) in lineEdits {
            size += replacement.reduce(0) { $0 + $1.text.utf8.count + $1.ending.rawValue.utf8.count }
            size -= startOffset(ofLine: range.upperBound) - startOffset(ofLine: range.lowerBound)
        }
        for edits in spans.values {
            for (range, replacement) in edits { size += replacement.utf8.count - range.count }
        }
        out.reserveCapacity(size)
        var cursor = 0
        func copyLines(upTo line: Int) {
            if line > cursor { out += bytes[startOffset(ofLine: cursor)..<startOffset(ofLine: line)] }
            cursor = max(cursor, line)
        }
        let spanLines = spans.keys.sorted()
        var nextEdit = 0
        var nextSpan = 0
        while nextEdit < sortedLineEdits.count || nextSpan < spanLines.count {
            if nextEdit < sortedLineEdits.count, nextSpan == spanLines.count || sortedLineEdits[nextEdit].0.lowerBound <= spanLines[nextSpan] {
                let (range, replacement) = sortedLineEdits[nextEdit]
                copyLines(upTo: range.lowerBound)
                for line in replacement {
                    out += line.text.utf8
                    out += line.ending.rawValue.utf8
                }
                cursor = range.upperBound
                nextEdit += 1
            } else {
                let line = spanLines[nextSpan]
                copyLines(upTo: line)
                var text = Array(bytes[textRange(ofLine: line)])
                for (range, replacement) in spans[line, default: []].sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
                    text.replaceSubrange(range, with: Array(replacement.utf8))
                }
                guard String(validating: text, as: UTF8.self) != nil else {
                    throw FormatError(line: line + 1, "internal error: an edit split a UTF-8 character")
                }
                out += text
                out += ending(ofLine: line).rawValue.utf8
                cursor = line + 1
                nextSpan += 1
            }
        }
        copyLines(upTo: lineCount)
        // A file without a final newline keeps none when its last line is deleted: the line that
        // now ends the file loses its ending.
        if let last = sortedLineEdits.last, last.1.isEmpty, !last.0.isEmpty, last.0.upperBound == lineCount,
           ending(ofLine: lineCount - 1) == .none, out.last == 0x0A {
            out.removeLast()
            if out.last == 0x0D { out.removeLast() }
        }
        return SourceText(trusted: out)
    }
}
