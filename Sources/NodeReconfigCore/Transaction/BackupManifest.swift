import FoundationEssentials

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

    /// Pretty, key-sorted JSON with a final newline.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0a]
    }

    /// Reads a manifest; nil when the bytes are not one.
    public static func decode(_ bytes: [UInt8]) -> BackupManifest? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(BackupManifest.self, from: Data(bytes))
    }
}
