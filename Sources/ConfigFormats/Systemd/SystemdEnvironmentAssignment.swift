/// One `NAME=VALUE` item of an `Environment=` setting (a setting may hold several, each quoted
/// or not): `Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=… --kubeconfig=…"`.
public struct SystemdEnvironmentAssignment: Sendable, Equatable {
    public var name: String
    /// The value after `NAME=`, inside the quotes when the item is quoted; verbatim when it lies
    /// in one piece of one line without escapes.
    public var value: ValueToken
    /// The value split on whitespace, as `$NAME` expands in a command line: for flag scanning.
    public var words: [ValueToken]
    /// The value split on whitespace, with piece positions (for `FlagScanner.scan(_:)`).
    public var shellWords: [ShellWord]
    /// 0-based line of the `Environment=` key.
    public var entryLine: Int

    public init(name: String, value: ValueToken, shellWords: [ShellWord], entryLine: Int) {
        self.name = name
        self.value = value
        self.shellWords = shellWords
        self.words = shellWords.map(\.token)
        self.entryLine = entryLine
    }
}
