/// An operator-given value that node-reconfig refuses: names the flag, the value and what is wrong.
///
/// `message` reads `--etcd: 'http://10.0.0.1:4012,,http://10.0.0.2:4012' has an empty element`.
/// The CLI turns it into a `UsageError` carrying the command's usage line.
public struct ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag as the operator writes it: `--etcd`.
    public var flag: String
    /// The offending value (the whole value, or the one list element at fault).
    public var value: String
    /// What is wrong and, where possible, what to write instead.
    public var problem: String

    public init(flag: String, value: some StringProtocol, _ problem: String) {
        self.flag = flag.hasPrefix("-") ? flag : "--" + flag
        self.value = String(value)
        self.problem = problem
    }

    /// `--flag: 'value' problem`
    public var message: String { "\(flag): '\(value)' \(problem)" }
    public var description: String { message }
}
