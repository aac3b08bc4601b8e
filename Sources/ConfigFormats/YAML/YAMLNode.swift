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
