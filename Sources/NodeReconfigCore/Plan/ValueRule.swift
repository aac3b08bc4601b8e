import ConfigFormats

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
        /// Built from shell variables or computed by the shell (`http://${MASTER_IP}:8080`,
        /// `$(cat /etc/master)`, backticks): what it becomes is not in this file, so a run that
        /// would change it is refused; the message says why and what to do.
        case built(String)
    }

    /// Decides what to do with `current` (a value of `role`) given the new value `target`.
    /// `local` holds this host's own addresses (the own-address rule).
    public static func decide(current: String, role: Role, target: String, local: Set<String> = []) -> Decision {
        switch classify(current, role: role, local: local) {
        case .left(let reason): return .skip(reason)
        case .mixed(let message), .built(let message): return .refuse(message)
        case .remote: return current == target ? .unchanged : .rewrite(target)
        }
    }

    /// Classifies `current`, a value of `role`, by the rules that do not depend on the target.
    /// A value all of whose addresses are this host's own (`local`) or loopback, one at least
    /// own, is local; a list that also names other hosts is the cluster's and is rewritten
    /// (an apiserver's `--etcd-servers` names its own member among the others). Membership
    /// lists name every member, this one too, and pools are rewritten whole: the rule is not theirs.
    public static func classify(_ current: String, role: Role, local: Set<String> = []) -> Classification {
        let trimmed = current.trimmingSpaces
        // Only a whole `$NAME`/`${NAME}` is a reference (followed where the variable is defined).
        if EnvAssignment.reference(in: trimmed) != nil {
            return .left(.variableReference)
        }
        if trimmed.contains("$") || trimmed.contains("`") {
            // `$(NAME)` is the shell's command substitution in an env file or unit, and kubelet's
            // expansion of the container's environment in a pod manifest: computed either way.
            let how = trimmed.contains("`") ? "computed by the shell"
                : trimmed.contains("$(") ? "computed when it runs (the shell's $(…), or kubelet's $(NAME) from a container's environment)"
                : "built from shell variables"
            return .built("'\(current)' is \(how), so what it becomes is not written here and node-reconfig will not guess; "
                + "write the address itself there, or make the whole value one variable ($NAME) set in a file node-reconfig rewrites, "
                + "or leave the file out with --only.")
        }
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
