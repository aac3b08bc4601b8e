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
        ])
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
            guard let text = value.stringValue else { return nil }
            xattrs[name] = text
        }
        guard services.count == serviceValues.count else { return nil }
        self.init(path: path, displayPath: displayPath, component: component, kind: kind, services: services, copy: copy,
                  sha256Before: sha256Before, sha256After: sha256After, mode: mode, uid: uid, gid: gid,
                  xattrs: xattrs, needsDaemonReload: needsDaemonReload)
    }
}
