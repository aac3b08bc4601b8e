import Foundation
import ConfigFormats

/// Where the real-world corpus and our own fixtures live, seen from the tests.
///
/// The corpus sits beside the repository at `../shared/corpus` (CI has it there too). When it is
/// absent, corpus tests are skipped with a message saying so; fixtures always run.
public enum Corpus {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static let corpusRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    public static let fixturesRoot = packageRoot.appendingPathComponent("fixtures")

    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: corpusRoot.path) }

    /// Corpus files (relative paths like `4-etcd/kthw__etcd.service`), MANIFEST.tsv excluded.
    public static func files(where include: (String) -> Bool = { _ in true }) -> [String] {
        listFiles(under: corpusRoot).filter { $0 != "MANIFEST.tsv" && include($0) }
    }

    /// Fixture files (relative to fixtures/).
    public static func fixtures(where include: (String) -> Bool = { _ in true }) -> [String] {
        listFiles(under: fixturesRoot).filter(include)
    }

    public static func bytes(corpus relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: corpusRoot.appendingPathComponent(relative)))
    }

    public static func bytes(fixture relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixturesRoot.appendingPathComponent(relative)))
    }

    public static func source(corpus relative: String) throws -> SourceText {
        try SourceText(bytes: bytes(corpus: relative))
    }

    public static func source(fixture relative: String) throws -> SourceText {
        try SourceText(bytes: bytes(fixture: relative))
    }

    private static func listFiles(under root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var out: [String] = []
        while let item = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(item).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(item)
            }
        }
        return out.sorted()
    }
}
