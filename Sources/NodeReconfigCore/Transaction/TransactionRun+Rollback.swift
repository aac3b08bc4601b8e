extension TransactionRun {
    /// Any failure after the first write: every file back from the backup set, units reloaded,
    /// the same services restarted; `Rollback finished` (exit 3) or `Rollback FAILED` (exit 4).
    mutating func rollBack(because reason: String) -> TransactionResult {
        guard writing, let backupID, let manifest else { return stopBeforeWriting(reason) }
        say(reason)
        say("Rolling back from \(store.setPath(backupID))")
        try? record(.rollingBack)
        let restorer = BackupRestorer(store: store, id: backupID)
        let report = restorer.restore(manifest)
        if !report.failures.isEmpty {
            try? record(.rollbackFailed)
            say("Rollback FAILED: \(report.failures.count) file(s) could not be restored. Backup set: \(store.setPath(backupID))")
            for step in restorer.manualSteps(report.failures) { say("  " + step) }
            return result(.failed)
        }
        var failures: [String] = []
        if !touched.isEmpty || needsDaemonReload && !options.noRestart {
            let again = restarter.restart(touched, daemonReload: needsDaemonReload && !options.noRestart,
                                          timeout: options.healthTimeout, label: "after rollback")
            for outcome in again.outcomes {
                if let index = outcomes.firstIndex(where: { $0.name == outcome.name }) {
                    outcomes[index].result += "; " + outcome.result
                } else {
                    outcomes.append(outcome)
                }
            }
            failures = again.failures
        }
        try? record(.rolledBack)
        if !failures.isEmpty {
            say("Rollback FAILED: every file is restored, but: \(failures.joined(separator: "; ")). Backup set: \(store.setPath(backupID)). Start the service(s) by hand and check them.")
            return result(.failed)
        }
        say("Rollback finished")
        return result(.rolledBack)
    }
}
