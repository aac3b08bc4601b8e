/// `node-reconfig rollback [ID]`: restores the newest (or the named) backup set and restarts
/// the services of the files it put back (only those running: a stopped service stays stopped).
/// Exit 0 restored (or already as backed up), 1 refused (no such set, lock held), 4 failed.
public struct RollbackCommand: Sendable {
    /// Root, backup dir, service command, timeouts.
    public var transaction: TransactionOptions
    /// The set to restore; nil for the newest.
    public var id: String?
    public var json: Bool

    public init(transaction: TransactionOptions, id: String? = nil, json: Bool = false) {
        self.transaction = transaction
        self.id = id
        self.json = json
    }

    struct Report: Encodable {
        var result: String
        var backupId: String?
        var files: [File] = []
        var services: [ServiceOutcome] = []
        var message: String

        struct File: Encodable {
            var path: String
            var restored: Bool
        }

        /// snake_case keys; no `backup_id` when there is none.
        var json: JSONValue {
            var pairs: [(String, JSONValue)] = [("result", .string(result))]
            if let backupId { pairs.append(("backup_id", .string(backupId))) }
            pairs += [
                ("files", .array(files.map { .object([("path", .string($0.path)), ("restored", .bool($0.restored))]) })),
                ("services", .array(services.map(\.json))), ("message", .string(message)),
            ]
            return .object(pairs)
        }
    }

    public func run(_ context: Context) -> ExitCode {
        // A Ctrl-C or a dropped session must not cut a restore off half way: the signals only
        // set a flag, which a rollback does not act on.
        Signals.install()
        let settings = transaction
        let store = BackupStore(directory: settings.backupPath, fileSystem: context.fileSystem)
        // What would refuse is checked before the lock is taken: a refused rollback leaves
        // nothing behind (no run/ directory, no lock file). It is checked again under the lock.
        if let refusal = refusal(store, context) { return finish(refusal, .refused, context) }
        let lock: FileLock
        switch RunLock.acquire(root: settings.root, fileSystem: context.fileSystem, pid: settings.pid) {
        case .failure(let failure): return finish(Report(result: "refused", message: failure.refusal), .refused, context)
        case .success(let acquired): lock = acquired
        }
        defer { context.fileSystem.unlock(lock) }
        if let refusal = refusal(store, context) { return finish(refusal, .refused, context) }
        let ids = (try? store.ids()) ?? []
        guard let id = self.id ?? ids.reversed().first(where: { store.manifest($0) != nil }), let manifest = store.manifest(id) else {
            return finish(Report(result: "refused", message: "No backup set to roll back to in \(settings.backupPath)"), .refused, context)
        }
        let restorer = BackupRestorer(store: store, id: id)
        let restored = restorer.restore(manifest)
        var report = Report(result: "rolled-back", backupId: id, message: "Rollback finished")
        report.files = restored.restored.map { .init(path: $0.displayPath, restored: true) }
            + restored.untouched.map { .init(path: $0.displayPath, restored: false) }
        guard restored.failures.isEmpty else {
            try? store.record(.rollbackFailed, in: id)
            let steps = restorer.manualSteps(restored.failures).joined(separator: "\n  ")
            report.result = "failed"
            report.message = "Rollback FAILED: \(restored.failures.count) file(s) not restored. Backup set: \(store.setPath(id))\n  \(steps)"
            return finish(report, .rollbackIncomplete, context)
        }
        var failures: [TransactionFailure] = []
        if !settings.noRestart && !restored.restored.isEmpty {
            let again = ServiceRestarter(options: settings, context: context)
                .restartRunning(servicesOf: restored.restored, timeout: settings.healthTimeout, label: "")
            report.services = again.outcomes.map { var o = $0; o.result = o.result.trimmingBlanks(); return o }
            failures = again.failures
        }
        try? store.record(.rolledBack, in: id)
        if restored.restored.isEmpty { report.result = "unchanged" }
        guard failures.isEmpty else {
            report.result = "failed"
            report.message = "Rollback FAILED: files restored from \(store.setPath(id)), but: \(failures.map(\.description).joined(separator: "; "))"
            return finish(report, .rollbackIncomplete, context)
        }
        return finish(report, .success, context)
    }

    /// Why this rollback cannot start (an unsafe backup directory, no set, no such set), or nil.
    private func refusal(_ store: BackupStore, _ context: Context) -> Report? {
        let settings = transaction
        if let problem = StateDirectory.problem(settings.backupPath, fileSystem: context.fileSystem) {
            return Report(result: "refused", message: problem)
        }
        let ids = (try? store.ids()) ?? []
        guard let id = self.id ?? ids.reversed().first(where: { store.manifest($0) != nil }) else {
            return Report(result: "refused", message: "No backup set to roll back to in \(settings.backupPath)")
        }
        guard ids.contains(id), store.manifest(id) != nil else {
            return Report(result: "refused", backupId: id,
                          message: "No backup set \(id) with a manifest in \(settings.backupPath); `node-reconfig backups` lists them")
        }
        return nil
    }

    private func finish(_ report: Report, _ code: ExitCode, _ context: Context) -> ExitCode {
        if json {
            context.output.standardOutput(report.json.sortingKeys().rendered() + "\n")
            return code
        }
        for file in report.files { context.output.standardOutput("\(file.restored ? "restored" : "unchanged")  \(file.path)\n") }
        for service in report.services { context.output.standardOutput("\(service.name): \(service.result)\n") }
        if code == .success { context.output.standardOutput(report.message + "\n") } else { context.output.standardError(report.message + "\n") }
        return code
    }
}
