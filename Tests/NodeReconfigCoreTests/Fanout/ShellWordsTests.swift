import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

@Suite("Shell quoting for the remote command")
struct ShellWordsTests {
    static let awkward = ["plain", "with space", "it's", "\"double\"", "$HOME", "`id`", "a;b|c&d", "", "back\\slash", "new\nline", "--flag=x y", "*"]

    @Test("safe words stay bare, others are single-quoted")
    func quoting() {
        #expect(ShellWords.quote("--master=https://10.0.0.1:6443") == "--master=https://10.0.0.1:6443")
        #expect(ShellWords.quote("with space") == "'with space'")
        #expect(ShellWords.quote("it's") == "'it'\\''s'")
        #expect(ShellWords.quote("") == "''")
    }

    @Test("a real sh gets every awkward word back intact")
    func roundTripThroughSh() throws {
        let script = "printf '%s\\0' " + ShellWords.join(Self.awkward)
        let data = try Subprocess.run(["/bin/sh", "-c", script]).stdout
        let words = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(words == Self.awkward)
    }

    @Test("split reads an --ssh command like sh does")
    func splitting() {
        #expect(ShellWords.split("ssh -p 2222 -o 'ProxyJump=jump host' -i \"/k e y\"") ==
                ["ssh", "-p", "2222", "-o", "ProxyJump=jump host", "-i", "/k e y"])
        #expect(ShellWords.split("ssh a\\ b") == ["ssh", "a b"])
        #expect(ShellWords.split("ssh 'open") == nil)
        #expect(ShellWords.split(ShellWords.join(Self.awkward)) == Self.awkward)
    }
}
