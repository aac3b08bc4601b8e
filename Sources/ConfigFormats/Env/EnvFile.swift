/// A shell-variable file read by systemd `EnvironmentFile=` and init scripts: `/etc/sysconfig/*`,
/// `/etc/default/*`, `/etc/etcd/etcd.conf`, `/etc/kubernetes/config`, flannel's `options.env`.
///
/// Reads what bash and systemd read where it defines nothing ambiguous: `KEY=value` (several
/// on a line too), `export KEY=value` and bare `export NAME…`, `unset NAME…`, `. FILE` and
/// `source FILE` (exposed as `sourcedFiles`), statements ended by `;`, comments (`#KEY=…` is not
/// an assignment) and blank lines. Values may be unquoted, `'…'` or `"…"`, run over lines (with
/// `\` or inside quotes), and hold `$(…)`, backticks, `$((…))` and `${…}` (exposed as computed
/// or referencing). Refused, with the line and why: control flow, functions, arrays, `+=`,
/// commands, pipes and redirections, `KEY = v`, a quote never closed.
public struct EnvFile: Sendable, Equatable {
    public var source: SourceText
    public var assignments: [EnvAssignment]
    /// Files read with `. FILE` or `source FILE`, in file order: the core follows them.
    public var sourcedFiles: [EnvSourcedFile]
    /// `unset` statements, in file order.
    public var unsets: [EnvUnset]

    public init(_ source: SourceText) throws(FormatError) {
        self.source = source
        let result = try EnvParser(source: source).parse()
        self.assignments = result.assignments
        self.sourcedFiles = result.sourcedFiles
        self.unsets = result.unsets
    }

    /// Where `name` is defined for a use on line `line` (0-based): its last assignment before
    /// that line, or nil (the indirection rule rewrites the value there, once for every use).
    public func definition(of name: String, before line: Int) -> EnvAssignment? {
        assignments.last { $0.key == name && $0.lastLine < line }
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

/// A `. FILE` or `source FILE` statement.
public struct EnvSourcedFile: Sendable, Equatable {
    /// The path as the shell reads it (quotes removed), with its position.
    public var path: ValueToken
    /// True when the path holds an expansion (`$DIR/common`): it names no fixed file.
    public var isComputed: Bool
    /// 0-based line of the statement.
    public var line: Int
}

/// An `unset NAME…` statement.
public struct EnvUnset: Sendable, Equatable {
    public var names: [String]
    /// 0-based line of the statement.
    public var line: Int
}
