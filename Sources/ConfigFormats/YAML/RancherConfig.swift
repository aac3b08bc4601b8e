/// A k3s or rke2 configuration file (`/etc/rancher/k3s/config.yaml`, `/etc/rancher/rke2/config.yaml`
/// and the `config.yaml.d/*.yaml` beside them): one YAML mapping of the command's flags by name,
/// read by the agent when it starts. Exposes `server:` (the server the agent registers with)
/// and the lines holding secrets (`token:`, `agent-token:`, a `datastore-endpoint:` with its
/// password), so that no diff ever shows them.
///
/// Only the first document counts, as k3s reads it. A root that is not a mapping, and a `server:`
/// that is not one value (a list, a mapping, an opaque flow collection), are refused with their
/// line: the agent would not read them as a server URL either.
public struct RancherConfig: Sendable {
    /// Keys whose values are secrets. A `datastore-endpoint` (servers only) may carry a password.
    public static let secretKeys: Set<String> = ["token", "agent-token", "datastore-endpoint"]

    public let document: YAMLDocument
    /// `server:`, when it has a value.
    public let server: YAMLScalar?
    /// 0-based lines of the keys of `secretKeys` (their values start there).
    public let secretLines: [Int]
    /// 0-based further lines of those values (a block scalar's content): secret whole.
    public let secretContinuationLines: [Int]

    public init(_ source: SourceText) throws(FormatError) {
        try self.init(document: YAMLDocument(source))
    }

    public init(document: YAMLDocument) throws(FormatError) {
        self.document = document
        guard let root = document.root else {
            server = nil
            secretLines = []
            secretContinuationLines = []
            return
        }
        switch root.kind {
        case .mapping, .empty:
            break
        default:
            throw FormatError(line: root.line + 1, "this file is not a mapping of flags (key: value); k3s and rke2 would not read it, fix the file")
        }
        var server: YAMLScalar? = nil
        if let node = try root.child("server") {
            switch node.kind {
            case .scalar(let scalar), .blockScalar(let scalar): server = scalar
            case .empty: break
            default:
                throw FormatError(line: node.line + 1, "server: is not a single value; the agent reads one URL here, fix the file")
            }
        }
        self.server = server
        let secrets = root.entries.filter { Self.secretKeys.contains($0.key) }
        self.secretLines = secrets.map(\.line)
        self.secretContinuationLines = secrets.flatMap { Array(($0.line + 1)..<max($0.line + 1, $0.value.lines.upperBound)) }
    }

    public var source: SourceText { document.source }

    public func render() -> [UInt8] { document.render() }
}
