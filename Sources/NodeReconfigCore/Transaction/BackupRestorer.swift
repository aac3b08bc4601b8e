/// Puts the files of a backup set back (rollback, recovery, `node-reconfig rollback`).
struct BackupRestorer {
    var store: BackupStore
    var id: String

    /// What restoring did: entries put back, entries already as they were, and failures.
    struct Report {
        var restored: [BackupEntry] = []
        var untouched: [BackupEntry] = []
        var failures: [(entry: BackupEntry, reason: String)] = []
    }

    /// Restores every entry whose bytes differ from its `sha256Before` (a missing file included),
    /// atomically, with the recorded mode, owner and extended attributes, and reads it back.
    /// Continues past a failing file so that as much as possible is back.
    func restore(_ manifest: BackupManifest) -> Report {
        let fileSystem = store.fileSystem
        let writer = AtomicWriter(fileSystem: fileSystem)
        var report = Report()
        for entry in manifest.files {
            let temp = AtomicWriter.tempPath(for: entry.path, tag: id)
            if (try? fileSystem.status(temp)) != nil { try? fileSystem.remove(temp) }
            if let current = try? fileSystem.readFile(entry.path), SHA256.hex(current) == entry.sha256Before {
                report.untouched.append(entry)
                continue
            }
            do {
                let copy = try fileSystem.readFile("\(store.setPath(id))/\(entry.copy)")
                guard SHA256.hex(copy) == entry.sha256Before else {
                    report.failures.append((entry, "the backup copy \(entry.copy) does not match its recorded sha256"))
                    continue
                }
                try writer.replace(entry.path, with: copy, like: entry.status, attributes: entry.attributeValues, tag: id)
                guard try fileSystem.readFile(entry.path) == copy else {
                    report.failures.append((entry, "read back different bytes after restoring"))
                    continue
                }
                try? store.record(.restored(entry.displayPath), in: id)
                report.restored.append(entry)
            } catch {
                report.failures.append((entry, error.description))
            }
        }
        return report
    }

    /// What to do by hand when restoring failed: one command per file still to restore.
    func manualSteps(_ failures: [(entry: BackupEntry, reason: String)]) -> [String] {
        let set = store.setPath(id)
        var steps = failures.map { failure in
            let e = failure.entry
            return "cp -p \(set)/\(e.copy) \(e.path) && chown \(e.uid):\(e.gid) \(e.path) && chmod \(String(e.mode, radix: 8)) \(e.path)   # \(failure.reason)"
        }
        steps.append("then run `node-reconfig rollback \(id)` (or restart the affected services by hand)")
        return steps
    }
}
