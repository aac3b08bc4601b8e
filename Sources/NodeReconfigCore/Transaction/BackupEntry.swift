/// One file in a backup set's manifest.
public struct BackupEntry: Codable, Sendable, Equatable {
    /// Absolute host path that was written.
    public var path: String
    /// The path as the operator knows it.
    public var displayPath: String
    public var component: String
    public var kind: String
    public var services: [String]
    /// The copy's file name inside the set directory.
    public var copy: String
    public var sha256Before: String
    public var sha256After: String
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    /// Extended attributes of the original: name → value in hex (SELinux labels, not secrets).
    public var xattrs: [String: String]
    public var needsDaemonReload: Bool
    /// Static pod containers that mount the file: restarted through the container runtime
    /// when it is put back (absent from manifests written before there were any).
    public var staticPods: [StaticPod] = []

    /// The members the manifest's first versions wrote with `JSONEncoder` (the static pods are
    /// written by `json`, and only when there are any).
    enum CodingKeys: String, CodingKey {
        case path, displayPath, component, kind, services, copy, sha256Before, sha256After, mode, uid, gid, xattrs, needsDaemonReload
    }

    public init(path: String, displayPath: String, component: String, kind: String, services: [String], copy: String,
                sha256Before: String, sha256After: String, mode: UInt32, uid: UInt32, gid: UInt32,
                xattrs: [String: String], needsDaemonReload: Bool) {
        self.path = path
        self.displayPath = displayPath
        self.component = component
        self.kind = kind
        self.services = services
        self.copy = copy
        self.sha256Before = sha256Before
        self.sha256After = sha256After
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.xattrs = xattrs
        self.needsDaemonReload = needsDaemonReload
    }

    /// The status the restored file must have.
    var status: FileStatus { FileStatus(type: .regular, mode: mode, uid: uid, gid: gid, size: 0) }

    /// The extended attributes as bytes.
    var attributeValues: [String: [UInt8]] { xattrs.mapValues(Hex.decode) }
}

extension BackupEntry {
    /// The manifest's JSON object for this file (snake_case keys, as `JSONEncoder`'s
    /// `.convertToSnakeCase` wrote them in earlier versions).
    var json: JSONValue {
        .object([
            ("path", .string(path)), ("display_path", .string(displayPath)), ("component", .string(component)),
            ("kind", .string(kind)), ("services", .array(services.map(JSONValue.string))), ("copy", .string(copy)),
            ("sha256_before", .string(sha256Before)), ("sha256_after", .string(sha256After)),
            ("mode", .int(Int(mode))), ("uid", .int(Int(uid))), ("gid", .int(Int(gid))),
            ("xattrs", .object(xattrs.map { ($0.key, .string($0.value)) })),
            ("needs_daemon_reload", .bool(needsDaemonReload)),
        ] + (staticPods.isEmpty ? [] : [("static_pods", .array(staticPods.map(\.json)))]))
    }

    /// Reads one file's entry; nil when a member is missing or of the wrong type.
    init?(json: JSONValue) {
        guard let path = json["path"]?.stringValue, let displayPath = json["display_path"]?.stringValue,
              let component = json["component"]?.stringValue, let kind = json["kind"]?.stringValue,
              let serviceValues = json["services"]?.arrayValue, let copy = json["copy"]?.stringValue,
              let sha256Before = json["sha256_before"]?.stringValue, let sha256After = json["sha256_after"]?.stringValue,
              let mode = json["mode"]?.intValue.flatMap(UInt32.init(exactly:)),
              let uid = json["uid"]?.intValue.flatMap(UInt32.init(exactly:)),
              let gid = json["gid"]?.intValue.flatMap(UInt32.init(exactly:)),
              let xattrPairs = json["xattrs"]?.objectValue,
              let needsDaemonReload = json["needs_daemon_reload"]?.boolValue else { return nil }
        let services = serviceValues.compactMap(\.stringValue)
        var xattrs: [String: String] = [:]
        for (name, value) in xattrPairs {
            // Hex of the attribute's bytes; a damaged value makes the manifest unreadable (said by
            // the caller) rather than a trap halfway through a restore.
            guard let text = value.stringValue, Hex.isValid(text) else { return nil }
            xattrs[name] = text
        }
        guard services.count == serviceValues.count else { return nil }
        self.init(path: path, displayPath: displayPath, component: component, kind: kind, services: services, copy: copy,
                  sha256Before: sha256Before, sha256After: sha256After, mode: mode, uid: uid, gid: gid,
                  xattrs: xattrs, needsDaemonReload: needsDaemonReload)
        if let pods = json["static_pods"] {
            guard let items = pods.arrayValue else { return nil }
            staticPods = items.compactMap(StaticPod.init(json:))
            guard staticPods.count == items.count else { return nil }
        }
    }
}

/// Lowercase hex for extended attribute values in the manifest (written with
/// `SHA256.hexString`, the one hex writer).
enum Hex {
    /// An even number of hex digits.
    static func isValid(_ text: String) -> Bool {
        text.utf8.count % 2 == 0 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0 | 0x20) }
    }

    /// The bytes of `text`, which `isValid` accepted.
    static func decode(_ text: String) -> [UInt8] {
        let values = text.utf8.map { c -> UInt8 in c <= 57 ? c - 48 : (c | 0x20) - 87 }
        return stride(from: 0, to: values.count - 1, by: 2).map { values[$0] << 4 | values[$0 + 1] }
    }
}
