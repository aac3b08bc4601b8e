/// How a command ends, named: the same type for apply, plan, detect, rollback, backups, help and
/// fanout, so that fanout's 3 ("a host did not succeed") and apply's 3 ("rolled back") are two
/// names, not one number read two ways (SPEC "Exit codes"; fanout's in its help).
public enum ExitCode: Sendable, Equatable, CustomStringConvertible {
    /// Done: changed, already up to date, listed, restored.
    case success
    /// Refused: bad input, preflight, parse error, lock held, validation before any write.
    /// Nothing changed.
    case refused
    /// `plan` / `--dry-run` (and `fanout plan`): changes are pending.
    case pending
    /// Failed after writing; every file was put back (`Rollback finished`).
    case rolledBack
    /// Failed, and the rollback did not complete: manual action needed (`Rollback FAILED`).
    case rollbackIncomplete
    /// fanout: at least one host did not succeed (each host's own result is in the report).
    case hostsFailed
    /// fanout: the hosts ran, but `--report` could not be written (the table is on stdout).
    case reportNotWritten

    /// The process exit status.
    public var code: Int32 {
        switch self {
        case .success: 0
        case .refused: 1
        case .pending: 2
        case .rolledBack, .hostsFailed, .reportNotWritten: 3
        case .rollbackIncomplete: 4
        }
    }

    public var description: String { "exit \(code)" }
}
