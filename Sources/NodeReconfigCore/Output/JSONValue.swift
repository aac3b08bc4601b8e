/// A JSON value with object keys kept in the order they were given, so `--json` output reads
/// `result` first. Rendering escapes per RFC 8259.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// Compact when `indent` is nil, else pretty with that many spaces; pretty keys are
    /// followed by `": "`, or by `" : "` (Foundation's pretty style) when `spacedColon`.
    public func rendered(indent: Int? = nil, spacedColon: Bool = false) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0, colon: indent == nil ? ":" : spacedColon ? " : " : ": ")
        return out
    }

    private func write(into out: inout String, indent: Int?, level: Int, colon: String) {
        let newline = indent == nil ? "" : "\n"
        let pad = { (n: Int) in String(repeating: " ", count: (indent ?? 0) * n) }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            if n.rounded() == n, abs(n) < 1e15 { out += String(Int(n)) } else { out += "\(n)" }
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad(level + 1)
                item.write(into: &out, indent: indent, level: level + 1, colon: colon)
                out += (i + 1 < items.count ? "," : "") + newline
            }
            out += pad(level) + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, (key, value)) in pairs.enumerated() {
                out += pad(level + 1)
                JSONValue.escape(key, into: &out)
                out += colon
                value.write(into: &out, indent: indent, level: level + 1, colon: colon)
                out += (i + 1 < pairs.count ? "," : "") + newline
            }
            out += pad(level) + "}"
        }
    }

    /// `s` as a JSON string, quotes included (the escaping ConfigFormats' JSON reader patches with).
    static func escape(_ s: String, into out: inout String) {
        out += "\"" + JSONString.escaped(s) + "\""
    }
}

extension JSONValue {
    /// Reads one JSON document from UTF-8 bytes, through ConfigFormats' strict RFC 8259 reader
    /// (`JSONDocument`): no comments, trailing commas, NaN or repeated keys; the error names the
    /// line.
    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> JSONValue {
        try JSONValue(try JSONDocument(try SourceText(bytes: bytes)).root)
    }

    /// Reads one JSON document from text.
    public static func parse(_ text: String) throws(FormatError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The value a parsed node spells.
    init(_ node: JSONNode) throws(FormatError) {
        switch node.kind {
        case .object(let members):
            var pairs: [(String, JSONValue)] = []
            for member in members { pairs.append((member.key, try JSONValue(member.value))) }
            self = .object(pairs)
        case .array(let items):
            var values: [JSONValue] = []
            for item in items { values.append(try JSONValue(item)) }
            self = .array(values)
        case .string(let string):
            self = .string(string.text)
        case .literal("true"): self = .bool(true)
        case .literal("false"): self = .bool(false)
        case .literal("null"): self = .null
        case .literal(let number):
            guard let value = Double(number), value.isFinite else {
                throw FormatError(line: node.line + 1, "the number \(number) is out of range")
            }
            self = .number(value)
        }
    }
}

extension JSONValue {
    /// The member named `key` of an object (the last one when a key repeats); nil for a
    /// missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last(where: { $0.0 == key })?.1
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// A number that is a whole number within `Int`'s range.
    public var intValue: Int? {
        guard case .number(let number) = self, number.rounded() == number,
              number >= -9.2e18, number <= 9.2e18 else { return nil }
        return Int(number)
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectValue: [(String, JSONValue)]? {
        if case .object(let pairs) = self { return pairs }
        return nil
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The same value with every object's keys sorted, at every depth (a repeated key keeps
    /// only its last value).
    public func sortingKeys() -> JSONValue {
        switch self {
        case .array(let items): return .array(items.map { $0.sortingKeys() })
        case .object(let pairs):
            var last: [String: JSONValue] = [:]
            for (key, value) in pairs { last[key] = value.sortingKeys() }
            return .object(last.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        default: return self
        }
    }
}
