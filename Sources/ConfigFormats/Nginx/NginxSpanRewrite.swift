/// The pool rewrite for nginx upstreams whose servers do not each own a line: several
/// directives on one line (`upstream k { server a:6443; server b:6443; }`), or a `server`
/// spread over lines. It works on the directives' bytes instead of whole lines, over one run of
/// lines from the first server to the last, and keeps every other byte (other directives,
/// comments, braces) where it was.
///
/// - A server's unit is its directive (`server` … `;`) and, when only blanks and a comment
///   follow it on its last line, that comment: the comment belongs to the server it sits
///   beside. A kept server keeps its unit (less `down`/`backup`); a removed one loses it, its
///   whole lines when it stands alone on them, else with the blanks before it.
/// - The new servers stand where the first one stood, in the order asked, separated as the
///   first two were (the same blanks), or one per line with the first's indentation when it
///   stood alone on its lines, or by a space.
/// - A copy for a new address is the first server's directive with the address swapped and
///   `down`/`backup` dropped; never its comment (see README, "Choices"). A first server with
///   a comment inside the directive is not copied: refused with its line.
extension NginxServerTable {
    /// One server's byte offsets in the file.
    private struct Unit {
        var directive: Range<Int>
        /// The directive plus a trailing comment on its last line.
        var unit: Range<Int>
        /// Nothing but blanks before it on its first line, nothing but blanks and a comment after.
        var ownsLines: Bool
        var firstLine: Int
        var lastLine: Int
    }

    func spanRewrite(to wanted: [Address], existing: [Int?], poolName: String) throws(FormatError) -> [Patch] {
        let source = syntax.source
        let bytes = source.bytes
        let units = (0..<count).map(unit(at:))
        let firstLine = units[0].firstLine
        let lastLine = units.map(\.lastLine).max() ?? firstLine
        let regionStart = source.startOffset(ofLine: firstLine)
        let regionEnd = source.startOffset(ofLine: lastLine + 1)

        // The new block, standing where the first server stood.
        let separator: String
        if units[0].ownsLines {
            separator = source.ending(ofLine: units[0].lastLine) == .crlf ? "\r\n" : "\n"
        } else if count > 1, bytes[units[0].unit.upperBound..<units[1].directive.lowerBound].allSatisfy(Self.isBlank) {
            separator = String(decoding: bytes[units[0].unit.upperBound..<units[1].directive.lowerBound], as: UTF8.self)
        } else {
            separator = " "
        }
        let indent = units[0].ownsLines ? String(decoding: bytes[regionStart..<units[0].directive.lowerBound], as: UTF8.self) : ""
        var entries: [String] = []
        for (address, kept) in zip(wanted, existing) {
            if let kept {
                entries.append(try text(of: units[kept].unit, server: kept, address: nil, pool: poolName))
            } else {
                entries.append(try text(of: units[0].directive, server: 0, address: address, pool: poolName))
            }
        }
        let block = entries.joined(separator: units[0].ownsLines ? separator + indent : separator)

        // Every server but the first goes: its unit's bytes, the lines left holding nothing
        // else but blanks, and otherwise the blanks just before it.
        var removed = [Bool](repeating: false, count: regionEnd - regionStart)
        for unit in units.dropFirst() {
            for offset in unit.unit { removed[offset - regionStart] = true }
        }
        for line in firstLine...lastLine {
            let text = source.textRange(ofLine: line)
            let empty = text.allSatisfy { removed[$0 - regionStart] || bytes[$0] == 0x20 || bytes[$0] == 0x09 }
            if empty, text.contains(where: { removed[$0 - regionStart] }) {
                for offset in source.startOffset(ofLine: line)..<source.startOffset(ofLine: line + 1) { removed[offset - regionStart] = true }
            }
        }
        for unit in units.dropFirst() {
            var start = unit.unit.lowerBound
            while start > regionStart, bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09, !removed[start - 1 - regionStart] {
                start -= 1
                removed[start - regionStart] = true
            }
        }
        var region: [UInt8] = []
        var offset = regionStart
        while offset < regionEnd {
            if offset == units[0].unit.lowerBound {
                region += block.utf8
                offset = units[0].unit.upperBound
                continue
            }
            if !removed[offset - regionStart] { region.append(bytes[offset]) }
            offset += 1
        }
        return [.lines(firstLine..<(lastLine + 1), replacement: Self.lines(region))]
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `bytes` cut into lines, each with its ending (the last one may have none).
    private static func lines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            let crlf = index > start && bytes[index - 1] == 0x0D
            lines.append(Line(String(decoding: bytes[start..<(crlf ? index - 1 : index)], as: UTF8.self), ending: crlf ? .crlf : .lf))
            start = index + 1
        }
        if start < bytes.count { lines.append(Line(String(decoding: bytes[start...], as: UTF8.self), ending: .none)) }
        return lines
    }

    private func unit(at position: Int) -> Unit {
        let source = syntax.source
        let bytes = source.bytes
        let node = syntax.nodes[Int(nodes[position])]
        let start = Int(syntax.spans[Int(node.name)].start)
        let end = Int(syntax.spans[node.terminator].end)
        let firstLine = Int(node.line)
        let lastLine = source.line(containing: end - 1, from: firstLine)
        let lineEnd = source.textRange(ofLine: lastLine).upperBound
        var after = end
        while after < lineEnd, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        let trailingComment = after < lineEnd && bytes[after] == UInt8(ascii: "#")
        let unitEnd = trailingComment ? lineEnd : end
        let alone = bytes[source.startOffset(ofLine: firstLine)..<start].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        return Unit(directive: start..<end, unit: start..<unitEnd, ownsLines: alone && (after == lineEnd || trailingComment),
                    firstLine: firstLine, lastLine: lastLine)
    }

    /// The bytes `range` of server `position` without its `down`/`backup` words (and the blanks
    /// before each), its address swapped for `address` when given.
    private func text(of range: Range<Int>, server position: Int, address: Address?, pool: String) throws(FormatError) -> String {
        let node = syntax.nodes[Int(nodes[position])]
        let first = Int(node.name)
        var edits: [(Range<Int>, String)] = []
        for index in (first + 2)..<node.terminator where syntax.token(index, is: "down") || syntax.token(index, is: "backup") {
            var start = Int(syntax.spans[index].start)
            while start > range.lowerBound, [0x20, 0x09, 0x0A, 0x0D].contains(syntax.source.bytes[start - 1]) { start -= 1 }
            edits.append((start..<Int(syntax.spans[index].end), ""))
        }
        if let address {
            let token = syntax.token(first + 1, lineHint: Int(node.line))
            guard token.value.isVerbatim else {
                throw FormatError(line: Int(node.line) + 1, "the address '\(token.value.text)' is written with escapes; node-reconfig will not copy this server, edit it by hand")
            }
            for index in first..<node.terminator where Int(syntax.spans[index + 1].start) > Int(syntax.spans[index].end) {
                let gap = syntax.source.bytes[Int(syntax.spans[index].end)..<Int(syntax.spans[index + 1].start)]
                if gap.contains(UInt8(ascii: "#")) {
                    throw FormatError(line: syntax.source.line(containing: Int(syntax.spans[index].end), from: Int(node.line)) + 1,
                                      "the first server of pool '\(pool)' holds a comment inside the directive; node-reconfig copies that server for a new address and will not copy a comment that may name the old one: move the comment after the ';', then run again")
                }
            }
            let lineStart = syntax.source.startOffset(ofLine: token.value.line)
            edits.append(((lineStart + token.value.range.lowerBound)..<(lineStart + token.value.range.upperBound), address.hostPort))
        }
        var out = Array(syntax.source.bytes[range])
        for (edit, replacement) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) where range.contains(edit.lowerBound) {
            out.replaceSubrange((edit.lowerBound - range.lowerBound)..<(edit.upperBound - range.lowerBound), with: Array(replacement.utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
