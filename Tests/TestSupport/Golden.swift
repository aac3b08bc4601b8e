import Foundation

/// Golden files under `fixtures/golden/`: the expected output of a command, written by us and
/// reviewed in diffs. `RECORD_GOLDEN=1 swift test` re-records every golden file a test checks.
public enum Golden {
    /// The golden file's text; under `RECORD_GOLDEN=1`, `actual` is written there first.
    public static func expected(_ name: String, recording actual: String) throws -> String {
        let url = Corpus.fixturesRoot.appendingPathComponent("golden/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
