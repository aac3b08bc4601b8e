/// A module failure reported to Ansible as `failed: true` with `msg`.
public struct AnsibleModuleError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
