/// The value rules of SPEC "Values" applied to one current value: loopback, indirection, empty,
/// already up to date, or rewrite.
public enum ValueRule {
    public enum Decision: Sendable, Equatable {
        case rewrite(String)
        case unchanged
        case skip(String)
        /// The current value cannot be rewritten safely; the message says why.
        case refuse(String)
    }

    /// What a current value is, whatever the operator asks for.
    public enum Classification: Sendable, Equatable {
        /// Left as it is, and why: a variable reference, an empty value, a loopback address.
        case left(String)
        /// Loopback and remote addresses in one list: the message says why it is refused.
        case mixed(String)
        /// Remote addresses: rewritten when they differ from the target.
        case remote
    }

    /// Decides what to do with `current` (a value of `role`) given the new value `target`.
    public static func decide(current: String, role: Role, target: String) -> Decision {
        switch classify(current, role: role) {
        case .left(let reason): return .skip(reason)
        case .mixed(let message): return .refuse(message)
        case .remote: return current == target ? .unchanged : .rewrite(target)
        }
    }

    /// Classifies `current`, a value of `role`, by the rules that do not depend on the target.
    public static func classify(_ current: String, role: Role) -> Classification {
        if current.contains("$") {
            return .left("variable reference (rewritten where it is defined)")
        }
        let trimmed = current.trimmingSpaces
        if trimmed.isEmpty { return .left("empty value") }
        let addresses = entries(of: trimmed, role: role)
        let loopback = addresses.filter(\.isLoopback)
        if !loopback.isEmpty {
            if loopback.count == addresses.count {
                return .left(role == .master ? "via local load balancer" : "loopback (node-local)")
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
