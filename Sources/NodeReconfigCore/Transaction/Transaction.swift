/// The transaction that changes a node and never loses a file (SPEC "Safety" 3–13).
///
///     let result = Transaction(options: options, context: .live()).apply(plan)
///     exit(result.exitCode)
///
/// Progress and errors go to stderr through `context.output`; stdout is left to the caller's
/// report (so `--json` stays one object). Signal handlers (`Signals.install()`) are the
/// caller's to install before calling.
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
        let changed = files.filter(\.isChanged)
        if changed.isEmpty, ((try? store.unfinished()) ?? []).isEmpty {
            return TransactionResult(outcome: .unchanged, messages: ["Nothing to change"])
        }
        let lock: FileLock
        switch RunLock.acquire(root: options.root, fileSystem: context.fileSystem, pid: options.pid) {
        case .refused(let message): return refuse(message)
        case .acquired(let acquired): lock = acquired
        }
        defer { context.fileSystem.unlock(lock) }

        let recovery = Recovery(options: options, context: context).run()
        if let refusal = recovery.refusal { return refuse(refusal) }
        if let failure = recovery.failure {
            return TransactionResult(outcome: .failed, messages: recovery.messages + [failure], recoveredSets: recovery.sets)
        }
        if changed.isEmpty {
            return TransactionResult(outcome: .unchanged, messages: recovery.messages + ["Nothing to change"],
                                     recoveredSets: recovery.sets)
        }
        var run = TransactionRun(options: options, context: context, files: changed)
        run.messages = recovery.messages
        var result = run.execute()
        result.recoveredSets = recovery.sets
        return result
    }

    /// Restores the backup sets of crashed runs, under the lock. For callers that want the files
    /// back as they were before planning (the planner must read the restored bytes).
    public func recoverUnfinished() -> TransactionResult {
        guard !((try? store.unfinished()) ?? []).isEmpty else { return TransactionResult(outcome: .unchanged) }
        switch RunLock.acquire(root: options.root, fileSystem: context.fileSystem, pid: options.pid) {
        case .refused(let message):
            return refuse(message)
        case .acquired(let lock):
            defer { context.fileSystem.unlock(lock) }
            let recovery = Recovery(options: options, context: context).run()
            if let refusal = recovery.refusal { return refuse(refusal) }
            if let failure = recovery.failure {
                return TransactionResult(outcome: .failed, messages: recovery.messages + [failure], recoveredSets: recovery.sets)
            }
            return TransactionResult(outcome: .unchanged, messages: recovery.messages, recoveredSets: recovery.sets)
        }
    }

    private func refuse(_ message: String) -> TransactionResult {
        context.output.standardError(message + "\n")
        return TransactionResult(outcome: .refused, messages: [message])
    }
}
