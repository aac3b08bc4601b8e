/// A YAML file (one or more documents) parsed for reading and kept byte for byte for writing.
///
/// Covers the block subset that kubeconfigs, static pod manifests and etcd config files use:
/// block mappings and sequences (items indented or at the parent key's indent), plain and quoted
/// scalars, comments, blank lines, `---` / `...` markers, block scalars and flow collections
/// (opaque), CRLF and a missing final newline. Refuses tab indentation, lines whose indentation
/// fits no parent, duplicate keys, unterminated quotes and unclosed flow collections.
public struct YAMLDocument: Sendable {
    /// The file as it was read.
    public let source: SourceText
    /// The root node of every non-empty document, in file order.
    public let documents: [YAMLNode]

    public init(_ source: SourceText) throws(FormatError) {
        var parser = YAMLParser(source)
        self.source = source
        self.documents = try parser.parseStream()
    }

    /// The file's bytes, unchanged.
    public func render() -> [UInt8] {
        source.bytes
    }

    /// The first document's root, or nil for a file with no content.
    public var root: YAMLNode? {
        documents.first
    }
}
