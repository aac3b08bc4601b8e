/// One place in a file that holds a value of a known role, found by a format's site extractor.
public struct Site: Sendable, Equatable {
    public var role: Role
    /// How the value is named in the file: `--etcd-servers`, `FLANNEL_ETCD`, `server:`.
    public var label: String
    public var token: ValueToken
    /// For kubeconfig servers: the cluster's name.
    public var cluster: String?
    /// The value is one URL where the role is a list (kube2sky's `--etcd-server`): it becomes
    /// the first URL of the list.
    public var takesOneURL: Bool
    /// The server a k3s or rke2 agent registers with (`K3S_URL`, `server:` of its config.yaml):
    /// only https, and rke2's supervisor port (`AgentServerURL`).
    public var isAgentServer: Bool

    public init(role: Role, label: String, token: ValueToken, cluster: String? = nil, takesOneURL: Bool = false, isAgentServer: Bool = false) {
        self.role = role
        self.label = label
        self.token = token
        self.cluster = cluster
        self.takesOneURL = takesOneURL
        self.isAgentServer = isAgentServer
    }

    /// 1-based line for messages.
    public var lineNumber: Int { token.line + 1 }
}
