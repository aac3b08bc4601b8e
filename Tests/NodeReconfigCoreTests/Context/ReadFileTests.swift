import Foundation
import Testing
@testable import NodeReconfigCore

@Suite("LocalFileSystem.readFile reads whole files at their size, and /proc files reporting 0")
struct ReadFileTests {
    private func scratchFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("readfile-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("files of 0, 1, one 64 KB chunk ± 1 and several chunks read back byte for byte", arguments: [0, 1, 65_535, 65_536, 65_537, 1_000_003])
    func sizes(_ size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let path = try scratchFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try LocalFileSystem().readFile(path)
        #expect(read.count == size)
        #expect(read == bytes)
    }

    @Test("a /proc file (st_size 0) is read whole, as Foundation reads it")
    func procFile() throws {
        let path = "/proc/version"
        try #require(FileManager.default.fileExists(atPath: path), "no /proc")
        let info = try #require(try LocalFileSystem().status(path))
        #expect(info.size == 0)
        let read = try LocalFileSystem().readFile(path)
        #expect(!read.isEmpty)
        #expect(read == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test("a /proc file longer than one chunk is read past the first 64 KB",
          .enabled(if: FileManager.default.isReadableFile(atPath: "/proc/kallsyms"), "/proc/kallsyms is not readable"))
    func longProcFile() throws {
        let path = "/proc/kallsyms"
        let read = try LocalFileSystem().readFile(path)
        #expect(read.count > 65_536)
        #expect(read.last == UInt8(ascii: "\n"))
    }

    @Test("a missing file is an open error naming it")
    func missing() {
        #expect(throws: SystemError("open", "/nonexistent/readfile", ENOENT)) { try LocalFileSystem().readFile("/nonexistent/readfile") }
    }

    @Test("a directory is a read error, not an empty file")
    func directory() {
        #expect(throws: SystemError("read", "/tmp", EISDIR)) { try LocalFileSystem().readFile("/tmp") }
    }
}
