/// A control-plane value found in a file, for `detect`.
public struct DetectedValue: Sendable, Equatable {
    public var role: Role
    public var label: String
    /// 1-based.
    public var line: Int
    public var value: String
    /// `loopback (node-local)`, `variable reference`, `apiserver pool`, `not an apiserver pool`, …
    public var note: String?

    public var json: JSONValue {
        .object([("role", .string(role.rawValue)), ("label", .string(label)), ("line", .int(line)),
                 ("value", .string(value)), ("note", .optional(note))])
    }

    /// Everything of a known role in `file`.
    public static func values(in file: DiscoveredFile, lbPool: String? = nil) throws(NodeReconfigError) -> [DetectedValue] {
        do {
            let source = try SourceText(bytes: file.bytes)
            if file.kind == .nginx || file.kind == .haproxy {
                let document = try LoadBalancerDocument.parse(kind: file.kind, source: source)
                return document.pools.map { pool in
                    DetectedValue(role: .pool, label: pool.name, line: pool.line + 1,
                                  value: pool.servers.map { $0.address.hostPort + ($0.isDown ? " (down)" : "") }.joined(separator: ","),
                                  note: pool.isApiserverPool(lbPool: lbPool) ? "apiserver pool" : "not an apiserver pool")
                }
            }
            return try FileRewriter.sites(kind: file.kind, source: source).map { site in
                DetectedValue(role: site.role, label: site.label, line: site.lineNumber, value: site.token.text, note: note(for: site))
            }
        } catch {
            throw .format(path: file.displayPath, error)
        }
    }

    static func note(for site: Site) -> String? {
        switch ValueRule.decide(current: site.token.text, role: site.role, target: "\u{0}") {
        case .skip(let reason): return reason
        case .refuse: return "mixes loopback and remote addresses"
        default: return site.cluster.map { "cluster \($0)" }
        }
    }
}
