import Foundation

/// The node-reconfig binary the end-to-end tests run: `NODE_RECONFIG_BIN` when set (`.ci/run`
/// points it at the release binary from `scripts/build-release.sh`, so the built-binary, fanout,
/// Ansible and rehearsal tests run what ships), else `.build/debug/node-reconfig`.
public enum BuiltBinary {
    public static let variable = "NODE_RECONFIG_BIN"

    public static let path: String = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        ?? Corpus.packageRoot.appendingPathComponent(".build/debug/node-reconfig").path

    /// What to do when it is missing, for failure messages.
    public static var howToBuild: String {
        ProcessInfo.processInfo.environment[variable] != nil ? "\(variable)=\(path) is not an executable"
            : "run `swift build` first"
    }
}
