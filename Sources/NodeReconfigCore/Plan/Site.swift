/// One place in a file that holds a value of a known role, found by a format's site extractor.
public struct Site: Sendable, Equatable {
    public var role: Role
    /// How the value is named in the file: `--etcd-servers`, `FLANNEL_ETCD`, `server:`.
    public var label: String
    public var token: ValueToken
    /// For kubeconfig servers: the cluster's name.
    public var cluster: String?
    /// The server a k3s or rke2 agent registers with (`K3S_URL`, `server:` of its config.yaml):
    /// only https, and rke2's supervisor port (`AgentServerURL`).
    public var isAgentServer: Bool

    public init(role: Role, label: String, token: ValueToken, cluster: String? = nil, isAgentServer: Bool = false) {
        self.role = role
        self.label = label
        self.token = token
        self.cluster = cluster
        self.isAgentServer = isAgentServer
    }

    /// 1-based line for messages.
    public var lineNumber: Int { token.line + 1 }
}
