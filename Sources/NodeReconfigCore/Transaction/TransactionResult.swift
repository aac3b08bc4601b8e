/// What a transaction did, for the human and JSON reports and the exit code.
public struct TransactionResult: Sendable, Equatable {
    /// How putting the files back went, when the run had to.
    public enum Undo: Sendable, Equatable, CustomStringConvertible {
        /// Every file restored, the services restarted: `Rollback finished`.
        case finished
        /// Stopped (interrupted) before the first write: nothing to restore, `Rollback finished`.
        case nothingWritten
        /// Files of this run's backup set could not be restored.
        case filesNotRestored(count: Int, backupSet: String)
        /// Every file restored, but services did not come back.
        case servicesNotBack([String], backupSet: String)
        /// A crashed run's backup set, found before this run, could not be restored.
        case unfinishedRunNotRestored(backupSet: String)

        public var description: String {
            switch self {
            case .finished, .nothingWritten: return "Rollback finished"
            case .filesNotRestored(let count, let set): return "Rollback FAILED: \(count) file(s) could not be restored. Backup set: \(set)"
            case .servicesNotBack(let failures, let set):
                return "Rollback FAILED: every file is restored, but: \(failures.joined(separator: "; ")). Backup set: \(set). Start the service(s) by hand and check them."
            case .unfinishedRunNotRestored(let set): return "Rollback FAILED: restore \(set) by hand first"
            }
        }
    }

    public var outcome: TransactionOutcome
    /// Why the run refused or was rolled back; nil when it changed what it planned or had nothing to do.
    public var failure: TransactionFailure?
    /// How the rollback went, when there was one.
    public var undo: Undo?
    /// The backup set of this run (nil when nothing was backed up).
    public var backupID: String?
    /// The backup set's directory, when there is one.
    public var backupPath: String?
    public var services: [ServiceOutcome]
    /// Progress and error lines in order (already printed on stderr).
    public var messages: [String]
    /// Display paths written by this run (restored again when rolled back).
    public var writtenFiles: [String]
    /// Backup sets of crashed runs restored before this one started.
    public var recoveredSets: [String]

    public init(outcome: TransactionOutcome, failure: TransactionFailure? = nil, undo: Undo? = nil, backupID: String? = nil,
                backupPath: String? = nil, services: [ServiceOutcome] = [], messages: [String] = [], writtenFiles: [String] = [],
                recoveredSets: [String] = []) {
        self.outcome = outcome
        self.failure = failure
        self.undo = undo
        self.backupID = backupID
        self.backupPath = backupPath
        self.services = services
        self.messages = messages
        self.writtenFiles = writtenFiles
        self.recoveredSets = recoveredSets
    }

    public var exitCode: Int32 { outcome.exit.code }
    public var changed: Bool { outcome == .changed }
    public var rolledBack: Bool { outcome == .rolledBack || outcome == .failed && !writtenFiles.isEmpty }

    /// The summary line (JSON `message`, and so fanout's table). A rollback after writing names
    /// its cause first (`nginx refused the new …; Rollback finished`): a report saying only
    /// `Rollback finished` would send the operator to the host's stderr to learn why.
    public var message: String {
        switch outcome {
        case .changed: return "Changed \(writtenFiles.count) file(s); backup set \(backupPath ?? "")"
        case .unchanged: return "Nothing to change"
        case .refused: return failure?.refusal ?? ""
        case .rolledBack, .failed:
            guard let undo else { return failure?.description ?? "" }
            guard let failure, undo != .nothingWritten else { return undo.description }
            return "\(failure); \(undo)"
        }
    }
}
