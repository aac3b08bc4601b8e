/// An `EnvironmentFile=` setting: the env file a unit reads its variables from.
public struct SystemdEnvironmentFile: Sendable, Equatable {
    /// The path as written, without the `-` prefix.
    public var path: String
    /// True for `EnvironmentFile=-/path`: a missing file is not an error.
    public var isOptional: Bool
    /// 0-based line of the setting.
    public var line: Int

    public init(path: String, isOptional: Bool, line: Int) {
        self.path = path
        self.isOptional = isOptional
        self.line = line
    }
}

/// A `.include FILE` line (systemd before v242 reads the file there; later ones ignore it).
public struct SystemdInclude: Sendable, Equatable {
    /// The path as written.
    public var path: String
    /// 0-based line.
    public var line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }
}

/// A setting before the first `[Section]` header, which systemd ignores.
public struct SystemdIgnoredSetting: Sendable, Equatable {
    public var key: String
    /// 0-based first and last line (a value may go on over `\` lines).
    public var line: Int
    public var lastLine: Int

    public init(key: String, line: Int, lastLine: Int) {
        self.key = key
        self.line = line
        self.lastLine = lastLine
    }
}
