/// Reading a node tree: `node["clusters"]`, `node.items`, `node.scalar(at: ["spec", "x"])`.
extension YAMLNode {
    /// The entries of a mapping; empty for any other node.
    public var entries: [YAMLEntry] {
        if case .mapping(let entries) = kind { return entries }
        return []
    }

    /// The items of a block sequence; empty for any other node.
    public var items: [YAMLNode] {
        if case .sequence(let items) = kind { return items }
        return []
    }

    /// The scalar of a scalar node or a block scalar, or nil.
    public var scalar: YAMLScalar? {
        switch kind {
        case .scalar(let scalar), .blockScalar(let scalar): return scalar
        default: return nil
        }
    }

    /// True for a block mapping.
    public var isMapping: Bool {
        if case .mapping = kind { return true }
        return false
    }

    /// The value of `key` in a mapping, or nil.
    public subscript(key: String) -> YAMLNode? {
        entries.first(where: { $0.key == key })?.value
    }

    /// The node reached by following mapping keys, or nil.
    public func node(at path: [String]) -> YAMLNode? {
        var node = self
        for key in path {
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    /// The scalar reached by following mapping keys, or nil.
    public func scalar(at path: [String]) -> YAMLScalar? {
        node(at: path)?.scalar
    }

    /// The value of `key`, refusing what a view must not read through: an anchor, tag or alias
    /// on the value, or a `<<` merge key in the mapping (the value might come from elsewhere).
    public func child(_ key: String) throws(FormatError) -> YAMLNode? {
        let entries = self.entries
        if let merge = entries.first(where: { $0.key == "<<" }) {
            throw FormatError(line: merge.line + 1, "a '<<' merge key where node-reconfig reads '\(key)'; expand the merge by hand")
        }
        guard let value = entries.first(where: { $0.key == key })?.value else { return nil }
        try value.requireUndecorated()
        return value
    }

    /// Refuses a node carrying an anchor, a tag or being an alias.
    public func requireUndecorated() throws(FormatError) {
        if case .alias(let name) = kind {
            throw FormatError(line: line + 1, "the alias '*\(name)' is where node-reconfig reads a value; expand it by hand")
        }
        if let properties {
            throw FormatError(line: line + 1, "'\(properties)' (an anchor or tag) is where node-reconfig reads a value; remove it or edit by hand")
        }
    }
}
