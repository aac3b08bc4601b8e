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
