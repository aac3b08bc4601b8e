/// ConfigFormats: configuration files as values. Each format parses bytes into a document that
/// keeps every byte (`SourceText`), exposes the values node-reconfig may rewrite as
/// `ValueToken`s with their exact positions, and renders back. No I/O happens here.
public enum FileKind: String, Sendable, CaseIterable, Codable {
    case kubeconfig
    case env
    case unit
    case manifest
    case nginx
    case haproxy
    case etcdYAML = "etcd-yaml"
}
