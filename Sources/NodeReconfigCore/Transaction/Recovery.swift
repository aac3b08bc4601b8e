/// SPEC "Safety" 10: a run that finds an unfinished journal (the machine died mid-run, or an
/// earlier rollback failed) restores that set first, says so, then goes on. Runs under the lock.
struct Recovery {
    var options: TransactionOptions
    var context: Context

    struct Outcome {
        var sets: [String] = []
        var messages: [String] = []
        /// Set when a set could not be restored: the run must not go on (exit 4).
        var undo: TransactionResult.Undo?
        /// Set when the backup directory cannot be read: nothing was touched (exit 1).
        var refusal: TransactionFailure?
    }

    func run() -> Outcome {
        let store = BackupStore(directory: options.backupPath, fileSystem: context.fileSystem)
        var outcome = Outcome()
        func say(_ line: String) {
            outcome.messages.append(line)
            context.output.standardError(line + "\n")
        }
        if let problem = StateDirectory.problem(options.backupPath, fileSystem: context.fileSystem) {
            outcome.refusal = .stateDirectory(problem)
            return outcome
        }
        let unfinished: [String]
        do {
            unfinished = try store.unfinished()
        } catch {
            outcome.refusal = .stateDirectory("Cannot read the backup directory \(options.backupPath): \(error)")
            return outcome
        }
        for id in unfinished {
            guard let manifest = store.manifest(id) else {
                try? store.record(.aborted, in: id)
                say("Found an unfinished run (backup set \(id)) that stopped before writing anything; closed it")
                continue
            }
            let restorer = BackupRestorer(store: store, id: id)
            let report = restorer.restore(manifest)
            guard report.failures.isEmpty else {
                try? store.record(.rollbackFailed, in: id)
                say("Rollback FAILED: an unfinished run's backup set \(store.setPath(id)) could not be restored:")
                for step in restorer.manualSteps(report.failures) { say("  " + step) }
                outcome.undo = .unfinishedRunNotRestored(backupSet: store.setPath(id))
                return outcome
            }
            outcome.sets.append(id)
            say("Found an unfinished run (backup set \(id)): restored \(report.restored.count) file(s) from it")
            if !options.noRestart && !report.restored.isEmpty {
                let again = ServiceRestarter(options: options, context: context)
                    .restartRunning(servicesOf: report.restored, timeout: options.healthTimeout, label: "after recovery")
                for failure in again.failures { say("Warning: \(failure)") }
            }
            try? store.record(.recovered, in: id)
        }
        return outcome
    }
}
