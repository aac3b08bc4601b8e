import Foundation
import ConfigFormats

/// Test helper: rewrites every occurrence of one flag in env files and units the way the core's
/// rewriter will (only values that differ), so golden tests can apply edits twice.
enum FlagEdit {
    static let scanner = FlagScanner(valueFlags: ["etcd-endpoints", "etcd-servers", "initial-cluster", "master", "api-servers"])

    /// The file with every `flag` value set to `value`, and the number of values changed.
    static func env(_ bytes: [UInt8], flag: String, to value: String) throws -> (String, Int) {
        let file = try EnvFile(SourceText(bytes: bytes))
        let found = file.assignments.flatMap { scanner.scan($0.shellWords) }
        return try apply(found, flag: flag, value: value, to: file.source)
    }

    static func unit(_ bytes: [UInt8], flag: String, to value: String) throws -> (String, Int) {
        let unit = try SystemdUnit(SourceText(bytes: bytes))
        let found = unit.commandEntries.flatMap { scanner.scan($0.shellWords) }
            + unit.environmentAssignments.flatMap { scanner.scan($0.shellWords) }
        return try apply(found, flag: flag, value: value, to: unit.source)
    }

    private static func apply(_ found: [FlagOccurrence], flag: String, value: String, to source: SourceText) throws -> (String, Int) {
        let patches = try found.filter { $0.name == flag && $0.value.text != value }.map { try $0.value.patch(with: value) }
        return (try source.applying(patches).string, patches.count)
    }

    /// `text` with the one occurrence of `old` replaced by `new` (fails the test when `old` is
    /// not there exactly `count` times): the expected golden output.
    static func replacing(_ old: String, with new: String, in text: String, count: Int = 1) -> String? {
        guard text.components(separatedBy: old).count - 1 == count else { return nil }
        return text.replacingOccurrences(of: old, with: new)
    }
}
