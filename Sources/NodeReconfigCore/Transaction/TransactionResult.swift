/// What a transaction did, for the human and JSON reports and the exit code.
public struct TransactionResult: Sendable, Equatable {
    public var outcome: TransactionOutcome
    /// The backup set of this run (nil when nothing was backed up).
    public var backupID: String?
    /// The backup set's directory, when there is one.
    public var backupPath: String?
    public var services: [ServiceOutcome]
    /// Progress and error lines in order (already printed on stderr). The last one sums up.
    public var messages: [String]
    /// Display paths written by this run (restored again when rolled back).
    public var writtenFiles: [String]
    /// Backup sets of crashed runs restored before this one started.
    public var recoveredSets: [String]

    public init(outcome: TransactionOutcome, backupID: String? = nil, backupPath: String? = nil,
                services: [ServiceOutcome] = [], messages: [String] = [], writtenFiles: [String] = [],
                recoveredSets: [String] = []) {
        self.outcome = outcome
        self.backupID = backupID
        self.backupPath = backupPath
        self.services = services
        self.messages = messages
        self.writtenFiles = writtenFiles
        self.recoveredSets = recoveredSets
    }

    public var exitCode: Int32 { outcome.exitCode }
    public var changed: Bool { outcome == .changed }
    public var rolledBack: Bool { outcome == .rolledBack || outcome == .failed && !writtenFiles.isEmpty }
    /// The summary line (JSON `message`, and so fanout's table). A rollback names its cause
    /// first (`nginx refused the new …; Rollback finished`): a report saying only
    /// `Rollback finished` would send the operator to the host's stderr to learn why. A failed
    /// one sums up with its `Rollback FAILED` line, not the manual steps printed after it.
    public var message: String {
        let summary: String
        switch outcome {
        case .rolledBack where messages.last == "Rollback finished":
            summary = "Rollback finished"
        case .failed:
            guard let failed = messages.last(where: { $0.hasPrefix("Rollback FAILED") }) else { return messages.last ?? "" }
            summary = failed
        default:
            return messages.last ?? ""
        }
        guard let start = messages.lastIndex(where: { $0.hasPrefix("Rolling back from ") }), start > 0 else { return summary }
        return "\(messages[start - 1]); \(summary)"
    }
}
