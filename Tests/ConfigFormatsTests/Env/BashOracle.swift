import Foundation

/// Test helper: asks the real bash what an env file's variables hold
/// (`env -i bash -c 'set -a; . FILE; printf …'`).
enum BashOracle {
    static func values(of keys: [String], in text: String) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("envunit-\(UUID().uuidString).env")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let printf = keys.map { "\"$\($0)\"" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["-i", "/bin/bash", "-c", "set -a; . \"$0\"; printf '%s\\0' \(printf)", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return String(decoding: data, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
