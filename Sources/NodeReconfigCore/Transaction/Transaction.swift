/// The transaction that changes a node and never loses a file (SPEC "Safety" 3–13).
///
///     let result = try Transaction(options: options, context: .live()).apply { try plannedFiles() }
///     exit(result.exitCode)
///
/// One lock for the whole run: a crashed run's files are restored first (under the lock, before
/// the planner reads anything), then the planner runs, then the files are written. Progress and
/// errors go to stderr through `context.output`; stdout is left to the caller's report (so
/// `--json` stays one object). Signal handlers (`Signals.install()`) are the caller's to install.
public struct Transaction: Sendable {
    public var options: TransactionOptions
    public var context: Context

    public init(options: TransactionOptions, context: Context) {
        self.options = options
        self.context = context
    }

    var store: BackupStore { BackupStore(directory: options.backupPath, fileSystem: context.fileSystem) }

    /// Writes `files` (those whose bytes differ), restarts, checks health, rolls back on failure.
    public func apply(_ files: [PlannedFile]) -> TransactionResult {
        do {
            return try apply(planning: { () throws(NodeReconfigError) in files })
        } catch {
            preconditionFailure("planning that cannot fail failed: \(error)")
        }
    }

    /// Restores crashed runs, then plans with `planning` (which reads the restored files), then
    /// writes what it planned. The lock is taken once, when there is something to restore or to
    /// write; a node that is up to date is never locked. A planning error is rethrown as it is
    /// (nothing was written; crash recovery, if any, stays done).
    public func apply(planning: () throws(NodeReconfigError) -> [PlannedFile]) throws(NodeReconfigError) -> TransactionResult {
        var lock: FileLock?
        defer { if let lock { context.fileSystem.unlock(lock) } }
        var recovered = Recovery.Outcome()
        if !((try? store.unfinished()) ?? []).isEmpty {
            switch acquireLock() {
            case .failure(let failure): return refuse(failure)
            case .success(let acquired): lock = acquired
            }
            recovered = Recovery(options: options, context: context).run()
            if let refusal = recovered.refusal { return refuse(refusal) }
            if let undo = recovered.undo {
                return TransactionResult(outcome: .failed, undo: undo, messages: recovered.messages + [undo.description],
                                         recoveredSets: recovered.sets)
            }
        }
        let changed = try planning().filter(\.isChanged)
        if changed.isEmpty {
            return TransactionResult(outcome: .unchanged, messages: recovered.messages + ["Nothing to change"],
                                     recoveredSets: recovered.sets)
        }
        if lock == nil {
            switch acquireLock() {
            case .failure(let failure): return refuse(failure)
            case .success(let acquired): lock = acquired
            }
        }
        var run = TransactionRun(options: options, context: context, files: changed)
        run.messages = recovered.messages
        var result = run.execute()
        result.recoveredSets = recovered.sets
        return result
    }

    private func acquireLock() -> Result<FileLock, TransactionFailure> {
        RunLock.acquire(root: options.root, fileSystem: context.fileSystem, pid: options.pid)
    }

    private func refuse(_ failure: TransactionFailure) -> TransactionResult {
        context.output.standardError(failure.refusal + "\n")
        return TransactionResult(outcome: .refused, failure: failure, messages: [failure.refusal])
    }
}
