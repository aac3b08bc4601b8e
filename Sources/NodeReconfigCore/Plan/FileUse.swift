/// What uses a found file, as the node's own files tell it: the component it configures, the
/// services that pick a change up, the program that reads it and how that program is started.
/// A file's component and services come from its use, never from its name alone (a pool file
/// named `kube-apiserver.conf` that nginx includes is the load balancer's).
public struct FileUse: Sendable, Hashable {
    public var component: Component
    /// Services to restart (or reload) when the file changed.
    public var services: [String]
    /// The program that reads the file (`kubelet`, `nginx`), when known.
    public var program: String?
    /// How that program is started, where a unit names its binary, prefix or main configuration
    /// (the load balancer's validation runs the same).
    public var launch: Launch?
    /// Variables whose role the program's own flags tell: `--etcd-servers=${ETCD_SERVERS}` makes
    /// `ETCD_SERVERS` an etcd list, rewritten where it is defined (SPEC "Indirection rule").
    public var variableRoles: [String: Role]
    /// Only the file's path says this (the catalog, `--file`): a use found through a reference
    /// replaces it.
    public var isGuess: Bool
    /// Static pod containers that mount the file (`hostPath:`): restarted through the
    /// container runtime when it changes.
    public var staticPods: [StaticPod] = []

    public init(component: Component, services: [String], program: String? = nil, launch: Launch? = nil,
                variableRoles: [String: Role] = [:], isGuess: Bool = false) {
        self.component = component
        self.services = services
        self.program = program
        self.launch = launch
        self.variableRoles = variableRoles
        self.isGuess = isGuess
    }

    /// The use of a file several things use: the uses found through references win over guesses;
    /// services are joined; a component they disagree on is the guess's, or `kubernetes` when
    /// they are all Kubernetes services (`/etc/kubernetes/config`), else the first one's.
    static func merged(_ uses: [FileUse]) -> FileUse {
        let found = uses.filter { !$0.isGuess }
        let chosen = found.isEmpty ? uses : found
        var merged = chosen[0]
        for use in chosen.dropFirst() {
            for service in use.services where !merged.services.contains(service) { merged.services.append(service) }
            merged.variableRoles.merge(use.variableRoles) { old, _ in old }
            merged.program = merged.program ?? use.program
            merged.launch = merged.launch ?? use.launch
            for pod in use.staticPods where !merged.staticPods.contains(pod) { merged.staticPods.append(pod) }
        }
        let components = chosen.map(\.component)
        if components.contains(where: { $0 != components[0] }) {
            if let guess = uses.first(where: \.isGuess), !found.isEmpty {
                merged.component = guess.component
            } else if components.allSatisfy({ Component.kubernetesServices.contains($0) || $0 == .kubernetes }) {
                merged.component = .kubernetes
            }
        }
        return merged
    }
}

/// How a load balancer's program is started, as its unit says: what checks its configuration.
public struct Launch: Sendable, Hashable {
    /// The binary (node path) when the unit names one by its path; nil: the program on PATH.
    public var binary: String?
    /// nginx `-p PREFIX` (node path).
    public var prefix: String?
    /// The main configuration files and directories (node paths): nginx `-c`, haproxy's `-f`s.
    public var configs: [String]
    /// `--root`, to turn node paths into this machine's paths.
    public var root: String

    public init(binary: String? = nil, prefix: String? = nil, configs: [String], root: String) {
        self.binary = binary
        self.prefix = prefix
        self.configs = configs
        self.root = root
    }

    /// A node path on this machine.
    func host(_ nodePath: String) -> String { PathMath.join(root, nodePath) }
}
