/// One run's state, from the stale check to `done` or the rollback.
struct TransactionRun {
    /// A planned file with what was read from it just before writing.
    struct Prepared {
        var file: PlannedFile
        var status: FileStatus
        var attributes: [String: [UInt8]]
    }

    let options: TransactionOptions
    let context: Context
    let files: [PlannedFile]
    let manager: ServiceManager
    var prepared: [Prepared] = []
    var services: [String] = []
    /// What each service's files configure (its restart order and whether it is reloaded).
    var serviceComponents: [String: Component] = [:]
    var wasActive: [String: Bool] = [:]
    /// Services whose files changed only in what etcd reads at a member's first start: not restarted.
    var spared: [String] = []
    /// Services restarted only because etcd or kube-apiserver is (the master's controller
    /// manager and scheduler), with the one that calls for it.
    var companions: [String: String] = [:]
    /// Static pod containers whose mounted files changed, in restart order; the runtime that
    /// restarts them and the IDs of their running containers before the run.
    var pods: [StaticPod] = []
    var runtime: ContainerRuntime?
    var podContainers: [StaticPod: [String]] = [:]
    /// Static pods restarted (or attempted): the rollback restarts them again.
    var touchedPods: [StaticPod] = []
    var probesBefore: [String] = []
    var backupID: String?
    var manifest: BackupManifest?
    /// Set just before the first write: from here on, a failure rolls back.
    var writing = false
    var written: [String] = []
    /// Services restarted or reloaded (or attempted): the rollback restarts them again.
    var touched: [String] = []
    /// Wall time (seconds since 1970) just before each service's restart command.
    var restartedAt: [String: Double] = [:]
    var outcomes: [ServiceOutcome] = []
    var messages: [String] = []

    init(options: TransactionOptions, context: Context, files: [PlannedFile]) {
        self.options = options
        self.context = context
        self.files = files
        self.manager = ServiceManager(runner: context.processes, program: options.serviceCommand,
                                      commandTimeout: options.commandTimeout)
    }

    var store: BackupStore { BackupStore(directory: options.backupPath, fileSystem: context.fileSystem) }

    mutating func execute() -> TransactionResult {
        do {
            try prepare()
            try backUp()
        } catch {
            return stopBeforeWriting(error)
        }
        do {
            try checkInterrupt()
            try writeAll()
            try validate()
            try restartServices()
            try restartPods()
            try healthGate()
            // A run whose `done` is not on disk would be undone by the next run's recovery:
            // better to roll back now, while the state is known.
            try closeJournal()
        } catch {
            return rollBack(because: error)
        }
        // The summary (`Changed N file(s); backup set …`) is the command's to print, once.
        var result = result(.changed)
        if let pruned = try? store.prune(keep: options.keepBackups), !pruned.isEmpty {
            say("Pruned \(pruned.count) old backup set(s)")
        }
        result.messages = messages
        return result
    }

    /// Nothing was written: close the journal (or drop the set) and refuse.
    mutating func stopBeforeWriting(_ failure: TransactionFailure) -> TransactionResult {
        if let backupID {
            try? record(.aborted)
            try? store.remove(backupID)
            self.backupID = nil
        }
        if let signal = options.interrupted() {
            say("Interrupted by \(Signals.name(signal)) before any file was written; nothing changed")
            say(TransactionResult.Undo.nothingWritten.description)
            return result(.rolledBack, failure: .interrupted(signal: signal), undo: .nothingWritten)
        }
        say(failure.refusal)
        return result(.refused, failure: failure)
    }

    /// Any failure after the first write: every file back from the backup set, units reloaded,
    /// the same services restarted; `Rollback finished` (exit 3) or `Rollback FAILED` (exit 4).
    mutating func rollBack(because failure: TransactionFailure) -> TransactionResult {
        guard writing, let backupID, let manifest else { return stopBeforeWriting(failure) }
        say(failure.description)
        say("Rolling back from \(store.setPath(backupID))")
        try? record(.rollingBack)
        let restorer = BackupRestorer(store: store, id: backupID)
        let report = restorer.restore(manifest)
        if !report.failures.isEmpty {
            try? record(.rollbackFailed)
            let undo = TransactionResult.Undo.filesNotRestored(count: report.failures.count, backupSet: store.setPath(backupID))
            say(undo.description)
            for step in restorer.manualSteps(report.failures) { say("  " + step) }
            return result(.failed, failure: failure, undo: undo)
        }
        var failures: [TransactionFailure] = []
        if !touched.isEmpty || needsDaemonReload && !options.noRestart {
            let again = restarter.restart(touched, daemonReload: needsDaemonReload && !options.noRestart,
                                          timeout: options.healthTimeout, label: "after rollback", components: serviceComponents)
            for outcome in again.outcomes {
                if let index = outcomes.firstIndex(where: { $0.name == outcome.name }) {
                    outcomes[index].result += "; " + outcome.result
                } else {
                    outcomes.append(outcome)
                }
            }
            failures = again.failures
        }
        failures += restartPodsAgain()
        try? record(.rolledBack)
        let undo: TransactionResult.Undo = failures.isEmpty ? .finished
            : .servicesNotBack(failures.map(\.description), backupSet: store.setPath(backupID))
        say(undo.description)
        return result(failures.isEmpty ? .rolledBack : .failed, failure: failure, undo: undo)
    }

    func closeJournal() throws(TransactionFailure) {
        do {
            try record(.healthy)
            try record(.done)
        } catch {
            throw .journalEnd(error)
        }
    }

    func checkInterrupt() throws(TransactionFailure) {
        if let signal = options.interrupted() { throw .interrupted(signal: signal) }
    }

    func record(_ event: JournalEvent) throws(SystemError) {
        guard let backupID else { return }
        try store.record(event, in: backupID)
    }

    mutating func say(_ line: String) {
        messages.append(line)
        context.output.standardError(line + "\n")
    }

    func result(_ outcome: TransactionOutcome, failure: TransactionFailure? = nil, undo: TransactionResult.Undo? = nil) -> TransactionResult {
        TransactionResult(outcome: outcome, failure: failure, undo: undo, backupID: backupID, backupPath: backupID.map(store.setPath),
                          services: outcomes, messages: messages, writtenFiles: written)
    }
}
