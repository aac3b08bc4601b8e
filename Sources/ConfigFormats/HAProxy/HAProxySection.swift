/// A haproxy section: a section keyword line and the lines up to the next one.
public struct HAProxySection: Sendable, Equatable {
    /// `global`, `defaults`, `frontend`, `backend`, `listen`, `resolvers`, `peers`, …
    public var keyword: String
    /// The section's name (`backend kube_api_backend`), if it has one.
    public var name: String?
    /// 0-based line of the header.
    public var line: Int
    /// The lines of the section, header included.
    public var lines: Range<Int>

    public init(keyword: String, name: String?, line: Int, lines: Range<Int>) {
        self.keyword = keyword
        self.name = name
        self.line = line
        self.lines = lines
    }

    /// Keywords that open a section.
    public static let keywords: Set<String> = [
        "global", "defaults", "frontend", "backend", "listen", "resolvers", "peers", "userlist",
        "mailers", "cache", "program", "http-errors", "ring", "log-forward",
    ]

    /// The pool kind of a `backend` or `listen` section; nil for the others.
    public var poolKind: PoolKind? {
        switch keyword {
        case "backend": return .haproxyBackend
        case "listen": return .haproxyListen
        default: return nil
        }
    }

    /// Sections where a `server` line is an error (haproxy would refuse it or ignore it).
    static let serverless: Set<String> = ["global", "defaults", "frontend"]
}
