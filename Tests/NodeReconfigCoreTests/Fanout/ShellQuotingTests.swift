import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

@Suite("Shell quoting for the remote command")
struct ShellQuotingTests {
    static let awkward = ["plain", "with space", "it's", "\"double\"", "$HOME", "`id`", "a;b|c&d", "", "back\\slash", "new\nline", "--flag=x y", "*"]

    @Test("safe words stay bare, others are single-quoted")
    func quoting() {
        #expect(ShellQuoting.quote("--master=https://10.0.0.1:6443") == "--master=https://10.0.0.1:6443")
        #expect(ShellQuoting.quote("with space") == "'with space'")
        #expect(ShellQuoting.quote("it's") == "'it'\\''s'")
        #expect(ShellQuoting.quote("") == "''")
    }

    @Test("a real sh gets every awkward word back intact")
    func roundTripThroughSh() throws {
        let script = "printf '%s\\0' " + ShellQuoting.join(Self.awkward)
        let data = try Subprocess.run(["/bin/sh", "-c", script]).stdout
        let words = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(words == Self.awkward)
    }

    @Test("split reads an --ssh command like sh does")
    func splitting() {
        #expect(ShellQuoting.split("ssh -p 2222 -o 'ProxyJump=jump host' -i \"/k e y\"") ==
                ["ssh", "-p", "2222", "-o", "ProxyJump=jump host", "-i", "/k e y"])
        #expect(ShellQuoting.split("ssh a\\ b") == ["ssh", "a b"])
        #expect(ShellQuoting.split("ssh 'open") == nil)
        #expect(ShellQuoting.split(ShellQuoting.join(Self.awkward)) == Self.awkward)
    }
}
