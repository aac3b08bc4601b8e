/// calicoctl's configuration, `/etc/calico/calicoctl.cfg` (a `CalicoAPIConfig`, v3
/// `projectcalico.org/v3` and v1 `calicoApiConfig` alike): `spec.etcdEndpoints`, the etcd
/// datastore as a comma list, and `spec.k8sAPIEndpoint`, the apiserver for the kubernetes
/// datastore. Other keys (the TLS files, `datastoreType`) are not read.
///
///     apiVersion: projectcalico.org/v3
///     kind: CalicoAPIConfig
///     spec:
///       datastoreType: "etcdv3"
///       etcdEndpoints: https://10.0.0.1:2379,https://10.0.0.2:2379
public struct CalicoctlConfig: Sendable {
    public let document: YAMLDocument
    /// `spec.etcdEndpoints`, when set.
    public let etcdEndpoints: YAMLScalar?
    /// `spec.k8sAPIEndpoint`, when set.
    public let k8sAPIEndpoint: YAMLScalar?

    public init(_ source: SourceText) throws(FormatError) {
        try self.init(document: YAMLDocument(source))
    }

    public init(document: YAMLDocument) throws(FormatError) {
        self.document = document
        let spec = try document.root.flatMap { root throws(FormatError) in root.isMapping ? try root.child("spec") : nil }
        etcdEndpoints = try spec.flatMap { spec throws(FormatError) in try Self.scalar(spec, "etcdEndpoints") }
        k8sAPIEndpoint = try spec.flatMap { spec throws(FormatError) in try Self.scalar(spec, "k8sAPIEndpoint") }
    }

    public var source: SourceText { document.source }

    /// The file's bytes, unchanged.
    public func render() -> [UInt8] { document.render() }

    /// The scalar value of `key` in `spec`; nil when absent or empty; refused when it is
    /// anything else (calicoctl reads a string there).
    private static func scalar(_ spec: YAMLNode, _ key: String) throws(FormatError) -> YAMLScalar? {
        guard let node = try spec.child(key) else { return nil }
        switch node.kind {
        case .scalar(let scalar), .blockScalar(let scalar): return scalar
        case .empty: return nil
        default: throw FormatError(line: node.line + 1, "'spec.\(key)' is not a string; calicoctl reads a comma-separated list of URLs there")
        }
    }
}
