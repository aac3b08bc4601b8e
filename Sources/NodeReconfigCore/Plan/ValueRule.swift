/// The value rules of SPEC "Values" applied to one current value: loopback, indirection, empty,
/// already up to date, or rewrite.
public enum ValueRule {
    /// Why a current value is left as it is.
    public enum Left: Sendable, Equatable, CustomStringConvertible {
        /// `$VAR`, `${VAR}`: the variable is rewritten where it is defined.
        case variableReference
        case empty
        /// An apiserver URL on loopback: the node-local load balancer, whose pool changes instead.
        case viaLoadBalancer
        /// An apiserver URL on loopback on a node where no load-balancer pool was found.
        case loopbackWithoutLoadBalancer
        /// Another value on loopback (a local etcd, a member's own port).
        case loopback
        /// Another apiserver than the `--old-master` ones.
        case notOldMaster
        /// On this host's own addresses: a component on this host (a master's own apiserver,
        /// an etcd member's own client URL).
        case local

        public var description: String {
            switch self {
            case .variableReference: return "variable reference (rewritten where it is defined)"
            case .empty: return "empty value"
            case .viaLoadBalancer: return "via local load balancer"
            case .loopbackWithoutLoadBalancer: return "loopback, but no load balancer config was found"
            case .loopback: return "loopback (node-local)"
            case .notOldMaster: return "not an --old-master"
            case .local: return "local (this host's own address)"
            }
        }
    }

    public enum Decision: Sendable, Equatable {
        case rewrite(String)
        case unchanged
        case skip(Left)
        /// The current value cannot be rewritten safely; the message says why.
        case refuse(String)
    }

    /// What a current value is, whatever the operator asks for.
    public enum Classification: Sendable, Equatable {
        /// Left as it is, and why: a variable reference, an empty value, a loopback address.
        case left(Left)
        /// Loopback and remote addresses in one list: the message says why it is refused.
        case mixed(String)
        /// Remote addresses: rewritten when they differ from the target.
        case remote
    }

    /// Decides what to do with `current` (a value of `role`) given the new value `target`.
    /// `local` holds this host's own addresses (the own-address rule).
    public static func decide(current: String, role: Role, target: String, local: Set<String> = []) -> Decision {
        switch classify(current, role: role, local: local) {
        case .left(let reason): return .skip(reason)
        case .mixed(let message): return .refuse(message)
        case .remote: return current == target ? .unchanged : .rewrite(target)
        }
    }

    /// Classifies `current`, a value of `role`, by the rules that do not depend on the target.
    /// A value all of whose addresses are this host's own (`local`) or loopback, one at least
    /// own, is local; a list that also names other hosts is the cluster's and is rewritten
    /// (an apiserver's `--etcd-servers` names its own member among the others). Membership
    /// lists name every member, this one too, and pools are rewritten whole: the rule is not theirs.
    public static func classify(_ current: String, role: Role, local: Set<String> = []) -> Classification {
        if current.contains("$") {
            return .left(.variableReference)
        }
        let trimmed = current.trimmingSpaces
        if trimmed.isEmpty { return .left(.empty) }
        guard role.holdsAddresses else { return .remote }
        let addresses = entries(of: trimmed, role: role)
        let loopback = addresses.filter(\.isLoopback)
        if role == .master || role == .etcd, !local.isEmpty {
            let own = addresses.filter { !$0.isLoopback && local.contains($0.host.lowercased()) }
            if !own.isEmpty, own.count + loopback.count == addresses.count { return .left(.local) }
        }
        if !loopback.isEmpty {
            if loopback.count == addresses.count {
                return .left(role == .master ? .viaLoadBalancer : .loopback)
            }
            return .mixed("'\(current)' mixes node-local (loopback) and remote addresses; node-reconfig will not guess which to keep. Edit this value by hand, or leave the file out with --only.")
        }
        return .remote
    }

    /// The addresses in a comma list; for members, the URL after `name=`.
    static func entries(of value: String, role: Role) -> [Address] {
        value.split(separator: ",", omittingEmptySubsequences: true).map { item in
            var item = item.trimmingSpacesSubstring
            if role == .members, let eq = item.firstIndex(of: "=") { item = item[item.index(after: eq)...] }
            return Address(parsing: item)
        }
    }
}
