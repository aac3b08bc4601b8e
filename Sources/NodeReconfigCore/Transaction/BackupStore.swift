/// The backup directory: one set per run, `<backup-dir>/<id>/` holding the copies,
/// `manifest.json` and `journal`.
public struct BackupStore: Sendable {
    public var directory: String
    public var fileSystem: any FileSystem

    public init(directory: String, fileSystem: any FileSystem) {
        self.directory = directory
        self.fileSystem = fileSystem
    }

    public func setPath(_ id: String) -> String { "\(directory)/\(id)" }
    public func journalPath(_ id: String) -> String { "\(directory)/\(id)/journal" }
    public func manifestPath(_ id: String) -> String { "\(directory)/\(id)/manifest.json" }

    /// Set ids, oldest first (ids sort by time). Empty when the directory does not exist.
    public func ids() throws(SystemError) -> [String] {
        guard try fileSystem.status(directory)?.type == .directory else { return [] }
        var result: [String] = []
        for name in try fileSystem.listDirectory(directory) where try fileSystem.status(journalPath(name)) != nil {
            result.append(name)
        }
        return result.sorted()
    }

    /// The journal's lines (empty when unreadable).
    public func journal(_ id: String) -> [String] {
        guard let bytes = try? fileSystem.readFile(journalPath(id)) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// nil when the manifest is absent or unreadable (the run stopped before its first write).
    public func manifest(_ id: String) -> BackupManifest? {
        (try? fileSystem.readFile(manifestPath(id))).flatMap(BackupManifest.decode)
    }

    /// `done`, `rolled-back`, `aborted`, `recovered`, `rollback-failed`, or `unfinished`.
    public func outcome(_ id: String) -> String {
        guard let last = journal(id).last else { return "unfinished" }
        if JournalEvent.closingLines.contains(last) || last == JournalEvent.rollbackFailed.line { return last }
        return "unfinished"
    }

    public func isClosed(_ id: String) -> Bool {
        journal(id).last.map(JournalEvent.closingLines.contains) ?? false
    }

    /// Sets whose journal is not closed (a crashed run, or a rollback that failed), oldest first.
    public func unfinished() throws(SystemError) -> [String] {
        try ids().filter { !isClosed($0) }
    }

    /// Appends one event to a set's journal, fsynced.
    public func record(_ event: JournalEvent, in id: String) throws(SystemError) {
        try fileSystem.appendToFile(journalPath(id), bytes: Array((event.line + "\n").utf8), mode: 0o600)
    }

    /// Deletes a set: its files, then the directory.
    public func remove(_ id: String) throws(SystemError) {
        let path = setPath(id)
        for name in try fileSystem.listDirectory(path) { try fileSystem.remove("\(path)/\(name)") }
        try fileSystem.remove(path)
    }

    /// Removes closed sets beyond the newest `keep`, oldest first, and the secrets scratch
    /// directories of runs that are gone. Unfinished sets are never pruned.
    @discardableResult
    public func prune(keep: Int) throws(SystemError) -> [String] {
        let all = try ids()
        let excess = max(0, all.count - max(keep, 1))
        let victims = all.prefix(excess).filter(isClosed)
        for id in victims { try remove(id) }
        // Scratch directories of runs killed before they could remove them (keys, tokens).
        SecretScratch.sweep(.backupDirectory(directory), fileSystem: fileSystem)
        return Array(victims)
    }
}
