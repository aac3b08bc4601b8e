/// SPEC "Safety" 1: before planning, a TCP connection to the master, each etcd URL and each
/// apiserver, all at once, 3 s each. The lead calls it unless `--skip-preflight`.
public enum Preflight {
    /// One endpoint to reach, and how to name it in a refusal (`--etcd http://10.0.0.5:2379`).
    public struct Target: Sendable, Equatable {
        public var label: String
        public var hostPort: HostPort

        public init(label: String, hostPort: HostPort) {
            self.label = label
            self.hostPort = hostPort
        }
    }

    /// The endpoints `targets` names: master, etcd URLs, apiservers (not drained ones), deduplicated.
    public static func targets(for targets: Targets) -> [Target] {
        var result: [Target] = []
        func add(_ label: String, _ host: String, _ port: Int?) {
            guard let port, !result.contains(where: { $0.hostPort == HostPort(host: host, port: port) }) else { return }
            result.append(Target(label: label, hostPort: HostPort(host: host, port: port)))
        }
        if let master = targets.master { add("--master \(master)", master.host, master.port ?? master.address.effectivePort) }
        for url in targets.etcd ?? [] { add("--etcd \(url)", url.host, url.port ?? url.address.effectivePort) }
        for server in targets.effectiveApiservers ?? [] { add("--apiservers \(server)", server.host, server.port) }
        return result
    }

    /// One line per unreachable endpoint (`cannot reach --etcd http://10.0.0.5:2379 (10.0.0.5:2379):
    /// connection refused`); empty when all answered.
    public static func check(endpoints: [Target], network: any NetworkProber, timeout: Double = 3) -> [String] {
        let failures = network.connect(endpoints.map(\.hostPort), timeout: timeout)
        return zip(endpoints, failures).compactMap { target, failure in
            failure.map { "cannot reach \(target.label) (\(target.hostPort)): \($0)" }
        }
    }
}
