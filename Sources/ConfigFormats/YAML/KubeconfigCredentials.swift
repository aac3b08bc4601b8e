/// What a kubeconfig says a client presents to a cluster: the cluster's CA and the user's
/// certificate, key or token, read (never rewritten) for the preflight and the health gate.
///
/// Paths are as written (relative ones are relative to the kubeconfig's directory, which the
/// core resolves); `*Data` values are base64 as written. Values this reader cannot take as one
/// plain scalar (a block scalar, an alias) are nil.
public struct KubeconfigCredentials: Sendable, Equatable {
    /// `certificate-authority` (a path) and `certificate-authority-data` (base64) of the cluster.
    public var certificateAuthority: String?
    public var certificateAuthorityData: String?
    /// `insecure-skip-tls-verify: true` on the cluster.
    public var insecureSkipTLSVerify = false
    /// The user the cluster is used with (its context's `user:`), when one can be told.
    public var user: String?
    public var clientCertificate: String?
    public var clientCertificateData: String?
    public var clientKey: String?
    public var clientKeyData: String?
    public var token: String?
    public var tokenFile: String?

    public init() {}

    /// True when nothing is known beyond the cluster itself.
    public var isEmpty: Bool { self == KubeconfigCredentials() }
}

extension Kubeconfig {
    /// The credentials used with `cluster` (an entry of `clusters`): its CA, and the user of
    /// the context that names it — the current context when it does, else the only context
    /// naming it, else the only user of the file. No user when that is ambiguous.
    public func credentials(for cluster: KubeconfigCluster) -> KubeconfigCredentials {
        var result = KubeconfigCredentials()
        for root in document.documents where root.isMapping {
            let clusters = root["clusters"]?.items ?? []
            guard let entry = clusters.first(where: { $0.line == cluster.line }) else { continue }
            let body = entry["cluster"]
            result.certificateAuthority = Self.plain(body?["certificate-authority"])
            result.certificateAuthorityData = Self.plain(body?["certificate-authority-data"])
            result.insecureSkipTLSVerify = Self.plain(body?["insecure-skip-tls-verify"]) == "true"
            guard let userEntry = Self.user(of: cluster.name, in: root) else { return result }
            result.user = Self.plain(userEntry["name"])
            let user = userEntry["user"]
            result.clientCertificate = Self.plain(user?["client-certificate"])
            result.clientCertificateData = Self.plain(user?["client-certificate-data"])
            result.clientKey = Self.plain(user?["client-key"])
            result.clientKeyData = Self.plain(user?["client-key-data"])
            result.token = Self.plain(user?["token"])
            result.tokenFile = Self.plain(user?["tokenFile"])
            return result
        }
        return result
    }

    /// The `users:` entry used with the cluster named `clusterName` in the document `root`.
    private static func user(of clusterName: String?, in root: YAMLNode) -> YAMLNode? {
        let users = root["users"]?.items ?? []
        let contexts = (root["contexts"]?.items ?? []).compactMap { item -> (name: String?, cluster: String?, user: String?)? in
            guard let body = item["context"] else { return nil }
            return (plain(item["name"]), plain(body["cluster"]), plain(body["user"]))
        }
        var userName: String?
        let current = plain(root["current-context"])
        if let context = contexts.first(where: { $0.name != nil && $0.name == current }), context.cluster == clusterName {
            userName = context.user
        } else {
            let naming = contexts.filter { $0.cluster == clusterName }
            if naming.count == 1 { userName = naming[0].user }
        }
        if let userName { return users.first { plain($0["name"]) == userName } }
        return users.count == 1 && contexts.count <= 1 ? users[0] : nil
    }

    /// A plain or quoted one-line scalar's text; nil for anything else.
    private static func plain(_ node: YAMLNode?) -> String? {
        guard let node, node.properties == nil, let scalar = node.scalar else { return nil }
        return scalar.text
    }
}
