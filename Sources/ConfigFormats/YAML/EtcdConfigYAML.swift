/// An etcd `--config-file` YAML: its top-level scalar settings (`initial-cluster`,
/// `listen-client-urls`, …) and the way to set `initial-cluster:`, empty or not.
public struct EtcdConfigYAML: Sendable {
    public let document: YAMLDocument
    /// Top-level keys with a scalar value.
    public let values: [String: ValueToken]
    /// The quoted style of each scalar in `values`.
    public let styles: [String: YAMLScalar.Style]
    /// Top-level keys written with no value (`initial-cluster:`), and where a value would go.
    public let emptyValues: [String: YAMLEmptyValue]

    public init(_ source: SourceText) throws(FormatError) {
        try self.init(document: YAMLDocument(source))
    }

    public init(document: YAMLDocument) throws(FormatError) {
        self.document = document
        var values: [String: ValueToken] = [:]
        var styles: [String: YAMLScalar.Style] = [:]
        var empties: [String: YAMLEmptyValue] = [:]
        for root in document.documents.prefix(1) {
            for entry in root.entries {
                switch entry.value.kind {
                case .scalar(let scalar):
                    try entry.value.requireUndecorated()
                    values[entry.key] = scalar.token
                    styles[entry.key] = scalar.style
                case .empty(let empty):
                    try entry.value.requireUndecorated()
                    empties[entry.key] = empty
                case .alias:
                    try entry.value.requireUndecorated()
                default:
                    break
                }
            }
        }
        self.values = values
        self.styles = styles
        self.emptyValues = empties
    }

    public var source: SourceText { document.source }

    public func render() -> [UInt8] { document.render() }

    /// The `initial-cluster:` value, when it has one.
    public var initialCluster: ValueToken? { values["initial-cluster"] }

    /// Where a value for an empty `initial-cluster:` would be inserted, or nil.
    public var emptyValueInsertionPoint: YAMLEmptyValue? { emptyValues["initial-cluster"] }

    /// The patch that sets top-level `key` to `value`: a scalar keeps its quote style, an empty
    /// `key:` gets a plain value. Refuses a key that is absent or not a scalar.
    public func patch(setting key: String, to value: String) throws(FormatError) -> Patch {
        if let token = values[key], let style = styles[key] {
            return try YAMLScalar(style: style, token: token).patch(with: value)
        }
        if let empty = emptyValues[key] {
            // An empty `key:` may still own lines below it (a node written on the next lines,
            // with anchors or tags): then inserting a value would not make it read back.
            let patch = try empty.patch(inserting: value)
            let again = try? EtcdConfigYAML(source.applying([patch]))
            guard again?.values[key]?.text == value else {
                throw FormatError(line: empty.line + 1, "'\(key):' has a value on the lines below it that node-reconfig does not rewrite; edit it by hand")
            }
            return patch
        }
        let line = document.root?.entries.first(where: { $0.key == key })?.line ?? 0
        throw FormatError(line: line + 1, "'\(key)' is not a top-level scalar setting of this etcd config; add it by hand")
    }

    /// The patch that sets `initial-cluster:` (filled or empty) to `value`.
    public func patch(settingInitialCluster value: String) throws(FormatError) -> Patch {
        try patch(setting: "initial-cluster", to: value)
    }
}
