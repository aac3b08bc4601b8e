/// One run's state, from the stale check to `done` or the rollback.
struct TransactionRun {
    /// A planned file with what was read from it just before writing.
    struct Prepared {
        var file: PlannedFile
        var status: FileStatus
        var attributes: [String: [UInt8]]
    }

    /// A step that did not work: why, in one line.
    struct StepFailure: Error {
        var message: String
    }

    let options: TransactionOptions
    let context: Context
    let files: [PlannedFile]
    let manager: ServiceManager
    var prepared: [Prepared] = []
    var services: [String] = []
    var wasActive: [String: Bool] = [:]
    var probesBefore: [String] = []
    var backupID: String?
    var manifest: BackupManifest?
    /// Set just before the first write: from here on, a failure rolls back.
    var writing = false
    var written: [String] = []
    /// Services restarted or reloaded (or attempted): the rollback restarts them again.
    var touched: [String] = []
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
            return stopBeforeWriting(error.message)
        }
        do {
            try checkInterrupt()
            try writeAll()
            try validate()
            try restartServices()
            try healthGate()
            // A run whose `done` is not on disk would be undone by the next run's recovery:
            // better to roll back now, while the state is known.
            try closeJournal()
        } catch {
            return rollBack(because: error.message)
        }
        say("Changed \(written.count) file(s); backup set \(store.setPath(backupID ?? ""))")
        if let pruned = try? store.prune(keep: options.keepBackups), !pruned.isEmpty {
            say("Pruned \(pruned.count) old backup set(s)")
        }
        return result(.changed)
    }

    /// Nothing was written: close the journal (or drop the set) and refuse.
    mutating func stopBeforeWriting(_ reason: String) -> TransactionResult {
        if let backupID {
            try? record(.aborted)
            try? store.remove(backupID)
            self.backupID = nil
        }
        if let signal = options.interrupted() {
            say("Interrupted by \(Signals.name(signal)) before any file was written; nothing changed")
            say("Rollback finished")
            return result(.rolledBack)
        }
        say("\(reason); nothing was changed")
        return result(.refused)
    }

    func closeJournal() throws(StepFailure) {
        do {
            try record(.healthy)
            try record(.done)
        } catch {
            throw StepFailure(message: "Cannot record the end of the run in the journal: \(error)")
        }
    }

    func checkInterrupt() throws(StepFailure) {
        if let signal = options.interrupted() { throw StepFailure(message: "Interrupted by \(Signals.name(signal))") }
    }

    func record(_ event: JournalEvent) throws(SystemError) {
        guard let backupID else { return }
        try store.record(event, in: backupID)
    }

    mutating func say(_ line: String) {
        messages.append(line)
        context.output.standardError(line + "\n")
    }

    func result(_ outcome: TransactionOutcome) -> TransactionResult {
        TransactionResult(outcome: outcome, backupID: backupID, backupPath: backupID.map(store.setPath),
                          services: outcomes, messages: messages, writtenFiles: written)
    }
}
