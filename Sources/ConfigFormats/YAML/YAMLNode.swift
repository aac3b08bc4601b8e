/// One node of a YAML document, with the lines it spans.
///
/// Block and flow mappings and sequences are parsed into children; scalars carry a `YAMLScalar`
/// (token and quote style); block scalars (`|`, `>`) carry their content as a scalar (verbatim
/// when it is one line the value equals); flow collections outside the subset the flow reader
/// covers and aliases are opaque: they are kept byte for byte and never rewritten.
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
        /// A `|` / `>` block scalar: its value as a scalar of style `.block` (see
        /// `YAMLParser.blockScalar`).
        case blockScalar(YAMLScalar)
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
    /// True for a node inside a flow collection (`{…}`, `[…]`) or that collection itself.
    public var isFlow: Bool

    public init(kind: Kind, lines: Range<Int>, properties: String? = nil, isFlow: Bool = false) {
        self.kind = kind
        self.lines = lines
        self.properties = properties
        self.isFlow = isFlow
    }

    /// 0-based line where the node starts.
    public var line: Int { lines.lowerBound }
}
