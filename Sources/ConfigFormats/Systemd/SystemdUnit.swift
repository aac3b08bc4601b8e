/// A systemd unit file or drop-in (`kubelet.service`, `10-kubeadm.conf`).
///
/// Keeps every byte. Exposes each setting as a `SystemdEntry` whose value is split into words
/// across `\` continuation lines, as systemd does: comment lines (`#`, `;`) inside a continuation
/// are skipped (and kept in the file), the continuation backslash is never part of a word.
/// Refuses a continuation that runs to the end of the file, a setting outside any section, and
/// a line that is neither a section, a setting, a comment nor blank.
public struct SystemdUnit: Sendable, Equatable {
    public var source: SourceText
    public var entries: [SystemdEntry]

    /// The keys whose values are command lines.
    public static let commandKeys: Set<String> = ["ExecStart", "ExecStartPre", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost", "ExecCondition"]

    public init(_ source: SourceText) throws(FormatError) {
        self.source = source
        self.entries = try SystemdParser(source: source).parse()
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
