/// SPEC "Safety" 1: before anything is touched, the master, each etcd URL and each apiserver must
/// accept a TCP connection (3 s, all at once). `--skip-preflight` turns this off.
public enum Preflight {
    public struct Unreachable: Error, Sendable, CustomStringConvertible {
        public var failures: [(target: String, flag: String, reason: String)]
        public var description: String {
            let list = failures.map { "  \($0.flag) \($0.target): \($0.reason)" }.joined(separator: "\n")
            return "preflight: \(failures.count) target(s) cannot be reached from this node; nothing was changed.\n\(list)\n"
                + "Check the addresses and the network path, or pass --skip-preflight if you know they will come up later."
        }
    }

    /// What preflight connects to: (host:port, the flag it came from).
    public static func targets(of targets: Targets) -> [(HostPort, String)] {
        var list: [(HostPort, String)] = []
        func add(_ endpoint: Endpoint, _ flag: String) {
            let port = endpoint.port ?? endpoint.address.effectivePort ?? 443
            let hostPort = HostPort(host: endpoint.host, port: port)
            if !list.contains(where: { $0.0 == hostPort }) { list.append((hostPort, flag)) }
        }
        if let master = targets.master { add(master, "--master") }
        for url in targets.etcd ?? [] { add(url, "--etcd") }
        for server in targets.apiservers ?? [] where !list.contains(where: { $0.0 == server }) { list.append((server, "--apiservers")) }
        return list
    }

    /// Throws `Unreachable` naming every target that did not answer.
    public static func require(_ options: Options, context: Context) throws(Unreachable) {
        guard !options.skipPreflight else { return }
        let list = targets(of: options.targets)
        guard !list.isEmpty else { return }
        let results = context.network.connect(list.map(\.0), timeout: 3)
        let failures = zip(list, results).compactMap { entry, result in
            result.map { (target: entry.0.description, flag: entry.1, reason: $0) }
        }
        if !failures.isEmpty { throw Unreachable(failures: failures) }
    }
}
