/// Why a transaction stopped, typed: each step that can fail says so with one case, rendered to
/// the line the operator reads (`description`). Before the first write a failure refuses the run
/// (nothing changed); after it, the files are rolled back (`TransactionResult.Undo`).
public enum TransactionFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another run holds the lock at `path`: `holder` is the pid it wrote there.
    case lockHeld(path: String, holder: String)
    case lockFailed(path: String, SystemError)
    /// A directory node-reconfig keeps state in (backups, the lock's `run/`) cannot be trusted or
    /// read: what is wrong and what to do.
    case stateDirectory(String)
    /// A planned file is gone or no longer a regular file.
    case missing(path: String)
    /// A planned file's bytes differ from what was planned (edited meanwhile).
    case changedSincePlanned(path: String)
    case unreadable(path: String, SystemError)
    case backup(SystemError)
    /// SIGINT, SIGTERM or SIGHUP arrived.
    case interrupted(signal: Int32)
    case write(path: String, SystemError)
    /// The file was written, but the journal could not record it.
    case journal(path: String, SystemError)
    /// The validating program could not be started.
    case validatorDidNotRun(command: String, SystemError)
    /// `nginx -t` / `haproxy -c` refused the new file: its most telling line.
    case validationRefused(program: String, path: String, detail: String)
    /// A service command (`systemctl restart kubelet`) failed.
    case serviceCommand(ServiceCommandFailure)
    case notActive(service: String, seconds: Int)
    case stoppedWhileSettling(service: String, seconds: Int)
    case probe(url: String, status: Int?, seconds: Int)
    /// kubelet's heartbeat did not reach `server` (its Lease or Node) after its restart.
    case heartbeat(node: String, server: String, seconds: Int, detail: String)
    /// A static pod's livenessProbe did not answer 2xx after its manifest changed (kubelet
    /// recreates the pod) or after its container was restarted for a file it mounts.
    case liveness(component: String, url: String, status: Int?, seconds: Int, restarted: Bool)
    case journalEnd(SystemError)
    /// Static pods are to be restarted and no container runtime CLI (crictl, docker) is here.
    case noContainerRuntime(pods: [String])
    /// A restarted static pod's container is not running again within the health timeout.
    case podNotBack(pod: String, runtime: String, seconds: Int)

    public var description: String {
        switch self {
        case .lockHeld(let path, let holder):
            return "Lock at \(path) is held by pid \(holder): another node-reconfig run is in progress; wait for it to finish"
        case .lockFailed(let path, let error): return "Cannot take the lock at \(path): \(error)"
        case .stateDirectory(let problem): return problem
        case .missing(let path): return "\(path) is missing or not a regular file"
        case .changedSincePlanned(let path): return "\(path) changed since it was read (edited meanwhile?); run again"
        case .unreadable(let path, let error): return "Cannot read \(path): \(error)"
        case .backup(let error): return "Cannot create the backup set: \(error)"
        case .interrupted(let signal): return "Interrupted by \(Signals.name(signal))"
        case .write(let path, let error): return "Cannot write \(path): \(error)"
        case .journal(let path, let error): return "\(path) was written, but the journal could not record it: \(error)"
        case .validatorDidNotRun(let command, let error): return "Cannot run `\(command)`: \(error)"
        case .validationRefused(let program, let path, let detail): return "\(program) refused the new \(path): \(detail)"
        case .serviceCommand(let failure): return failure.description
        case .notActive(let service, let seconds): return "\(service) is not active \(seconds) s after its restart"
        case .stoppedWhileSettling(let service, let seconds): return "\(service) stopped within \(seconds) s of its restart"
        case .probe(let url, let status, let seconds):
            return "Probe \(url) answered \(status.map(String.init) ?? "nothing") within \(seconds) s, not 2xx"
        case .heartbeat(let node, let server, let seconds, let detail):
            return "kubelet's heartbeat (node \(node)) did not reach \(server) within \(seconds) s of its restart: \(detail)"
        case .liveness(let component, let url, let status, let seconds, let restarted):
            return "\(component)'s livenessProbe \(url) answered \(status.map(String.init) ?? "nothing") within \(seconds) s of "
                + (restarted ? "its restart" : "its manifest's change") + ", not 2xx"
        case .journalEnd(let error): return "Cannot record the end of the run in the journal: \(error)"
        case .noContainerRuntime(let pods):
            return "\(pods.joined(separator: ", ")) must be restarted for the change to take, and neither crictl nor docker is on PATH "
                + "(give --runtime-cmd=PROGRAM, a program taking crictl's arguments, or --no-restart and restart them by hand)"
        case .podNotBack(let pod, let runtime, let seconds):
            return "\(pod) has no running container \(seconds) s after its restart (\(runtime) ps shows none)"
        }
    }

    /// The refusal line when this stopped the run before any write.
    var refusal: String {
        if case .lockHeld = self { return description }
        return "\(description); nothing was changed"
    }
}
