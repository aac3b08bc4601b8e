/// A JSON file (CNI `.conf`/`.conflist`, a kubeconfig written as JSON) read for its string
/// values and kept byte for byte for writing.
///
/// Strict RFC 8259, as Go's `encoding/json` and Python's `json` (strict, no `NaN`) read it: one
/// value with optional blanks (space, tab, CR, LF) around it; no comments, no trailing commas,
/// no BOM, no control characters inside strings. Refuses, with the 1-based line, invalid JSON and
/// an object that names a key twice (readers disagree on which one wins). Every string is
/// exposed as a `JSONString` whose token sits inside its quotes; a string written with escapes
/// (`\/`, `\u0031`) differs from its text and is not verbatim, so it is never patched.
public struct JSONDocument: Sendable {
    /// The file as it was read.
    public let source: SourceText
    /// The top-level value.
    public let root: JSONNode

    /// Objects and arrays nested deeper than this are refused (a reader's stack is not ours to
    /// spend; Python's own limit is about 1,000).
    public static let maximumDepth = 512

    public init(_ source: SourceText) throws(FormatError) {
        self.source = source
        let result: Result<JSONNode, FormatError> = source.bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, source: source)
            do throws(FormatError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        self.root = try result.get()
    }

    /// The file's bytes, unchanged.
    public func render() -> [UInt8] {
        source.bytes
    }

    /// True when the first byte that is not a blank opens an object or an array: the file is
    /// meant as JSON, not YAML (a YAML kubeconfig never starts with `{`).
    public static func looksLike(_ source: SourceText) -> Bool {
        let first = source.bytes.first { !JSONParser.isBlank($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// The values at `path` (see `JSONPath`), in file order.
    public func nodes(at path: JSONPath) -> [JSONNode] {
        path.components.reduce([root]) { nodes, component in
            nodes.flatMap { node -> [JSONNode] in
                switch component {
                case .key(let key): return node[key].map { [$0] } ?? []
                case .everyItem: return node.items
                case .anywhere(let key): return node.descendants(named: key)
                }
            }
        }
    }

    /// The string values at `path`, in file order (values of other types are left out).
    public func strings(at path: JSONPath) -> [JSONString] {
        nodes(at: path).compactMap(\.string)
    }

    /// Lines (0-based) holding the string values of members named one of `keys`, anywhere.
    public func lines(ofMembersNamed keys: Set<String>) -> [Int] {
        var lines: [Int] = []
        root.visitMembers { member in
            if keys.contains(member.key) { lines.append(contentsOf: member.value.lines) }
        }
        return lines
    }
}

/// Where values are looked for: `plugins[*].etcd_endpoints`, `clusters[*].cluster.server`, or
/// `..etcd_endpoints` (a member of that name at any depth).
public struct JSONPath: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    public enum Component: Sendable, Equatable {
        /// A member of an object.
        case key(String)
        /// Every item of an array (`[*]`).
        case everyItem
        /// Every member of that name at any depth below (`..key`).
        case anywhere(String)
    }

    public var components: [Component]

    public init(_ components: [Component]) {
        self.components = components
    }

    /// Reads `a.b[*].c` and `..c` (keys are plain: no dots or brackets inside).
    public init(_ text: String) {
        var components: [Component] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("[*]") {
                components.append(.everyItem)
                rest = rest.dropFirst(3)
                continue
            }
            var anywhere = false
            if rest.hasPrefix("..") {
                anywhere = true
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix(".") {
                rest = rest.dropFirst()
            }
            let name = rest.prefix(while: { $0 != "." && $0 != "[" })
            rest = rest.dropFirst(name.count)
            if !name.isEmpty { components.append(anywhere ? .anywhere(String(name)) : .key(String(name))) }
        }
        self.components = components
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var description: String {
        var text = components.map { component -> String in
            switch component {
            case .key(let key): return "." + key
            case .everyItem: return "[*]"
            case .anywhere(let key): return ".." + key
            }
        }.joined()
        if case .key = components.first { text.removeFirst() }
        return text
    }
}

/// One JSON value with the lines it spans.
public struct JSONNode: Sendable {
    public enum Kind: Sendable {
        /// Members in file order.
        case object([JSONMember])
        case array([JSONNode])
        case string(JSONString)
        /// A number, `true`, `false` or `null`, as written.
        case literal(String)
    }

    public var kind: Kind
    /// 0-based lines from the value's first byte to its last.
    public var lines: Range<Int>

    public var line: Int { lines.lowerBound }

    /// The members of an object; empty for anything else.
    public var members: [JSONMember] {
        if case .object(let members) = kind { return members }
        return []
    }

    /// The items of an array; empty for anything else.
    public var items: [JSONNode] {
        if case .array(let items) = kind { return items }
        return []
    }

    public var string: JSONString? {
        if case .string(let string) = kind { return string }
        return nil
    }

    public var isObject: Bool {
        if case .object = kind { return true }
        return false
    }

    /// The value of member `key` of an object (keys are unique), or nil.
    public subscript(key: String) -> JSONNode? {
        members.first(where: { $0.key == key })?.value
    }

    /// Members named `key` at any depth below this node (this node's own included), depth first.
    public func descendants(named key: String) -> [JSONNode] {
        var found: [JSONNode] = []
        visitMembers { if $0.key == key { found.append($0.value) } }
        return found
    }

    /// Calls `body` for every member of every object at or below this node, in file order.
    func visitMembers(_ body: (JSONMember) -> Void) {
        switch kind {
        case .object(let members):
            for member in members {
                body(member)
                member.value.visitMembers(body)
            }
        case .array(let items):
            for item in items { item.visitMembers(body) }
        default:
            break
        }
    }
}

/// `"key": value` in an object.
public struct JSONMember: Sendable {
    /// The decoded key.
    public var key: String
    /// 0-based line of the key.
    public var line: Int
    public var value: JSONNode
}

/// A string value: its decoded text and where it sits (inside the quotes).
public struct JSONString: Sendable, Equatable {
    /// The text (escapes resolved) and its position; verbatim when the raw bytes between the
    /// quotes are the text itself (no escape), so it may be patched.
    public var token: ValueToken

    public var text: String { token.text }

    /// The patch that sets this string to `value`, escaped for JSON (`"`, `\` and control
    /// characters); only the bytes between the quotes change. Refuses a string written with
    /// escapes, with its line.
    public func patch(with value: String) throws(FormatError) -> Patch {
        try token.patch(with: Self.escaped(value))
    }

    /// `value` as it is written between JSON quotes.
    public static func escaped(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
