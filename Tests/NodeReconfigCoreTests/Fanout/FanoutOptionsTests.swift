import Testing
@testable import NodeReconfigCore

@Suite("Fanout option parsing")
struct FanoutOptionsTests {
    @Test("every option, in both spellings, and the flags after --")
    func everything() throws {
        let options = try FanoutOptions(parsing: [
            "plan", "--hosts=h1,h2", "--parallel", "3", "--batch=25%", "--max-failures=2", "--timeout", "30", "--hangup-grace=5",
            "--ssh=ssh -p 2222", "--sudo", "--remote-bin=/opt/nr", "--copy-binary", "--report=r.json", "--json",
            "--", "--master=https://10.0.0.1:6443", "--skip-preflight",
        ])
        #expect(options.mode == .plan)
        #expect(options.hosts == "h1,h2")
        #expect(options.parallel == 3)
        #expect(options.batch == .percent(25))
        #expect(options.maxFailures == 2)
        #expect(options.timeout == 30 && options.hangupGrace == 5)
        #expect(options.ssh == ["ssh", "-p", "2222"])
        #expect(options.sudo && options.copyBinary && options.json)
        #expect(options.remoteBinary == "/opt/nr")
        #expect(options.report == "r.json")
        #expect(options.flags == ["--master=https://10.0.0.1:6443", "--skip-preflight"])
    }

    @Test("defaults")
    func defaults() throws {
        let options = try FanoutOptions(parsing: ["--hosts=a", "--", "--master=http://m:8080"])
        #expect(options.mode == .apply && options.parallel == 10 && options.batch == .all && options.maxFailures == 0)
        #expect(options.effectiveRemoteBinary == "node-reconfig")
    }

    @Test("a command word right after -- selects the command instead of reaching the host as a flag")
    func commandAfterDashes() throws {
        let options = try FanoutOptions(parsing: ["--hosts=a", "--", "plan", "--master=http://m:8080"])
        #expect(options.mode == .plan)
        #expect(options.flags == ["--master=http://m:8080"])
    }

    @Test("bad input is refused with the option and the value", arguments: [
        (["--hosts=a", "--parallel=0"], "Invalid value '0' for '--parallel': a whole number, at least 1"),
        (["--hosts=a", "--batch=0%"], "Invalid value '0%' for '--batch': a number of hosts (5) or a percentage (25%)"),
        (["--hosts=a", "--timeout=-1"], "Invalid value '-1' for '--timeout': seconds, greater than 0"),
        (["--hosts=a", "--bogus"], "Unknown option '--bogus'"),
        (["--hosts"], "Missing value for '--hosts <value>'"),
        (["--", "--master=x"], "Missing expected argument '--hosts=FILE|H1,H2' (or '--retry-failed=REPORT')"),
        (["--hosts=a", "--master=x"], "Unknown option '--master'"),
        (["--hosts=a", "stray"], "Unexpected argument 'stray': node-reconfig flags go after '--'"),
        (["--hosts=a", "--ssh='open"], "Invalid value ''open' for '--ssh': a command such as 'ssh -F ~/.ssh/fleet'"),
        (["--hosts=a", "--copy-binary", "--remote-bin=nr"], "--remote-bin 'nr' must be an absolute path with --copy-binary"),
    ])
    func refusals(arguments: [String], message: String) {
        #expect(throws: FanoutUsageError(message)) { try FanoutOptions(parsing: arguments) }
    }

    @Test("the error renders in the CLI's shape")
    func rendered() {
        let text = FanoutUsageError("Unknown option '--bogus'").rendered
        #expect(text == "Error: Unknown option '--bogus'\nUsage: \(HelpText.shortUsage(for: .fanout))\n  See 'node-reconfig fanout --help' for more information.\n")
    }

    @Test("waves by count and by percentage", arguments: [
        (5, FanoutOptions.Batch.all, [0..<5]),
        (5, .count(2), [0..<2, 2..<4, 4..<5]),
        (10, .percent(25), [0..<3, 3..<6, 6..<9, 9..<10]),
        (3, .percent(1), [0..<1, 1..<2, 2..<3]),
        (0, .count(2), []),
    ])
    func waves(count: Int, batch: FanoutOptions.Batch, expected: [Range<Int>]) {
        #expect(FanoutWaves.split(count: count, batch: batch) == expected)
    }
}
