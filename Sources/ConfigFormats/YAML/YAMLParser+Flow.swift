/// Flow collections (`[a, b]`, `{k: v}`, `- {name: a, cluster: {server: "https://…"}}`, JSON):
/// read into mappings and sequences whose scalars have exact positions, like block ones.
/// What the reader does not cover (a complex `?` key, a quoted scalar spanning lines) leaves
/// the collection opaque (`.flow`), and the views refuse an opaque collection where they read.
extension YAMLParser {
    /// A flow collection opening at (`i`, `c`); it may span lines until its brackets balance.
    mutating func flowNode(line i: Int, column c: Int, properties: String?) throws(FormatError) -> YAMLNode {
        var depth = 0
        var quote: UInt8? = nil
        var l = i
        var j = c
        while l < lines.count {
            let line = lines[l]
            while j < line.count {
                let b = line[j]
                if let q = quote {
                    if q == 0x22, b == 0x5C { j += 2; continue }
                    if b == q {
                        if q == 0x27, j + 1 < line.count, line[j + 1] == 0x27 { j += 2; continue }
                        quote = nil
                    }
                } else if b == 0x22 || b == 0x27 {
                    quote = b
                } else if b == Self.hash, j > 0, line[j - 1] == Self.space || line[j - 1] == Self.tab {
                    break
                } else if b == 0x5B || b == 0x7B {
                    depth += 1
                } else if b == 0x5D || b == 0x7D {
                    depth -= 1
                    if depth == 0 {
                        guard restIsTrivia(l, from: j + 1) else {
                            throw FormatError(line: l + 1, "unexpected text after the end of a flow collection")
                        }
                        index = l + 1
                        var reader = YAMLFlowReader(lines: lines, line: i, column: c)
                        if var node = reader.collection(), reader.line == l, reader.column == j + 1 {
                            node.properties = properties
                            return node
                        }
                        let items = l == i && lines[i][c] == 0x5B ? simpleItems(line: i, from: c + 1, to: j) : nil
                        return YAMLNode(kind: .flow(items: items), lines: i..<(l + 1), properties: properties)
                    }
                }
                j += 1
            }
            if quote != nil {
                throw FormatError(line: l + 1, "unterminated quoted value inside a flow collection; close the quote on this line")
            }
            l += 1
            j = 0
        }
        throw FormatError(line: i + 1, "this flow collection ('[' or '{') is never closed; add the closing bracket")
    }

    /// The scalars of `[a, "b", 'c']` between columns `from` and `to`, or nil when an item is
    /// anything but a plain or quoted scalar.
    private func simpleItems(line i: Int, from: Int, to: Int) -> [YAMLScalar]? {
        let line = lines[i]
        var items: [YAMLScalar] = []
        var j = skipBlanks(line, from)
        while j < to {
            if line[j] == 0x22 || line[j] == 0x27 {
                guard let quoted = try? quoted(line: i, column: j), quoted.end <= to else { return nil }
                items.append(quoted.scalar)
                j = skipBlanks(line, quoted.end)
            } else {
                var e = j
                while e < to, line[e] != 0x2C { e += 1 }
                var end = e
                while end > j, line[end - 1] == Self.space || line[end - 1] == Self.tab { end -= 1 }
                let text = text(i, j..<end)
                guard let first = text.first, !"[]{}#&*!|>'\"%@`?:".contains(first),
                      !text.contains(where: { "[]{}".contains($0) }), !text.contains(" #"), !text.contains(": ") else { return nil }
                items.append(YAMLScalar(style: .plain, token: ValueToken(text: text, line: i, range: j..<end)))
                j = e
            }
            if j < to {
                guard line[j] == 0x2C else { return nil }
                j = skipBlanks(line, j + 1)
            }
        }
        return items
    }
}

/// Reads one flow collection (its brackets already known to balance) into nodes. Returns nil
/// for anything outside the subset it reads, and the caller keeps the collection opaque.
struct YAMLFlowReader {
    let lines: [[UInt8]]
    private(set) var line: Int
    private(set) var column: Int

    init(lines: [[UInt8]], line: Int, column: Int) {
        self.lines = lines
        self.line = line
        self.column = column
    }

    private var current: UInt8? {
        line < lines.count && column < lines[line].count ? lines[line][column] : nil
    }

    /// Skips blanks, line ends and comments.
    private mutating func skipTrivia() {
        while line < lines.count {
            let text = lines[line]
            while column < text.count, text[column] == 0x20 || text[column] == 0x09 { column += 1 }
            if column < text.count, text[column] != 0x23 { return }
            line += 1
            column = 0
        }
    }

    /// `[…]` or `{…}` at the cursor.
    mutating func collection() -> YAMLNode? {
        let first = line
        guard let open = current else { return nil }
        column += 1
        let isMapping = open == 0x7B
        let close: UInt8 = isMapping ? 0x7D : 0x5D
        var entries: [YAMLEntry] = []
        var items: [YAMLNode] = []
        var seen: Set<String> = []
        while true {
            skipTrivia()
            guard let byte = current else { return nil }
            if byte == close {
                column += 1
                break
            }
            if isMapping {
                let keyLine = line
                guard let key = scalar(), case .scalar(let keyScalar) = key.kind, seen.insert(keyScalar.text).inserted else { return nil }
                entries.append(YAMLEntry(key: keyScalar.text, line: keyLine, value: pairValue(after: keyLine)))
            } else {
                let itemLine = line
                guard let item = node() else { return nil }
                skipTrivia()
                if current == 0x3A, case .scalar(let key) = item.kind {
                    // `[a: b]`: a one-pair mapping in a sequence.
                    let value = pairValue(after: itemLine)
                    items.append(YAMLNode(kind: .mapping([YAMLEntry(key: key.text, line: itemLine, value: value)]),
                                          lines: itemLine..<value.lines.upperBound, isFlow: true))
                } else {
                    items.append(item)
                }
            }
            skipTrivia()
            if current == 0x2C {
                column += 1
            } else if current != close {
                return nil
            }
        }
        let kind: YAMLNode.Kind = isMapping ? .mapping(entries) : .sequence(items)
        return YAMLNode(kind: kind, lines: first..<(line + 1), isFlow: true)
    }

    /// After a key: `: value`, or nothing (the value is empty).
    private mutating func pairValue(after keyLine: Int) -> YAMLNode {
        skipTrivia()
        guard current == 0x3A else {
            return YAMLNode(kind: .empty(YAMLEmptyValue(line: line, offset: column, needsSpace: true, beforeComment: false)),
                            lines: line..<(line + 1), isFlow: true)
        }
        column += 1
        let colonLine = line, colonColumn = column
        skipTrivia()
        if let byte = current, byte == 0x2C || byte == 0x7D || byte == 0x5D {
            return YAMLNode(kind: .empty(YAMLEmptyValue(line: colonLine, offset: colonColumn, needsSpace: true, beforeComment: false)),
                            lines: colonLine..<(colonLine + 1), isFlow: true)
        }
        return node() ?? YAMLNode(kind: .flow(items: nil), lines: keyLine..<(line + 1), isFlow: true)
    }

    /// A node at the cursor: properties, then a collection, an alias or a scalar.
    private mutating func node() -> YAMLNode? {
        skipTrivia()
        var properties: String? = nil
        while let byte = current, byte == 0x26 || byte == 0x21 {
            let start = column
            while let b = current, !Self.ends(b), b != 0x20, b != 0x09 { column += 1 }
            properties = (properties.map { $0 + " " } ?? "") + String(decoding: lines[line][start..<column], as: UTF8.self)
            skipTrivia()
        }
        guard let byte = current else { return nil }
        var result: YAMLNode?
        switch byte {
        case 0x5B, 0x7B:
            result = collection()
        case 0x2A:
            let start = column + 1
            while let b = current, !Self.ends(b), b != 0x20, b != 0x09 { column += 1 }
            result = YAMLNode(kind: .alias(String(decoding: lines[line][start..<column], as: UTF8.self)), lines: line..<(line + 1), isFlow: true)
        case 0x3F:
            return nil  // complex keys
        default:
            result = scalar()
        }
        result?.properties = properties
        return result
    }

    /// A quoted scalar on one line, or a plain one (which may run over lines: then it is folded
    /// with single spaces and is not verbatim).
    private mutating func scalar() -> YAMLNode? {
        let first = line
        guard let byte = current else { return nil }
        if byte == 0x22 || byte == 0x27 {
            let parser = YAMLParser(lines: lines)
            guard let quoted = try? parser.quoted(line: line, column: column) else { return nil }
            column = quoted.end
            return YAMLNode(kind: .scalar(quoted.scalar), lines: first..<(first + 1), isFlow: true)
        }
        if Self.ends(byte) || byte == 0x23 || byte == 0x7C || byte == 0x3E || byte == 0x25 || byte == 0x40 || byte == 0x60 { return nil }
        let text = lines[line]
        if byte == 0x3F || byte == 0x2D || byte == 0x3A, column + 1 == text.count || text[column + 1] == 0x20 || text[column + 1] == 0x09 {
            return nil  // `? key`, `- item`, `: value` indicators
        }
        var pieces: [(line: Int, range: Range<Int>)] = []
        while line < lines.count {
            let text = lines[line]
            let start = column
            var end = column
            var j = column
            while j < text.count {
                let b = text[j]
                if b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D { break }
                if b == 0x3A, j + 1 == text.count || [0x20, 0x09, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D].contains(text[j + 1]) { break }
                if b == 0x23, j > start, text[j - 1] == 0x20 || text[j - 1] == 0x09 { break }
                j += 1
                if b != 0x20, b != 0x09 { end = j }
            }
            if end > start { pieces.append((line, start..<end)) }
            column = j
            if j < text.count, text[j] != 0x23 { break }
            // The line ends inside the scalar: it goes on after blanks and comments, unless what
            // follows ends it.
            let saved = (line, column)
            skipTrivia()
            guard let next = current, !Self.ends(next), next != 0x3A, next != 0x23 else {
                (line, column) = saved
                break
            }
        }
        guard let head = pieces.first else { return nil }
        let texts = pieces.map { String(decoding: lines[$0.line][$0.range], as: UTF8.self) }
        let token = ValueToken(text: texts.joined(separator: " "), line: head.line, range: head.range, isVerbatim: pieces.count == 1)
        return YAMLNode(kind: .scalar(YAMLScalar(style: .plain, token: token)), lines: first..<(pieces.last!.line + 1), isFlow: true)
    }

    /// `,`, `[`, `]`, `{`, `}`: they end a flow scalar.
    private static func ends(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x5B || byte == 0x5D || byte == 0x7B || byte == 0x7D
    }
}
