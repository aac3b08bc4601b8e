/// A systemd unit file or drop-in (`kubelet.service`, `10-kubeadm.conf`).
///
/// Keeps every byte. Exposes each setting as a `SystemdEntry` whose value is split into words
/// across `\` continuation lines, as systemd does: comment lines (`#`, `;`) inside a continuation
/// are skipped (and kept in the file), the continuation backslash is never part of a word.
/// `.include FILE` (read by systemd before v242) is exposed as a reference; settings before
/// the first section, which systemd ignores, are ignored too and exposed with their lines.
/// Refuses a continuation that runs to the end of the file and a line that is neither a
/// section, a setting, `.include`, a comment nor blank.
public struct SystemdUnit: Sendable, Equatable {
    public var source: SourceText
    public var entries: [SystemdEntry]
    /// `.include FILE` lines, in file order: the core follows them like `EnvironmentFile=`.
    public var includes: [SystemdInclude]
    /// Settings before the first `[Section]`: systemd ignores them (and says so in its log).
    public var ignoredSettings: [SystemdIgnoredSetting]

    /// The keys whose values are command lines.
    public static let commandKeys: Set<String> = ["ExecStart", "ExecStartPre", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost", "ExecCondition"]

    public init(_ source: SourceText) throws(FormatError) {
        self.source = source
        let result = try SystemdParser(source: source).parse()
        self.entries = result.entries
        self.includes = result.includes
        self.ignoredSettings = result.ignored
    }

    /// The file's bytes.
    public func render() -> [UInt8] {
        source.bytes
    }

    /// The entries of `key` (in any section, or only in `section`), in file order.
    public func entries(_ key: String, in section: String? = nil) -> [SystemdEntry] {
        entries.filter { $0.key == key && (section == nil || $0.section == section) }
    }

    /// `ExecStart=`, `ExecStartPre=`, `ExecStartPost=`, `ExecReload=`, `ExecStop=` (and
    /// `ExecStopPost=`, `ExecCondition=`) entries: their words are the program and its
    /// arguments (the program word keeps systemd's `-`, `@`, `+`, `!` prefixes).
    public var commandEntries: [SystemdEntry] {
        entries.filter { Self.commandKeys.contains($0.key) }
    }
}

// Environment= items and EnvironmentFile= references.
extension SystemdUnit {
    /// The `NAME=VALUE` items of every `Environment=` setting, in file order. An item without
    /// `=` or with an invalid name is skipped, as systemd skips it.
    public var environmentAssignments: [SystemdEnvironmentAssignment] {
        var out: [SystemdEnvironmentAssignment] = []
        for entry in entries where entry.key == "Environment" {
            for word in entry.shellWords {
                let text = Array(word.text.utf8)
                guard let equals = text.firstIndex(of: 0x3D) else { continue }
                let name = String(decoding: text[0..<equals], as: UTF8.self)
                guard EnvFile.isIdentifier(Substring(name)) else { continue }
                let valueRange = (equals + 1)..<text.count
                let value = word.slice(valueRange)
                out.append(SystemdEnvironmentAssignment(name: name, value: word.token(for: valueRange),
                                                        shellWords: value.splitOnWhitespace(), entryLine: entry.line))
            }
        }
        return out
    }

    /// The `EnvironmentFile=` settings, in file order (an empty setting, which resets the list
    /// in systemd, is left out).
    public var environmentFiles: [SystemdEnvironmentFile] {
        entries.filter { $0.key == "EnvironmentFile" }.compactMap { entry in
            let raw = entry.segments.map { segment in
                let utf8 = Array(source.lines[segment.line].text.utf8)
                return String(decoding: utf8[segment.range], as: UTF8.self)
            }.joined(separator: " ")
            var path = Substring(raw)
            while path.last == " " || path.last == "\t" { path.removeLast() }
            guard !path.isEmpty else { return nil }
            let optional = path.hasPrefix("-")
            if optional { path.removeFirst() }
            return SystemdEnvironmentFile(path: String(path), isOptional: optional, line: entry.line)
        }
    }
}
