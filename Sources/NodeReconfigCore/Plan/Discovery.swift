/// Finds the node's configuration files (SPEC "Where it looks"): the catalog's well-known paths
/// under `--root`, the units in the systemd directories that run a known program, every file
/// those name (transitively: `EnvironmentFile=`, the flags of the command line, nginx
/// `include`s, kubeconfigs' TLS files, …), and the files named with `--file`. Each file is
/// attributed by what uses it; TLS files are recorded, never read. Absent well-known paths are
/// skipped silently; an absent `--file` is an error, an absent named file a finding. Symlinks are
/// followed to their target inside `--root`; the link itself is never edited, and a path or
/// link that leaves `--root` is refused.
public struct Discovery: Sendable {
    public var root: String
    public var only: [String]
    public var extraFiles: [(kind: FileKind, path: String)]
    public var fileSystem: any FileSystem
    /// `--lb-pool`: which pool counts as the apiserver pool when the node has several.
    public var lbPool: String?
    /// This host's own addresses (`--local-addresses`, else the interfaces' when `--root` is `/`).
    public var localAddresses: [String]

    public init(root: String, only: [String] = [], extraFiles: [(kind: FileKind, path: String)] = [], fileSystem: any FileSystem,
                lbPool: String? = nil, localAddresses: [String] = []) {
        self.root = root
        self.only = only
        self.extraFiles = extraFiles
        self.fileSystem = fileSystem
        self.lbPool = lbPool
        self.localAddresses = localAddresses
    }

    /// Every file found (catalog order first, then units found by their program, then files
    /// found through references, then `--file` ones; one entry per real file), the credentials
    /// they name, and what the operator should know.
    public func discover() throws(NodeReconfigError) -> DiscoveryResult {
        var walk = DiscoveryWalk(discovery: self)
        try walk.run()
        return walk.result()
    }
}

/// What discovery found on the node.
public struct DiscoveryResult: Sendable, Equatable {
    public var files: [DiscoveredFile]
    /// The CAs, client certificates, keys and tokens the files name, for the preflight: never
    /// read, planned, printed in content or copied.
    public var credentials: [CredentialReference]
    public var findings: [Finding]
    /// `--lb-pool`.
    public var lbPool: String?
    /// This host's own addresses, as discovery was given them.
    public var localAddresses: [String] = []

    public init(files: [DiscoveredFile], credentials: [CredentialReference] = [], findings: [Finding] = [], lbPool: String? = nil) {
        self.files = files
        self.credentials = credentials
        self.findings = findings
        self.lbPool = lbPool
    }

    /// The addresses a keepalived (or another VIP keeper) on this node may hold, from its
    /// files (`FileHandler.virtualAddresses`): floating, so not this host's own for the
    /// own-address rule, but never a pool's server.
    public func virtualAddresses() -> [String] {
        var addresses: [String] = []
        for file in files {
            guard let source = try? SourceText(bytes: file.bytes) else { continue }
            for address in file.kind.handler.virtualAddresses(in: source) where !addresses.contains(address) { addresses.append(address) }
        }
        return addresses
    }

    /// The targets with this node's own and virtual addresses, for the value and pool rules.
    public func placing(_ targets: Targets) -> Targets {
        var placed = targets
        let virtual = Set(virtualAddresses())
        placed.localAddresses = Set(localAddresses).subtracting(virtual)
        placed.virtualAddresses = virtual
        return placed
    }

    /// A load-balancer file holding an apiserver pool was found. Parses the load balancers'
    /// files: asked only where it matters (a loopback apiserver URL, an explicit `--apiservers`).
    public func hasApiserverPool() -> Bool {
        // A k3s or rke2 agent is its own load balancer: its kubeconfigs' 127.0.0.1:6444 (rke2:
        // :6443) is the agent's pool of the servers it learned from its server URL.
        if files.contains(where: { [.k3sAgent, .rke2Agent].contains($0.component) }) { return true }
        return files.contains { file in
            (try? SourceText(bytes: file.bytes)).map { file.kind.handler.holdsApiserverPool($0, lbPool: lbPool) } ?? false
        }
    }

    /// The reasons values are left as they are, read on this node: a loopback apiserver URL is
    /// "via local load balancer" only where one was found (asked once, and only when one is).
    static func onThisNode(_ reasons: [ValueRule.Left?], _ result: DiscoveryResult) -> [ValueRule.Left?] {
        guard reasons.contains(.viaLoadBalancer), !result.hasApiserverPool() else { return reasons }
        return reasons.map { $0 == .viaLoadBalancer ? .loopbackWithoutLoadBalancer : $0 }
    }

    /// Load balancer configs with an apiserver pool that no unit and no static pod found here
    /// runs (KubeKey's haproxy.cfg without its pod manifest): a rewrite would take effect only
    /// when whatever reads it is reloaded by hand, so it is said, never left silent.
    func unreloadedPoolFindings() -> [Finding] {
        files.compactMap { file in
            guard file.kind == .nginx || file.kind == .haproxy, file.services.isEmpty, file.use.staticPods.isEmpty,
                  let source = try? SourceText(bytes: file.bytes), file.kind.handler.holdsApiserverPool(source, lbPool: lbPool)
            else { return nil }
            return .noReloader(path: file.displayPath)
        }
    }

    /// A node client (kubelet, kube-proxy) whose kubeconfig goes through a loopback address on a
    /// node where no apiserver pool was found, and no apiserver runs to be that address.
    func loopbackFinding() -> Finding? {
        guard !files.contains(where: { $0.component == .kubeAPIServer }) else { return nil }
        for file in files where file.kind == .kubeconfig && [.kubelet, .kubeProxy].contains(file.component) {
            guard let values = try? DetectedValue.values(in: file, lbPool: lbPool),
                  let value = values.first(where: { $0.role == .master && $0.left == .viaLoadBalancer }) else { continue }
            guard !hasApiserverPool() else { return nil }
            return .loopbackWithoutLoadBalancer(component: file.component, address: Address(parsing: value.value[...]).hostPort,
                                                path: file.displayPath, line: value.line)
        }
        return nil
    }
}
