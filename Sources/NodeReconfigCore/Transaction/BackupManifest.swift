/// `manifest.json` of a backup set: what was backed up and how to put it back. Paths, hashes,
/// modes, owners and extended attributes only: never file contents (kubeconfigs hold keys).
public struct BackupManifest: Codable, Sendable, Equatable {
    public var version: Int
    public var id: String
    /// UTC, `2026-11-22T03:15:02Z`.
    public var created: String
    public var pid: Int32
    public var files: [BackupEntry]

    public init(id: String, created: String, pid: Int32, files: [BackupEntry]) {
        self.version = 1
        self.id = id
        self.created = created
        self.pid = pid
        self.files = files
    }

    /// Pretty, key-sorted JSON (snake_case keys, `"key" : value`) with a final newline.
    public func encoded() -> [UInt8] {
        let object = JSONValue.object([
            ("version", .int(version)), ("id", .string(id)), ("created", .string(created)),
            ("pid", .int(Int(pid))), ("files", .array(files.map(\.json))),
        ])
        return Array(object.sortingKeys().rendered(indent: 2, spacedColon: true).utf8) + [0x0a]
    }

    /// Reads a manifest; nil when the bytes are not one.
    public static func decode(_ bytes: [UInt8]) -> BackupManifest? {
        guard let json = try? JSONValue.parse(bytes), let version = json["version"]?.intValue,
              let id = json["id"]?.stringValue, let created = json["created"]?.stringValue,
              let pid = json["pid"]?.intValue.flatMap(Int32.init(exactly:)),
              let fileValues = json["files"]?.arrayValue else { return nil }
        var files: [BackupEntry] = []
        for value in fileValues {
            guard let entry = BackupEntry(json: value) else { return nil }
            files.append(entry)
        }
        var manifest = BackupManifest(id: id, created: created, pid: pid, files: files)
        manifest.version = version
        return manifest
    }
}
