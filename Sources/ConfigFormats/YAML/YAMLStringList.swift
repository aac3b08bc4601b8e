/// A YAML list of one-line strings (OpenShift's `etcdClientInfo.urls`), in block style (one
/// `- item` a line) or in flow style on one line (`[a, b]`), and the rewrite that makes it hold
/// other strings in the list's own style.
///
/// Block style: the items become one line per new value, standing where the old ones stood; a
/// value already in the list keeps its own line as it was (its comment too), a new value gets
/// the first item's line with only the value swapped (its quote kept, its trailing comment not:
/// the comment describes the first item). Flow style: the items between the brackets are
/// written anew, quoted as the first one and separated as the first two were.
public struct YAMLStringList: Sendable {
    public enum Style: Sendable, Equatable {
        case block
        case flow
    }

    public let style: Style
    /// The items, in file order.
    public let items: [YAMLScalar]
    /// 0-based line of the key holding the list (for messages).
    public let line: Int

    /// The list held by `node` (the value of the key on line `keyLine`). Refuses what is no
    /// list of one-line strings: a scalar, a mapping, a list of lists, a flow list over lines.
    public init(_ node: YAMLNode, keyLine: Int, key: String) throws(FormatError) {
        line = keyLine
        try node.requireUndecorated()
        switch node.kind {
        case .sequence(let nodes):
            var items: [YAMLScalar] = []
            for item in nodes {
                try item.requireUndecorated()
                guard case .scalar(let scalar) = item.kind, item.lines.count == 1 else {
                    throw FormatError(line: item.line + 1, "an item of '\(key)' that is not a one-line string; edit this list by hand")
                }
                items.append(scalar)
            }
            self.items = items
            style = node.isFlow ? .flow : .block
        case .flow(let items?):
            self.items = items
            style = .flow
        case .flow(nil):
            throw FormatError(line: node.line + 1, "'\(key)' is a flow list node-reconfig cannot read item by item (over several lines, or holding more than strings); edit it by hand")
        case .empty:
            items = []
            style = .block
        default:
            throw FormatError(line: node.line + 1, "'\(key)' is not a list; it should be one item per value")
        }
    }

    /// The items' values.
    public var values: [String] { items.map(\.text) }

    /// The patches that make the list hold `values` (not empty, each a one-line string), in the
    /// list's own style. Refuses an empty list (no item to copy the style from), items that do
    /// not each stand alone on consecutive lines, and a value the items' quote style cannot hold.
    public func patches(setting values: [String], in source: SourceText) throws(FormatError) -> [Patch] {
        guard let first = items.first, !values.isEmpty else {
            throw FormatError(line: line + 1, "an empty list; add its items by hand (node-reconfig copies the style of an item that exists)")
        }
        for value in values where !first.style.canHold(value) {
            throw FormatError(line: first.token.line + 1, "the value '\(value)' cannot be written in this list's quote style without escapes; edit it by hand")
        }
        switch style {
        case .flow: return [try flowPatch(values, first: first, source: source)]
        case .block: return [try blockPatch(values, first: first, source: source)]
        }
    }

    /// The quote written around `scalar`'s value: `"`, `'` or nothing.
    private static func quote(_ scalar: YAMLScalar) -> String {
        switch scalar.style {
        case .doubleQuoted: return "\""
        case .singleQuoted: return "'"
        case .plain, .block: return ""
        }
    }

    private func flowPatch(_ values: [String], first: YAMLScalar, source: SourceText) throws(FormatError) -> Patch {
        let last = items[items.count - 1]
        guard last.token.line == first.token.line else {
            throw FormatError(line: first.token.line + 1, "a flow list over several lines; edit it by hand")
        }
        let quote = Self.quote(first)
        let lower = first.token.range.lowerBound - quote.utf8.count
        let upper = last.token.range.upperBound + Self.quote(last).utf8.count
        var separator = ", "
        if items.count > 1 {
            let second = items[1]
            let from = first.token.range.upperBound + quote.utf8.count
            let to = second.token.range.lowerBound - Self.quote(second).utf8.count
            let text = Array(source.lines[first.token.line].text.utf8)
            if from <= to, to <= text.count { separator = String(decoding: text[from..<to], as: UTF8.self) }
        }
        return .span(line: first.token.line, range: lower..<upper,
                     replacement: values.map { quote + $0 + quote }.joined(separator: separator))
    }

    private func blockPatch(_ values: [String], first: YAMLScalar, source: SourceText) throws(FormatError) -> Patch {
        let firstLine = first.token.line
        for (offset, item) in items.enumerated() where item.token.line != firstLine + offset {
            throw FormatError(line: item.token.line + 1, "comments or blank lines between the items of this list; edit it by hand")
        }
        let lines = source.lines
        let template = lines[firstLine]
        let utf8 = Array(template.text.utf8)
        let prefix = String(decoding: utf8[0..<first.token.range.lowerBound], as: UTF8.self)
        guard prefix.drop(while: { $0 == " " }).hasPrefix("-") else {
            throw FormatError(line: firstLine + 1, "the first item of this list does not start its line; edit it by hand")
        }
        let quote = Self.quote(first)
        let lastLine = firstLine + items.count - 1
        let between = template.ending == .none ? source.dominantEnding : template.ending
        var replacement: [Line] = values.map { value in
            if let kept = items.firstIndex(where: { $0.text == value }) {
                return Line(lines[firstLine + kept].text, ending: between)
            }
            return Line(prefix + value + quote, ending: between)
        }
        replacement[replacement.count - 1].ending = lines[lastLine].ending
        return .lines(firstLine..<(lastLine + 1), replacement: replacement)
    }
}
