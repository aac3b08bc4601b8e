import Foundation

/// An `Output` that keeps what is printed, for running the CLI in-process (the Ansible module
/// runs `apply` this way and reads its JSON).
public final class BufferedOutput: Output, @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    public init() {}

    public func standardOutput(_ text: String) { lock.withLock { out += text } }
    public func standardError(_ text: String) { lock.withLock { err += text } }
    public var stdout: String { lock.withLock { out } }
    public var stderr: String { lock.withLock { err } }
}
