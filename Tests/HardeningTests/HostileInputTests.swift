import Foundation
import Testing
import TestSupport
import NodeReconfigCore

/// Issue 7, "hostile input": malformed flag values and malformed files are each refused with a
/// clear message naming what is wrong, exit 1, nothing changed, never a crash.
@Suite("Hardening: hostile input is refused, nothing changed", .tags(.slow), .notInQuickRun, .serialized)
struct HostileInputTests {
    /// Where a hostile file of each format is put in the demo node.
    static let placement = ["env": "etc/sysconfig/flanneld", "yaml": "etc/kubernetes/kubelet.kubeconfig",
                            "unit": "etc/systemd/system/kube-apiserver.service", "nginx": "etc/kube-lb/conf/kube-lb.conf",
                            "haproxy": "etc/haproxy/haproxy.cfg"]

    static let hostileFiles = Corpus.fixtures { $0.hasPrefix("hostile/") && !$0.hasSuffix(".md") }

    /// Flag values each refused before anything is read, and what the message must say.
    static let badFlags: [(argument: String, says: String)] = [
        ("--master=10.1.1.1:6443", "did you mean https://10.1.1.1:6443"), ("--master=http://10.1.1.1:99999", "ports are 1-65535"),
        ("--master=", "is empty"), ("--master=ftp://10.1.1.1", "scheme 'ftp'"), ("--master=http://[::1", "without ']'"),
        ("--master=http://10.1.1.1\n", "--master"), ("--master=http://10.1.1.1\r", "--master"),
        ("--master=http://10.1.1.1\u{1B}[2J", "control character"), ("--master=http://a b:80", "space"),
        ("--master=http://$(id):80", "shell expansion"), ("--master=http://`id`:80", "backtick"),
        ("--master=http://10.1.1.1:80/'", "quote"), ("--master=http://-evil:80", "'-'"),
        ("--master=http://10.1.1.1:80?x=1", "query"), ("--master=http://\u{FFFD}:80", "--master"),
        ("--master=http://" + String(repeating: "a", count: 100_000) + ".com", "--master"),
        ("--etcd=http://10.0.0.1:2379,,http://10.0.0.2:2379", "empty element"),
        ("--etcd=http://10.0.0.1:2379;rm -rf /", "metacharacter ';'"),
        ("--etcd=http://10.0.0.1:2379,http://10.0.0.1:2379", "--etcd"),
        ("--etcd-members=a=http://10.0.0.1:2380,a=http://10.0.0.2:2380", "twice"),
        ("--apiservers=-oProxyCommand=x:6443", "--apiservers"), ("--drain=10.0.0.1", "no port"),
        ("--keep-backups=-1", "negative"), ("--health-timeout=abc", "whole number"),
        ("--backup-dir=relative", "absolute path"), ("--only=nonsense", "unknown component"),
        ("--file=bogus:/etc/x", "unknown kind"), ("--no-such-flag", "no-such-flag"),
    ]

    @Test("a malformed flag value is refused with exit 1 and a message naming it; nothing is written",
          .enabled(if: BinaryRun.binaryExists, "the node-reconfig binary is not built"), arguments: badFlags.indices)
    func badFlag(index: Int) throws {
        let (argument, says) = Self.badFlags[index]
        let tree = try NodeTree(name: "flag")
        defer { tree.remove() }
        let before = tree.snapshot()
        let run = try BinaryRun.run([BinaryRun.binary, "apply", "--root", tree.root, "--skip-preflight", "--no-restart", argument])
        #expect(run.status == 1 && !run.signaled, "\(run)")
        #expect(run.stderr.hasPrefix("Error: ") && run.stderr.contains(says), "\(run.stderr.prefix(300))")
        #expect(!run.stderr.contains("Fatal error"))
        #expect(tree.snapshot() == before)
        #expect(tree.files() == before.keys.sorted(), "no backup set, lock or temp file")
    }

    @Test("a hostile file (garbage, NUL, invalid UTF-8, unterminated quote/block) is refused with path:line, nothing changed",
          .enabled(if: BinaryRun.binaryExists, "the node-reconfig binary is not built"), arguments: hostileFiles)
    func hostileFile(relative: String) throws {
        let format = relative.split(separator: "/")[1]
        let target = try #require(Self.placement[String(format)])
        let tree = try NodeTree(name: "file", withLoadBalancer: true)
        defer { tree.remove() }
        try FileManager.default.createDirectory(atPath: (tree.path(target) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(Corpus.bytes(fixture: relative)).write(to: URL(fileURLWithPath: tree.path(target)))
        let before = tree.snapshot()
        for command in ["apply", "plan"] {
            let run = try BinaryRun.run([BinaryRun.binary, command, "--root", tree.root, "--skip-preflight", "--no-restart",
                                         "--master=https://10.17.40.20:6443", "--etcd=http://10.17.40.21:4012", "--apiservers=10.17.40.20:6443"])
            #expect(run.status == 1 && !run.signaled, "\(command): \(run)")
            let located = run.stderr.range(of: #"Error: /\#(target):[0-9]+: [a-z]"#, options: .regularExpression) != nil
            #expect(located, "\(command): the message names the file and line: \(run.stderr.prefix(300))")
            #expect(run.stderr.contains("Nothing was changed"))
        }
        #expect(tree.snapshot() == before)
        #expect(tree.files() == before.keys.sorted(), "no backup set, lock or temp file")
    }

    @Test("a line of megabytes: an unterminated one is refused; a valid one is kept byte for byte around the rewrite",
          .enabled(if: BinaryRun.binaryExists, "the node-reconfig binary is not built"))
    func megabyteLines() throws {
        let tree = try NodeTree(name: "huge")
        defer { tree.remove() }
        let flanneld = tree.path("etc/sysconfig/flanneld")
        let filler = String(repeating: "x", count: 3_000_000)
        try ("FLANNEL_ETCD=\"http://10.17.33.21:4012" + filler + "\n").write(toFile: flanneld, atomically: false, encoding: .utf8)
        let before = tree.snapshot()
        let refused = try BinaryRun.apply(root: tree.root, NodeTree.switchFlags)
        #expect(refused.status == 1 && refused.stderr.contains("/etc/sysconfig/flanneld:1: a quote"), "\(refused.stderr.prefix(300))")
        #expect(tree.snapshot() == before)

        let valid = "# " + filler + "\nFLANNEL_ETCD=\"http://10.17.33.21:4012\"\n# " + filler + "\n"
        try valid.write(toFile: flanneld, atomically: false, encoding: .utf8)
        let applied = try BinaryRun.apply(root: tree.root, NodeTree.switchFlags)
        #expect(applied.status == 0, "\(applied.stderr.prefix(300))")
        let after = try String(contentsOfFile: flanneld, encoding: .utf8)
        #expect(after == valid.replacingOccurrences(of: "http://10.17.33.21:4012", with: "http://10.17.40.21:4012"))
    }

    /// Regression: a value holding terminal escapes (`ESC ]0;…BEL`, `ESC [2J`) was printed raw in
    /// the plan's `old → new` line, so a crafted config file could rewrite the operator's screen.
    @Test("terminal escape sequences from a file never reach the terminal raw; JSON output stays valid",
          .enabled(if: BinaryRun.binaryExists, "the node-reconfig binary is not built"))
    func terminalEscapes() throws {
        let tree = try NodeTree(name: "escape")
        defer { tree.remove() }
        try "FLANNEL_ETCD=\"http://10.17.33.21:4012\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\"\n"
            .write(toFile: tree.path("etc/sysconfig/flanneld"), atomically: false, encoding: .utf8)
        for arguments in [["plan"], ["apply", "--dry-run"], ["plan", "--json"]] {
            // --skip-preflight: no etcd answers at 10.17.40.21 (what does answer there, if anything, is not one).
            let run = try BinaryRun.run([BinaryRun.binary] + arguments + ["--root", tree.root, "--etcd=http://10.17.40.21:4012", "--skip-preflight"])
            #expect(run.status == 2, "\(arguments): \(run)")
            for text in [run.stdout, run.stderr] {
                #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" }, "\(arguments): raw control characters")
            }
            if arguments == ["plan"] { #expect(run.stdout.contains("4012^[]0;pwned^G^[[2J<U+009B>31m → http://10.17.40.21:4012")) }
            if arguments.contains("--json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) != nil, "valid JSON: \(run.stdout.prefix(200))")
            }
        }
    }

    @Test("TerminalText keeps newline, tab and CRLF, and shows every other control character")
    func terminalText() {
        #expect(TerminalText.neutralized("a\tb\r\nc\n") == "a\tb\r\nc\n")
        #expect(TerminalText.neutralized("a\rb\u{1B}[1m\u{7F}\u{85}") == "a^Mb^[[1m^?<U+0085>")
        #expect(TerminalText.neutralized("\u{0}") == "^@")
    }
}
