/// Flow collections (`[a, b]`, `{k: v}`, JSON): kept opaque, with the items of a simple
/// one-line flow sequence exposed.
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
