/// A shell-variable file read by systemd `EnvironmentFile=` and init scripts: `/etc/sysconfig/*`,
/// `/etc/default/*`, `/etc/etcd/etcd.conf`, `/etc/kubernetes/config`, flannel's `options.env`.
///
/// Accepts `KEY=value` and `export KEY=value` lines with unquoted, `'…'` or `"…"` values
/// (double-quoted values may run over several lines with `\` continuations), an optional
/// ` # comment` after the value, comment lines (`#KEY=…` included: those are not assignments)
/// and blank lines. Refuses anything else (shell code, `KEY = v`, unterminated quotes) with
/// its line, because guessing what a script does is not safe.
public struct EnvFile: Sendable, Equatable {
    public var source: SourceText
    public var assignments: [EnvAssignment]

    public init(_ source: SourceText) throws(FormatError) {
        self.source = source
        self.assignments = try EnvParser(source: source).parse()
    }

    /// The file's bytes.
    public func render() -> [UInt8] {
        source.bytes
    }

    /// The assignments of `key`, in file order (a key may be set twice; the last one wins).
    public func assignments(of key: String) -> [EnvAssignment] {
        assignments.filter { $0.key == key }
    }

    /// True for a shell identifier: a letter or `_`, then letters, digits, `_`.
    public static func isIdentifier(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, first == 0x5F || isLetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == 0x5F || isLetter($0) || (0x30...0x39).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
