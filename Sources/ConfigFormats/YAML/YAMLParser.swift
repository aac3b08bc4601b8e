/// A line-oriented parser for the block subset of YAML that Kubernetes node files use.
///
/// It builds `YAMLNode`s with their line spans and never rewrites anything: the document keeps
/// its `SourceText`. What would make a later rewrite a guess is refused with a line number.
struct YAMLParser {
    let lines: [[UInt8]]
    var index = 0

    init(_ source: SourceText) {
        lines = source.lines.map { Array($0.text.utf8) }
    }

    init(lines: [[UInt8]]) {
        self.lines = lines
    }

    /// Parses every document of the stream; empty documents are left out.
    mutating func parseStream() throws(FormatError) -> [YAMLNode] {
        var roots: [YAMLNode] = []
        while true {
            skipTrivia()
            guard index < lines.count else { break }
            if isMarker(index) {
                guard restIsTrivia(index, from: 3) else {
                    throw FormatError(line: index + 1, "content after a document marker is not supported; move it to the next line")
                }
                index += 1
                continue
            }
            let column = try indentation(index)
            roots.append(try parseNode(line: index, column: column, parentIndent: -1))
            skipTrivia()
            if index < lines.count, !isMarker(index) { throw fitsNoParent(index) }
        }
        return roots
    }

    /// A block node starting at (`i`, `c`): a sequence, a mapping, or a value.
    mutating func parseNode(line i: Int, column c: Int, parentIndent: Int) throws(FormatError) -> YAMLNode {
        if isSequenceIndicator(i, c) { return try parseSequence(indent: c, line: i) }
        if try key(at: i, c) != nil { return try parseMapping(indent: c, line: i) }
        return try parseValue(line: i, from: c, ownerIndent: parentIndent, inSequence: false, keyEnd: c)
    }

    /// A block mapping whose first key sits at (`i`, `n`); following keys are at indent `n`.
    mutating func parseMapping(indent n: Int, line i: Int) throws(FormatError) -> YAMLNode {
        var entries: [YAMLEntry] = []
        var seen: Set<String> = []
        var line = i
        var last = i + 1
        while true {
            if !entries.isEmpty {
                skipTrivia()
                guard index < lines.count, !isMarker(index) else { break }
                let indent = try indentation(index)
                if indent < n { break }
                if indent > n { throw fitsNoParent(index) }
                line = index
            }
            if isSequenceIndicator(line, n) {
                throw FormatError(line: line + 1, "a list item where a key of the mapping above was expected; fix the indentation")
            }
            guard let (key, afterColon) = try key(at: line, n) else {
                throw FormatError(line: line + 1, "expected 'key: value' in this mapping; fix the line or its indentation")
            }
            guard seen.insert(key).inserted else {
                throw FormatError(line: line + 1, "duplicate key '\(key)' in one mapping; YAML readers disagree on which one wins, remove one")
            }
            let value = try parseValue(line: line, from: afterColon, ownerIndent: n, inSequence: false, keyEnd: afterColon)
            entries.append(YAMLEntry(key: key, line: line, value: value))
            last = value.lines.upperBound
        }
        return YAMLNode(kind: .mapping(entries), lines: i..<last)
    }

    /// A block sequence whose first `-` sits at (`i`, `n`).
    mutating func parseSequence(indent n: Int, line i: Int) throws(FormatError) -> YAMLNode {
        var items: [YAMLNode] = []
        var line = i
        var last = i + 1
        while true {
            if !items.isEmpty {
                skipTrivia()
                guard index < lines.count, !isMarker(index) else { break }
                let indent = try indentation(index)
                if indent < n { break }
                if indent > n { throw fitsNoParent(index) }
                guard isSequenceIndicator(index, n) else { break }
                line = index
            }
            let item = try parseValue(line: line, from: n + 1, ownerIndent: n, inSequence: true, keyEnd: n + 1)
            items.append(item)
            last = item.lines.upperBound
        }
        return YAMLNode(kind: .sequence(items), lines: i..<last)
    }

    /// The value after `key:` or `- `, starting at column `c` of line `i`. `ownerIndent` is the
    /// indent of the mapping or sequence that holds it: nested lines must be deeper.
    mutating func parseValue(line i: Int, from c: Int, ownerIndent n: Int, inSequence: Bool, keyEnd: Int) throws(FormatError) -> YAMLNode {
        let line = lines[i]
        var c = skipBlanks(line, c)
        var properties: String? = nil
        while c < line.count, line[c] == 0x26 || line[c] == 0x21 {  // & anchor, ! tag
            var e = c
            while e < line.count, line[e] != Self.space, line[e] != Self.tab { e += 1 }
            properties = (properties.map { $0 + " " } ?? "") + text(i, c..<e)
            c = skipBlanks(line, e)
        }
        index = i + 1
        if c == line.count || (line[c] == Self.hash && c > 0 && (line[c - 1] == Self.space || line[c - 1] == Self.tab)) {
            if var child = try nestedNode(ownerIndent: n, allowSameIndentSequence: !inSequence) {
                child.properties = properties
                child.lines = i..<child.lines.upperBound
                return child
            }
            let hasSpace = keyEnd < line.count && (line[keyEnd] == Self.space || line[keyEnd] == Self.tab)
            let empty = YAMLEmptyValue(line: i, offset: hasSpace ? keyEnd + 1 : keyEnd, needsSpace: !hasSpace,
                                       beforeComment: hasSpace && keyEnd + 1 < line.count && line[keyEnd + 1] == Self.hash)
            return YAMLNode(kind: .empty(empty), lines: i..<(i + 1), properties: properties)
        }
        switch line[c] {
        case 0x2A:  // * alias
            var e = c + 1
            while e < line.count, line[e] != Self.space, line[e] != Self.tab { e += 1 }
            guard restIsTrivia(i, from: e) else { throw FormatError(line: i + 1, "unexpected text after an alias") }
            return YAMLNode(kind: .alias(text(i, (c + 1)..<e)), lines: i..<(i + 1), properties: properties)
        case 0x7C, 0x3E:  // | or > block scalar
            return try blockScalar(line: i, header: c, ownerIndent: n, properties: properties)
        case 0x5B, 0x7B:  // [ or {
            return try flowNode(line: i, column: c, properties: properties)
        default:
            break
        }
        if isSequenceIndicator(i, c) {
            guard inSequence else {
                throw FormatError(line: i + 1, "a list item on the same line as its key; start the list on the next line")
            }
            return try parseSequence(indent: c, line: i)
        }
        if try key(at: i, c) != nil {
            guard inSequence else {
                throw FormatError(line: i + 1, "a second 'key:' on the same line; YAML does not allow a mapping here, fix the line")
            }
            guard properties == nil else {
                throw FormatError(line: i + 1, "an anchor or tag before a mapping on the same line is not supported; move the mapping to the next line")
            }
            return try parseMapping(indent: c, line: i)
        }
        let scalar = try scalar(line: i, column: c)
        index = i + 1
        return YAMLNode(kind: .scalar(scalar), lines: i..<(i + 1), properties: properties)
    }

    /// The block node below a `key:` or `-` that has nothing after it, or nil.
    mutating func nestedNode(ownerIndent n: Int, allowSameIndentSequence: Bool) throws(FormatError) -> YAMLNode? {
        skipTrivia()
        guard index < lines.count, !isMarker(index) else { return nil }
        let indent = try indentation(index)
        if indent > n { return try parseNode(line: index, column: indent, parentIndent: n) }
        if indent == n, allowSameIndentSequence, isSequenceIndicator(index, n) {
            return try parseSequence(indent: n, line: index)
        }
        return nil
    }

    /// A `|` or `>` block scalar: the header line and every following line that is blank or
    /// indented deeper than the owner. Its value is read as YAML does (literal lines joined by
    /// line breaks, folded ones by spaces; `-` strips the final line break, `+` keeps every
    /// trailing one, none keeps one); the token is verbatim when the value is exactly the text
    /// of its one content line (`server: |-` then the URL), and says why it is not otherwise.
    mutating func blockScalar(line i: Int, header c: Int, ownerIndent n: Int, properties: String?) throws(FormatError) -> YAMLNode {
        let line = lines[i]
        var e = c + 1
        var chomp: UInt8? = nil
        var explicitIndent: Int? = nil
        while e < line.count, line[e] == 0x2B || line[e] == Self.dash || (0x31...0x39).contains(line[e]) {
            if (0x31...0x39).contains(line[e]) { explicitIndent = Int(line[e] - 0x30) } else { chomp = line[e] }
            e += 1
        }
        guard restIsTrivia(i, from: e), e == line.count || line[e] == Self.space || line[e] == Self.tab else {
            throw FormatError(line: i + 1, "unexpected text after a block scalar indicator ('|' or '>')")
        }
        var j = i + 1
        var last = i + 1
        while j < lines.count, !isMarker(j), isBlank(j) || rawIndent(j) > n {
            if !isBlank(j) { last = j + 1 }
            j += 1
        }
        index = last
        let content = (i + 1)..<last
        let indent = explicitIndent.map { max(n, 0) + $0 } ?? content.first { !isBlank($0) }.map(rawIndent) ?? 0
        let texts = content.map { isBlank($0) ? "" : text($0, min(indent, lines[$0].count)..<lines[$0].count) }
        let isLiteral = line[c] == 0x7C
        var value = isLiteral ? texts.joined(separator: "\n") : Self.folded(texts)
        switch chomp {
        case Self.dash: break
        case 0x2B: value += String(repeating: "\n", count: (j - last) + (texts.isEmpty ? 0 : 1))
        default: if !texts.isEmpty { value += "\n" }
        }
        let header = text(i, c..<e)
        let token: ValueToken
        if texts.count == 1, chomp == Self.dash, !texts[0].isEmpty {
            token = ValueToken(text: value, line: i + 1, range: indent..<lines[i + 1].count)
        } else {
            let contentLine = content.first { !isBlank($0) } ?? i
            let reason = texts.filter({ !$0.isEmpty }).count > 1
                ? "the block scalar '\(header)' holds its value over several lines"
                : "the block scalar '\(header)' keeps a line break at the end of its value; write '\(line[c] == 0x7C ? "|-" : ">-")' to have it rewritten"
            token = ValueToken(text: value, line: contentLine, range: contentLine == i ? e..<e : min(indent, lines[contentLine].count)..<lines[contentLine].count,
                               isVerbatim: false, reason: reason)
        }
        return YAMLNode(kind: .blockScalar(YAMLScalar(style: .block, token: token)), lines: i..<last, properties: properties)
    }

    /// Folded lines: joined by spaces, a blank line kept as a line break (the common cases).
    private static func folded(_ texts: [String]) -> String {
        var out = ""
        var previousBlank = true
        for text in texts {
            if text.isEmpty {
                out += "\n"
                previousBlank = true
            } else {
                if !previousBlank { out += " " }
                out += text
                previousBlank = false
            }
        }
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }
}
