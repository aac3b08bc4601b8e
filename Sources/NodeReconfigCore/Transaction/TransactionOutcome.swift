/// How a transaction ended. The raw value is the JSON `result`.
public enum TransactionOutcome: String, Sendable, Equatable {
    /// Files written, services healthy. Exit 0.
    case changed
    /// Nothing differed. Exit 0.
    case unchanged
    /// Stopped before any write (lock held, file changed since planning, backup failed). Exit 1.
    case refused
    /// Failed after writing; every file restored (`Rollback finished`). Exit 3.
    case rolledBack = "rolled-back"
    /// Failed, and the rollback did not complete (`Rollback FAILED`). Exit 4.
    case failed

    /// The exit code of a run that ended so.
    public var exit: ExitCode {
        switch self {
        case .changed, .unchanged: .success
        case .refused: .refused
        case .rolledBack: .rolledBack
        case .failed: .rollbackIncomplete
        }
    }
}
