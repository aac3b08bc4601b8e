/// Where a load-balancer pool comes from, which decides how it is edited.
public enum PoolKind: String, Sendable, Equatable, Codable {
    /// nginx `upstream NAME { server …; }` (in `stream` or `http`).
    case nginxUpstream
    /// haproxy `backend NAME` section.
    case haproxyBackend
    /// haproxy `listen NAME` section.
    case haproxyListen

    /// The word `--drain` adds, and that marks a server as out of service.
    public var drainWord: String {
        self == .nginxUpstream ? "down" : "disabled"
    }

    /// haproxy servers carry a name; a copied line is renamed `apiserver-…`.
    public var namesServers: Bool {
        self != .nginxUpstream
    }
}
