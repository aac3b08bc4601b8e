import Foundation
import TestSupport

/// Test helper: asks the real bash what an env file's variables hold
/// (`env -i bash -c 'set -a; . FILE; printf …'`).
enum BashOracle {
    static func values(of keys: [String], in text: String) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("envunit-\(UUID().uuidString).env")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let printf = keys.map { "\"$\($0)\"" }.joined(separator: " ")
        let result = try Subprocess.run(["/usr/bin/env", "-i", "/bin/bash", "-c", "set -a; . \"$0\"; printf '%s\\0' \(printf)", url.path])
        let data = result.stdout
        guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return String(decoding: data, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
