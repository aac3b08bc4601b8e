/// `node-reconfig backups`: lists backup sets, oldest first: id, time, files, outcome.
public struct BackupsCommand: Sendable {
    public var transaction: TransactionOptions
    public var json: Bool

    public init(transaction: TransactionOptions, json: Bool = false) {
        self.transaction = transaction
        self.json = json
    }

    /// One set as listed.
    public struct Entry: Encodable, Sendable, Equatable {
        public var id: String
        public var time: String
        public var files: [String]
        /// `done`, `rolled-back`, `aborted`, `recovered`, `rollback-failed`, `unfinished`.
        public var outcome: String

        var json: JSONValue {
            .object([("id", .string(id)), ("time", .string(time)), ("files", .array(files.map(JSONValue.string))),
                     ("outcome", .string(outcome))])
        }
    }

    /// The sets in the backup directory.
    public static func list(_ options: TransactionOptions, context: Context) throws(SystemError) -> [Entry] {
        let store = BackupStore(directory: options.backupPath, fileSystem: context.fileSystem)
        return try store.ids().map { id in
            Entry(id: id, time: BackupID.readableTime(id), files: store.manifest(id)?.files.map(\.displayPath) ?? [],
                  outcome: store.outcome(id))
        }
    }

    public func run(_ context: Context) -> ExitCode {
        let entries: [Entry]
        do {
            entries = try Self.list(transaction, context: context)
        } catch {
            context.output.standardError("Cannot read the backup directory \(transaction.backupPath): \(error)\n")
            return .refused
        }
        if json {
            let report = JSONValue.object([("backups", .array(entries.map(\.json))), ("backup_dir", .string(transaction.backupPath))])
            context.output.standardOutput(report.sortingKeys().rendered() + "\n")
            return .success
        }
        if entries.isEmpty {
            context.output.standardOutput("No backup sets in \(transaction.backupPath)\n")
            return .success
        }
        let width = entries.map(\.id.count).max() ?? 2
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        context.output.standardOutput("\(pad("ID", width))  \(pad("TIME", 20))  \(pad("OUTCOME", 15))  FILES\n")
        for e in entries {
            context.output.standardOutput("\(pad(e.id, width))  \(pad(e.time, 20))  \(pad(e.outcome, 15))  \(e.files.joined(separator: ", "))\n")
        }
        return .success
    }
}
