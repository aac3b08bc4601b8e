import Synchronization

/// Where node-reconfig speaks: standard output for results, standard error for progress and errors.
public protocol Output: Sendable {
    func standardOutput(_ text: String)
    func standardError(_ text: String)
}

/// An `Output` that keeps what is printed, for running the CLI in-process (the Ansible module
/// runs `apply` this way and reads its JSON).
public final class BufferedOutput: Output, Sendable {
    private let out = Mutex("")
    private let err = Mutex("")

    public init() {}

    public func standardOutput(_ text: String) { out.withLock { $0 += text } }
    public func standardError(_ text: String) { err.withLock { $0 += text } }
    public var stdout: String { out.withLock { $0 } }
    public var stderr: String { err.withLock { $0 } }
}
