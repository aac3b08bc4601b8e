/// Something discovery noticed that the operator should know, in the human output (`note: …`)
/// and in JSON (`findings`): nothing about the node is passed over in silence (SPEC "Nothing is
/// silent").
public enum Finding: Sendable, Hashable, CustomStringConvertible {
    /// A node client's kubeconfig goes through a loopback address, and no load-balancer pool was
    /// found: the pool behind it cannot be changed. Refuses `--apiservers` and `--drain` runs.
    case loopbackWithoutLoadBalancer(component: Component, address: String, path: String, line: Int)
    /// A file another one names does not exist.
    case missing(path: String, namedBy: FoundBy)
    /// A reference that cannot be followed, and why.
    case notFollowed(path: String, namedBy: FoundBy, why: String)
    /// A file whose references could not be read: it does not parse (planning refuses it where
    /// its content matters).
    case unread(path: String, String)
    /// A setting the program that reads the file ignores, and so does node-reconfig (a unit's
    /// setting before its first `[Section]`).
    case ignored(path: String, line: Int, what: String, why: String)
    /// kubelet (run by `service`) is restarted toward a new master whose heartbeat the health
    /// gate cannot read, and why (SPEC "Safety" 8: never a silent success).
    case heartbeatNotChecked(service: String, why: String)
    /// A load balancer config with an apiserver pool that no unit or static pod here runs.
    case noReloader(path: String)

    public var description: String {
        switch self {
        case .loopbackWithoutLoadBalancer(let component, let address, let path, let line):
            return "\(component) goes through \(address) but no load balancer config was found; name it with --file=nginx:PATH "
                + "or --file=haproxy:PATH (\(path):\(line))"
        case .missing(let path, let namedBy):
            return "\(path) does not exist (named by \(namedBy))"
        case .notFollowed(let path, let namedBy, let why):
            return "\(path) (\(namedBy)) was not followed: \(why)"
        case .unread(let path, let error):
            return "the files \(path) names were not followed: \(error)"
        case .ignored(let path, let line, let what, let why):
            return "\(path):\(line): \(what) is ignored: \(why)"
        case .heartbeatNotChecked(let service, let why):
            return "kubelet's heartbeat\(service == Component.kubelet.rawValue ? "" : " (service \(service))") not checked: \(why)"
        case .noReloader(let path):
            return "\(path) holds an apiserver pool, but no unit or static pod found here runs it: a change to it takes effect only "
                + "when the load balancer that reads it is reloaded: reload it by hand after the run"
        }
    }

    /// The JSON `kind`.
    var kind: String {
        switch self {
        case .loopbackWithoutLoadBalancer: return "loopback-without-load-balancer"
        case .missing: return "missing"
        case .notFollowed: return "not-followed"
        case .unread: return "unread"
        case .ignored: return "ignored"
        case .heartbeatNotChecked: return "heartbeat-not-checked"
        case .noReloader: return "no-reloader"
        }
    }

    var json: JSONValue { .object([("kind", .string(kind)), ("message", .string(description))]) }

    /// True for a finding that makes `--apiservers`/`--drain` runs refuse: their pool is
    /// somewhere node-reconfig did not find.
    var hidesThePool: Bool {
        if case .loopbackWithoutLoadBalancer = self { return true }
        return false
    }
}

/// A target flag no file on the node holds (SPEC "Nothing is silent"): named per flag in the
/// human output, and in JSON as `"unmatched": [{"flag": "--drain", "reason": "…"}]`, so that a
/// fleet report shows which nodes had nothing to do and why.
public struct Unmatched: Sendable, Equatable, CustomStringConvertible {
    public var flag: String
    public var reason: String

    public init(flag: String, reason: String) {
        self.flag = flag
        self.reason = reason
    }

    /// `--drain matched nothing: no load-balancer pool on this node`.
    public var description: String { "\(flag) matched nothing: \(reason)" }

    var json: JSONValue { .object([("flag", .string(flag)), ("reason", .string(reason))]) }
}
