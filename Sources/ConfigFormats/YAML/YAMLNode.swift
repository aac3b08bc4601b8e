/// One node of a YAML document, with the lines it spans.
///
/// Block mappings and sequences are parsed into children; scalars carry a `YAMLScalar` (token and
/// quote style); block scalars (`|`, `>`), flow collections (`[…]`, `{…}`) spanning lines and
/// aliases are opaque: they are kept byte for byte and never rewritten.
public struct YAMLNode: Sendable {
    /// What the node is.
    public enum Kind: Sendable {
        /// `key: value` entries in file order.
        case mapping([YAMLEntry])
        /// `- item` items in file order.
        case sequence([YAMLNode])
        /// A plain, 'single' or "double" quoted scalar on one line.
        case scalar(YAMLScalar)
        /// `key:` with no value (YAML null); knows where a value would be inserted.
        case empty(YAMLEmptyValue)
        /// A `|` / `>` block scalar: its content is opaque.
        case blockScalar
        /// A flow collection (`[…]`, `{…}`), opaque. `items` holds the scalars of a flow sequence
        /// written on one line with only simple scalars in it, nil otherwise.
        case flow(items: [YAMLScalar]?)
        /// `*name`: a reference to an anchored node, never followed.
        case alias(String)
    }

    public var kind: Kind
    /// 0-based lines from the node's first line to its last one.
    public var lines: Range<Int>
    /// Anchor and tag written before the node (`&base`, `!!str`), or nil.
    public var properties: String?

    public init(kind: Kind, lines: Range<Int>, properties: String? = nil) {
        self.kind = kind
        self.lines = lines
        self.properties = properties
    }

    /// 0-based line where the node starts.
    public var line: Int { lines.lowerBound }
}

/// One `key: value` entry of a block mapping.
public struct YAMLEntry: Sendable {
    /// The key's text, quotes removed.
    public var key: String
    /// 0-based line of the key.
    public var line: Int
    public var value: YAMLNode

    public init(key: String, line: Int, value: YAMLNode) {
        self.key = key
        self.line = line
        self.value = value
    }
}

/// A `key:` with nothing after it: where a value can be inserted.
public struct YAMLEmptyValue: Sendable, Equatable {
    /// 0-based line of the key.
    public var line: Int
    /// UTF-8 offset in that line where the value would start.
    public var offset: Int
    /// True when no space follows the `:` yet (one must be inserted before the value).
    public var needsSpace: Bool
    /// True when a `# comment` starts at `offset` (a space must follow the inserted value).
    public var beforeComment: Bool

    public init(line: Int, offset: Int, needsSpace: Bool, beforeComment: Bool) {
        self.line = line
        self.offset = offset
        self.needsSpace = needsSpace
        self.beforeComment = beforeComment
    }

    /// The patch that writes `value` as a plain scalar here. Refuses a value that is not safe
    /// to write unquoted.
    public func patch(inserting value: String) throws(FormatError) -> Patch {
        guard YAMLScalar.Style.plain.canHold(value) else {
            throw FormatError(line: line + 1, "the value '\(value)' cannot be written as a plain YAML scalar; write it by hand")
        }
        let text = (needsSpace ? " " : "") + value + (beforeComment ? " " : "")
        return .span(line: line, range: offset..<offset, replacement: text)
    }
}
