/// Why a command refused or failed, with a message that says what to do next.
public enum NodeReconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file could not be parsed, or rewriting it would be a guess.
    case format(path: String, FormatError)
    /// A file named with `--file` (or a symlink's target) is missing or not a regular file.
    case missingFile(path: String, detail: String?)
    /// A path leaves `--root` or loops.
    case unsafePath(path: String, detail: String)
    /// `--master` etc. would rewrite a file in a way that needs the operator to decide.
    case ambiguous(path: String, line: Int, message: String)
    case system(SystemError)
    /// The new control plane did not pass the preflight (SPEC "Safety" 1): every finding.
    case preflight(PreflightFailure)
    /// No configuration file at all under `--root` (with `--only`'s selection).
    case nothingFound(root: String, only: [String])
    /// `--apiservers`/`--drain` on a node whose clients go through a load balancer that was not found.
    case loadBalancerNotFound(Finding)
    /// `--apiservers` (or `--master`'s host:port) would make a pool send to its own load balancer.
    case selfLoop(SelfLoop)
    case internalError(String)

    public var description: String {
        switch self {
        case .format(let path, let error):
            return "\(error.located(in: path))\nNothing was changed. Fix the file (or leave it out with --only), then run again."
        case .missingFile(let path, let detail):
            return "\(path): not found\(detail.map { ": \($0)" } ?? ""). Check the path (it is taken relative to --root)."
        case .unsafePath(let path, let detail):
            return "\(path): \(detail). Nothing was changed."
        case .ambiguous(let path, let line, let message):
            return "\(path):\(line): \(message) Nothing was changed."
        case .system(let error):
            guard error.isPermissionDenied else { return "\(error)" }
            return "\(error). node-reconfig reads and writes the node's configuration as root: run it with sudo, or fix the permissions of \(error.path)."
        case .nothingFound(let root, let only):
            let selection = only.isEmpty ? "" : " for --only=\(only.joined(separator: ","))"
            return "No Kubernetes configuration found under \(root)\(selection). Looked for: \(Catalog.summary). "
                + "Check --root (the directory holding the node's /etc), or name files with --file=KIND:PATH."
        case .loadBalancerNotFound(let finding):
            return "\(finding). The pool --apiservers and --drain change is behind that address; nothing was changed."
        case .preflight(let failure):
            return failure.description
        case .selfLoop(let loop):
            return loop.description
        case .internalError(let message):
            return "internal error: \(message). Please report this."
        }
    }
}
