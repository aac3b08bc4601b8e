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
