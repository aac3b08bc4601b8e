import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

@Suite("SHA-256 matches FIPS 180-4 and sha256sum")
struct SHA256Tests {
    @Test("the NIST published vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(_ message: String, _ digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test("one million 'a'")
    func millionA() {
        let digest = SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("padding boundaries 55, 56, 63, 64, 65 bytes and random files agree with /usr/bin/sha256sum")
    func againstSha256sum() throws {
        let tool = "/usr/bin/sha256sum"
        try #require(FileManager.default.isExecutableFile(atPath: tool), "sha256sum is not installed")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var generator = SystemRandomNumberGenerator()
        for size in [1, 55, 56, 63, 64, 65, 119, 120, 1000, 4096, 100_003] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let file = dir.appendingPathComponent("f\(size)")
            try Data(bytes).write(to: file)
            let output = try Subprocess.run([tool, file.path]).stdout
            let expected = String(decoding: output, as: UTF8.self).prefix(64)
            #expect(SHA256.hex(bytes) == String(expected), "size \(size)")
        }
    }

    @Test("digests are 32 bytes and hexString renders them")
    func shape() {
        let digest = SHA256.hash(Array("abc".utf8))
        #expect(digest.count == 32)
        #expect(SHA256.hexString(digest) == SHA256.hex(Array("abc".utf8)))
    }
}
