/// One entry of a kubeconfig's `clusters:` list.
public struct KubeconfigCluster: Sendable, Equatable {
    /// The entry's `name:`, when it has one.
    public var name: String?
    /// The `server:` scalar under `cluster:` (its value, inside any quotes), or nil.
    public var server: ValueToken?
    /// How `server:` is quoted, when present.
    public var serverStyle: YAMLScalar.Style?
    /// 0-based line where the list item starts.
    public var line: Int
    /// `insecure-skip-tls-verify: true` under `cluster:`: clients do not verify the server.
    public var insecureSkipTLSVerify: Bool

    public init(name: String?, server: ValueToken?, serverStyle: YAMLScalar.Style?, line: Int, insecureSkipTLSVerify: Bool = false) {
        self.name = name
        self.server = server
        self.serverStyle = serverStyle
        self.line = line
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
    }

    /// The patch that sets `server:` to `value`, keeping its quote style (plain stays plain,
    /// "x" stays "x", 'x' stays 'x'). Refuses an entry without a `server:` value.
    public func patch(settingServer value: String) throws(FormatError) -> Patch {
        guard let server, let serverStyle else {
            throw FormatError(line: line + 1, "cluster '\(name ?? "?")' has no server: value to rewrite; add one by hand")
        }
        return try YAMLScalar(style: serverStyle, token: server).patch(with: value)
    }
}
