/// One place in a file that holds a value of a known role, found by a format's site extractor.
public struct Site: Sendable, Equatable {
    public var role: Role
    /// How the value is named in the file: `--etcd-servers`, `FLANNEL_ETCD`, `server:`.
    public var label: String
    public var token: ValueToken
    /// For kubeconfig servers: the cluster's name.
    public var cluster: String?

    public init(role: Role, label: String, token: ValueToken, cluster: String? = nil) {
        self.role = role
        self.label = label
        self.token = token
        self.cluster = cluster
    }

    /// 1-based line for messages.
    public var lineNumber: Int { token.line + 1 }
}
