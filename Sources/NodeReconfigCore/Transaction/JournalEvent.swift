/// One line of a backup set's `journal`: the run's progress, appended and fsynced as it goes.
/// Lines name paths, services and steps, never file contents.
public enum JournalEvent: Sendable, Equatable {
    case begin(id: String, pid: Int32)
    case backedUp(String)
    case wrote(String)
    case validated(String)
    case daemonReload
    case restarted(String)
    case reloaded(String)
    case healthy
    case done
    case rollingBack
    case restored(String)
    case rolledBack
    case rollbackFailed
    /// Stopped before any write (backup failed, interrupted): nothing to restore.
    case aborted
    /// A later run restored this set after finding it unfinished.
    case recovered

    public var line: String {
        switch self {
        case .begin(let id, let pid): "begin \(id) pid \(pid)"
        case .backedUp(let path): "backed-up \(path)"
        case .wrote(let path): "wrote \(path)"
        case .validated(let path): "validated \(path)"
        case .daemonReload: "daemon-reload"
        case .restarted(let service): "restarted \(service)"
        case .reloaded(let service): "reloaded \(service)"
        case .healthy: "healthy"
        case .done: "done"
        case .rollingBack: "rolling-back"
        case .restored(let path): "restored \(path)"
        case .rolledBack: "rolled-back"
        case .rollbackFailed: "rollback-failed"
        case .aborted: "aborted"
        case .recovered: "recovered"
        }
    }

    /// Last lines that close a journal. `rollback-failed` does not: the set still needs restoring.
    public static let closingLines: Set<String> = ["done", "rolled-back", "aborted", "recovered"]
}
