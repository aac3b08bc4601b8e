import Testing
@testable import NodeReconfigCore

@Suite("The command line is parsed as SPEC 'Commands' and 'Options' say")
struct CLIParserTests {
    private func error(_ arguments: [String]) -> UsageError? {
        do {
            _ = try CLIParser.parse(arguments)
            return nil
        } catch {
            return error
        }
    }

    @Test("the DomeOS invocation (flags first) is apply")
    func domeOS() throws {
        let inv = try CLIParser.parse(["--master=http://10.17.33.20:8080",
                                       "--etcd=http://10.17.33.21:4012,http://10.17.33.22:4012,http://10.17.33.23:4012"])
        #expect(inv.action == .run(.apply))
        #expect(inv.options.targets.master?.description == "http://10.17.33.20:8080")
        #expect(inv.options.targets.etcd?.count == 3)
        #expect(inv.options.dryRun == false)
        #expect(inv.options.root == "/")
        #expect(inv.options.backupDir == "/var/lib/node-reconfig/backups")
        #expect(inv.options.keepBackups == 10 && inv.options.healthTimeout == 60 && inv.options.settle == 5)
    }

    @Test("'--flag value' equals '--flag=value', and plan sets dry-run")
    func separateValue() throws {
        let inv = try CLIParser.parse(["plan", "--master", "https://10.0.0.1:6443", "--root", "/tmp/r", "--keep-backups", "3"])
        #expect(inv.action == .run(.plan))
        #expect(inv.options.dryRun)
        #expect(inv.options.targets.master?.port == 6443)
        #expect(inv.options.root == "/tmp/r")
        #expect(inv.options.keepBackups == 3)
    }

    @Test("repeatable flags collect in order; booleans set")
    func repeatable() throws {
        let inv = try CLIParser.parse(["apply", "--drain=10.0.0.1:6443", "--file=nginx:/etc/kube-lb/lb.conf", "--file", "etcd-yaml:/etc/etcd/e.yml",
                                       "--probe=http://127.0.0.1:10248/healthz", "--probe", "https://10.0.0.1:6443/readyz",
                                       "--json", "--no-restart", "--skip-preflight", "--only=kubelet,load-balancer",
                                       "--service-cmd=/usr/local/bin/svc", "--lb-pool=kube_apiserver"])
        #expect(inv.options.files.map(\.kind) == [.nginx, .etcdYAML])
        #expect(inv.options.files.map(\.path) == ["/etc/kube-lb/lb.conf", "/etc/etcd/e.yml"])
        #expect(inv.options.probes == ["http://127.0.0.1:10248/healthz", "https://10.0.0.1:6443/readyz"])
        #expect(inv.options.json && inv.options.noRestart && inv.options.skipPreflight)
        #expect(inv.options.only == ["kubelet", "load-balancer"])
        #expect(inv.options.serviceCommand == "/usr/local/bin/svc")
        #expect(inv.options.targets.lbPool == "kube_apiserver")
    }

    @Test("an unknown flag is refused with Did you mean, in argument-parser's shape")
    func unknownFlag() throws {
        let e = try #require(error(["--master=http://10.0.0.1:8080", "--etc=http://10.0.0.2:2379"]))
        #expect(e.rendered == """
            Error: Unknown option '--etc'
            Did you mean '--etcd'?
            Usage: \(HelpText.shortUsage(for: .apply))
              See 'node-reconfig apply --help' for more information.
            """)
        #expect(HelpText.shortUsage(for: .apply).hasPrefix("node-reconfig apply [--master=URL] [--etcd=URL,...] "))
    }

    @Test("Did you mean also finds prefixes and transpositions", arguments: [
        ("--mastr", "--master"), ("--etcd-member", "--etcd-members"), ("--health", "--health-timeout"), ("--dryrun", "--dry-run"),
    ])
    func suggestions(_ typed: String, _ meant: String) throws {
        let e = try #require(error(["apply", typed]))
        #expect(e.message == "Unknown option '\(typed)'")
        #expect(e.hint == "Did you mean '\(meant)'?")
    }

    @Test("a far-off flag gets no suggestion; a single-dash word is unknown")
    func noSuggestion() throws {
        #expect(try #require(error(["apply", "--zzzzzzzz"])).hint == nil)
        #expect(try #require(error(["apply", "-m", "x"])).message == "Unknown option '-m'")
    }

    @Test("a missing value names the option and its value")
    func missingValue() throws {
        #expect(try #require(error(["--master"])).message == "Missing value for '--master <url>'")
        #expect(try #require(error(["--master", "--json"])).message == "Missing value for '--master <url>'")
    }

    @Test("a boolean given a value is refused")
    func booleanWithValue() throws {
        let e = try #require(error(["--master=http://10.0.0.1:8080", "--json=true"]))
        #expect(e.message == "The option '--json' does not take any value, but 'true' was specified.")
    }

    @Test("apply and plan need a target flag")
    func needsTarget() throws {
        #expect(try #require(error([])).message.contains("at least one target"))
        #expect(try #require(error(["plan", "--json"])).message.contains("at least one target"))
    }

    @Test("an option the command does not take is refused; positionals only where allowed")
    func perCommand() throws {
        #expect(try #require(error(["detect", "--etcd=http://10.0.0.1:2379"])).message == "'--etcd' is not an option of 'detect'")
        #expect(try #require(error(["backups", "--probe=http://127.0.0.1:1"])).command == .backups)
        #expect(try #require(error(["detect", "extra"])).message == "Unexpected argument 'extra'")
        #expect(try #require(error(["rollback", "a", "b"])).message == "Unexpected argument 'b'")
        #expect(try #require(error(["rollback", "../etc"])).message.contains("not a backup set id"))
        let inv = try CLIParser.parse(["rollback", "20240101-120000", "--root=/srv", "--json"])
        #expect(inv.options.rollbackID == "20240101-120000" && inv.options.root == "/srv" && inv.options.json)
        #expect(try CLIParser.parse(["detect", "--json", "--root", "/x"]).action == .run(.detect))
        #expect(try CLIParser.parse(["backups"]).options.rollbackID == nil)
    }

    @Test("a flag given twice is refused, a bad value carries the command's usage")
    func twiceAndValues() throws {
        #expect(try #require(error(["--master=http://a:1", "--master=http://b:1"])).message.contains("more than once"))
        let e = try #require(error(["plan", "--etcd=http://10.0.0.1:4012,,http://10.0.0.2:4012"]))
        #expect(e.rendered.hasPrefix("Error: --etcd: 'http://10.0.0.1:4012,,http://10.0.0.2:4012' has an empty element"))
        #expect(e.rendered.hasSuffix("  See 'node-reconfig plan --help' for more information."))
        #expect(try #require(error(["--master=http://a:1", "--keep-backups=-1"])).message.contains("negative"))
        #expect(try #require(error(["--master=http://a:1", "--health-timeout=99999"])).message.contains("out of range"))
        #expect(try #require(error(["--master=http://a:1", "--settle=5s"])).message.contains("not a whole number"))
        #expect(try #require(error(["--master=http://a:1", "--only=kubelett"])).message.contains("did you mean 'kubelet'?"))
        #expect(try #require(error(["--master=http://a:1", "--file=yaml:/x"])).message.contains("unknown kind 'yaml'"))
        #expect(try #require(error(["--master=http://a:1", "--probe=127.0.0.1:10248/healthz"])).message.contains("no scheme"))
        #expect(try #require(error(["--master=http://a:1", "--backup-dir=backups"])).message.contains("absolute"))
    }

    @Test("help per command, anywhere; help COMMAND; version")
    func help() throws {
        #expect(try CLIParser.parse(["--help"]).action == .help(nil))
        #expect(try CLIParser.parse(["apply", "--help"]).action == .help(.apply))
        #expect(try CLIParser.parse(["--drain=10.0.0.1:6443", "-h"]).action == .help(.apply))
        #expect(try CLIParser.parse(["detect", "--root=/x", "-h"]).action == .help(.detect))
        #expect(try CLIParser.parse(["--master", "--help"]).action == .help(.apply))
        #expect(try CLIParser.parse(["help"]).action == .help(nil))
        #expect(try CLIParser.parse(["help", "rollback"]).action == .help(.rollback))
        #expect(try CLIParser.parse(["fanout", "--hosts=a,b", "--help"]).action == .help(.fanout))
        #expect(try CLIParser.parse(["--version"]).action == .version)
        #expect(try #require(error(["help", "aply"])).hint == "Did you mean 'apply'?")
        #expect(try #require(error(["aply"])).rendered.contains("Usage: node-reconfig <command> [<options>]"))
    }

    @Test("a relative --root is made absolute from the current directory, for every command; an absolute one is kept",
          arguments: [["apply", "--master=http://10.0.0.1:8080"], ["plan", "--drain=10.0.0.1:6443"], ["detect"], ["rollback"], ["backups"]])
    func relativeRoot(_ command: [String]) throws {
        let here: () throws(SystemError) -> String = { "/home/op" }
        #expect(try CLIParser.parse(command + ["--root", "demo-copy"], currentDirectory: here).options.root == "/home/op/demo-copy")
        #expect(try CLIParser.parse(command + ["--root=./a/./b/"], currentDirectory: here).options.root == "/home/op/a/b")
        #expect(try CLIParser.parse(command + ["--root=../x"], currentDirectory: here).options.root == "/home/op/../x")
        #expect(try CLIParser.parse(command + ["--root=."], currentDirectory: here).options.root == "/home/op")
        #expect(try CLIParser.parse(command + ["--root=/srv/node/"], currentDirectory: here).options.root == "/srv/node/")
        #expect(try CLIParser.parse(command, currentDirectory: here).options.root == "/")
    }

    @Test("a relative --root without a readable current directory is refused, naming the root")
    func relativeRootWithoutDirectory() throws {
        let e = try #require(error(["detect", "--root", "demo-copy"]))
        #expect(e.message.hasPrefix("--root: 'demo-copy' is relative and the current directory cannot be read (getcwd"))
        #expect(e.message.hasSuffix("; give an absolute path"))
        #expect(e.command == .detect)
    }

    @Test("fanout passes every later word through untouched")
    func fanout() throws {
        let words = ["--hosts=h1,h2", "--parallel", "5", "--", "--master=http://10.0.0.1:8080", "--help", "--json=x"]
        let inv = try CLIParser.parse(["fanout"] + words)
        #expect(inv.action == .run(.fanout))
        #expect(inv.passthrough == words)
    }

    @Test("resolve: help exits 0 on stdout, a usage error exits 1 on stderr")
    func resolve() {
        guard case .exit(let code, let out, let err) = CLIOutcome.resolve(["help", "plan"]) else { Issue.record("no exit"); return }
        #expect(code == 0 && out.hasPrefix("OVERVIEW: ") && err.isEmpty)
        guard case .exit(let code2, let out2, let err2) = CLIOutcome.resolve(["--bogus"]) else { Issue.record("no exit"); return }
        #expect(code2 == 1 && out2.isEmpty && err2.hasPrefix("Error: Unknown option '--bogus'") && err2.hasSuffix("\n"))
        guard case .run(let inv) = CLIOutcome.resolve(["--drain=10.0.0.1:6443"]) else { Issue.record("no run"); return }
        #expect(inv.command == .apply)
    }
}
