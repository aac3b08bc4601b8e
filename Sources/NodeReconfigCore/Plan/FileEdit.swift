/// What happened to one value in a file: rewritten, already right, or left alone and why.
public struct FileEdit: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case changed
        case unchanged
        /// Left as it is: loopback (local load balancer / local port), a variable reference, empty.
        case skipped
    }

    public var role: Role
    public var label: String
    /// 1-based.
    public var line: Int
    public var before: String
    public var after: String
    public var outcome: Outcome
    /// Why it was skipped: via the local load balancer, a variable reference, …
    public var left: ValueRule.Left?

    /// `via local load balancer`, `variable reference (rewritten where it is defined)`, …
    public var reason: String? { left?.description }
    /// A `--drain` mark on a pool's server (the other pool edits set an apiserver pool).
    public var isDrain = false

    public init(role: Role, label: String, line: Int, before: String, after: String, outcome: Outcome, left: ValueRule.Left? = nil) {
        self.role = role
        self.label = label
        self.line = line
        self.before = before
        self.after = after
        self.outcome = outcome
        self.left = left
    }
}
