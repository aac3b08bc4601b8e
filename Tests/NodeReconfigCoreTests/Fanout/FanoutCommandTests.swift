import Foundation
import Testing
@testable import NodeReconfigCore

@Suite("node-reconfig fanout with a fake ssh")
struct FanoutCommandTests {
    private func run(_ arguments: [String], files: FanoutTestFileSystem = FanoutTestFileSystem(),
                     transport: FanoutTestTransport) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let code = FanoutCommand(arguments: arguments, transport: transport, isTerminal: false, selfBinary: "/bin/true")
            .run(fanoutContext(files, output: output)).code
        return (code, output)
    }

    private static let flags = ["--", "--master=https://10.0.0.1:6443"]

    @Test("all hosts changed: exit 0, a table row and a progress line per host")
    func allChanged() {
        let transport = FanoutTestTransport { _, _ in .json("changed", changed: true, message: "2 files changed") }
        let (code, output) = run(["--hosts=a,b,c"] + Self.flags, transport: transport)
        #expect(code == 0)
        #expect(Set(transport.hostsCalled) == ["a", "b", "c"])
        #expect(output.stdout.hasPrefix("HOST  RESULT   SECONDS  MESSAGE\na     changed        0  2 files changed\n"))
        #expect(output.stdout.hasSuffix("3 hosts: 3 changed\n"))
        #expect(output.stderr.split(separator: "\n").count == 3)
        #expect(output.stderr.contains("] b: changed ("))
    }

    @Test("a --report that cannot be written is refused before any host runs (exit 1), not found out after the fleet ran")
    func unwritableReport() {
        let transport = FanoutTestTransport { _, _ in .json("changed", changed: true) }
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: FanoutTestProcesses(), clock: FanoutTestClock(), output: output)
        let path = "/nonexistent-\(UUID().uuidString)/switch.json"
        let exit = FanoutCommand(arguments: ["--hosts=a,b", "--report=\(path)"] + Self.flags, transport: transport, isTerminal: false)
            .run(context)
        #expect(exit == .refused && exit.code == 1)
        #expect(transport.hostsCalled.isEmpty)
        #expect(output.stderr.contains("cannot write the report \(path): ") && output.stderr.contains("nothing was run on any host"))
    }

    @Test("after a wave over --max-failures the rest are skipped, and the exit is 3")
    func maxFailuresSkips() {
        let transport = FanoutTestTransport { host, _ in
            host == "b" ? .json("rolled-back", rolledBack: true, message: "Rollback finished", exitCode: 3) : .json("changed", changed: true)
        }
        let (code, output) = run(["--hosts=a,b,c,d,e", "--batch=2", "--max-failures=0"] + Self.flags, transport: transport)
        #expect(code == 3)
        #expect(Set(transport.hostsCalled) == ["a", "b"])
        #expect(output.stdout.contains("b     rolled-back        0  Rollback finished"))
        #expect(output.stdout.contains("e     skipped            -  not run: an earlier wave exceeded --max-failures"))
        #expect(output.stdout.hasSuffix("5 hosts: 1 changed, 1 rolled-back, 3 skipped\n"))
    }

    @Test("failures within --max-failures let the next waves run")
    func toleratedFailures() {
        let transport = FanoutTestTransport { host, _ in host == "a" ? ProcessResult(exitCode: 255) : .json("unchanged") }
        let (code, _) = run(["--hosts=a,b,c", "--batch=1", "--max-failures=1"] + Self.flags, transport: transport)
        #expect(code == 3)
        #expect(transport.hostsCalled == ["a", "b", "c"])
    }

    @Test("at most --parallel hosts run at once")
    func parallelLimit() {
        // Each run waits (up to 3 s) until three runs overlap, so the check does not depend on timing:
        // a serial fanout never reaches 2 and fails; a fanout ignoring --parallel exceeds 3.
        let overlap = Overlap()
        let transport = FanoutTestTransport { _, _ in overlap.waitForCompany(3, seconds: 3); return .json("unchanged") }
        let hosts = (1...8).map { "h\($0)" }.joined(separator: ",")
        let (code, _) = run(["--hosts=\(hosts)", "--parallel=3"] + Self.flags, transport: transport)
        #expect(code == 0)
        #expect(transport.peak == 3)
    }

    @Test("--report writes JSON; --retry-failed re-runs only the hosts that did not succeed, with the same flags")
    func reportAndRetry() throws {
        let files = FanoutTestFileSystem(["/fleet": "a\nb\n# c is retired\nd\n"])
        let first = FanoutTestTransport { host, _ in
            switch host {
            case "b": ProcessResult(exitCode: 255, standardError: Array("ssh: connect: Connection refused\n".utf8))
            case "d": .json("refused", message: "preflight failed", exitCode: 1)
            default: .json("changed", changed: true)
            }
        }
        let (code, _) = run(["--hosts=/fleet", "--report=/r.json"] + Self.flags + ["--only=kubelet"], files: files, transport: first)
        #expect(code == 3)
        let report = try FanoutReport(decoding: try #require(files.text("/r.json")))
        #expect(report.flags == ["--master=https://10.0.0.1:6443", "--only=kubelet"])
        #expect(report.hosts.map(\.result) == [.changed, .unreachable, .failed])
        #expect(report.hosts[1].standardError == "ssh: connect: Connection refused\n")
        #expect(report.failedHosts == ["b", "d"])
        #expect(try #require(files.text("/r.json")).contains(#""output" : {"#))

        let second = FanoutTestTransport { _, _ in .json("changed", changed: true) }
        let (retryCode, _) = run(["--retry-failed=/r.json", "--report=/r.json"], files: files, transport: second)
        #expect(retryCode == 0)
        #expect(Set(second.hostsCalled) == ["b", "d"])
        #expect(second.calls.allSatisfy { $0.last!.hasSuffix("apply --master=https://10.0.0.1:6443 --only=kubelet --json") })
        let (nothing, output) = run(["--retry-failed=/r.json"], files: files, transport: second)
        #expect(nothing == 0 && output.stderr.hasPrefix("Nothing to retry"))
    }

    @Test("plan with pending changes exits 2; detect needs no flags")
    func planAndDetect() {
        let transport = FanoutTestTransport { _, argv in
            argv.last!.contains(" plan ") ? .json("pending", changed: true, exitCode: 2) : ProcessResult(exitCode: 0, standardOutput: Array("{}".utf8))
        }
        #expect(run(["plan", "--hosts=a"] + Self.flags, transport: transport).0 == 2)
        let (code, output) = run(["detect", "--hosts=a", "--json"], transport: transport)
        #expect(code == 0)
        #expect(output.stdout.contains(#""result" : "detected""#))
    }

    @Test("bad input runs nothing and prints the CLI's error shape")
    func refusals() {
        let transport = FanoutTestTransport { _, _ in .json("changed") }
        let (code, output) = run(["--hosts=good,-oProxyCommand=touch /tmp/x"] + Self.flags, transport: transport)
        #expect(code == 1)
        #expect(transport.calls.isEmpty)
        #expect(output.stderr.hasPrefix("Error: Host '-oProxyCommand=touch /tmp/x' starts with '-'"))
        #expect(output.stderr.hasSuffix("  See 'node-reconfig fanout --help' for more information.\n"))
        #expect(run(["--hosts=a"], transport: transport).1.stderr.hasPrefix("Error: Missing node-reconfig flags after '--'"))
        #expect(run(["--help"], transport: transport).1.stdout.contains("--max-failures <n>"))
    }

    @Test("a --hosts value that looks like a file name but names nothing is refused, never run as a host",
          arguments: ["nodes.txt", "fleet/nodes", "./hosts", "inventory.INI", "/etc/fleet.hosts"])
    func missingHostsFile(_ value: String) {
        let transport = FanoutTestTransport { _, _ in .json("changed") }
        let (code, output) = run(["--hosts=\(value)"] + Self.flags, transport: transport)
        #expect(code == 1)
        #expect(transport.calls.isEmpty)
        #expect(output.stderr == "Error: the hosts file \(value) does not exist; --hosts takes an existing file "
            + "(one host a line) or a comma-joined list of hosts\nUsage: \(HelpText.shortUsage(for: .fanout))\n"
            + "  See 'node-reconfig fanout --help' for more information.\n")
    }

    @Test("an existing path is always read as a hosts file; a name without a file's marks is a host")
    func hostsFileOrHost() {
        let files = FanoutTestFileSystem(["fleet": "a\nb\n"])
        let transport = FanoutTestTransport { _, _ in .json("unchanged") }
        #expect(run(["--hosts=fleet"] + Self.flags, files: files, transport: transport).0 == 0)
        #expect(Set(transport.hostsCalled) == ["a", "b"])
        let single = FanoutTestTransport { _, _ in .json("unchanged") }
        #expect(run(["--hosts=node1.example.com"] + Self.flags, files: files, transport: single).0 == 0)
        #expect(single.hostsCalled == ["node1.example.com"])
    }

    @Test("--copy-binary sends the binary with its sha256 before the run; a failed copy fails the host")
    func copyBinary() {
        let sha = String(repeating: "a", count: 64)
        let transport = FanoutTestTransport { host, argv in
            if argv.first == "sha256sum" { return ProcessResult(exitCode: 0, standardOutput: Array("\(sha)  /bin/true\n".utf8)) }
            if argv.last!.contains("node-reconfig-copy") {
                return host == "b" ? ProcessResult(exitCode: 97, standardError: Array("sha256 of the copy is 00, expected aa\n".utf8)) : ProcessResult(exitCode: 0)
            }
            return .json("changed", changed: true)
        }
        let (code, output) = run(["--hosts=a,b", "--copy-binary", "--remote-bin=/opt/nr"] + Self.flags, transport: transport)
        #expect(code == 3)
        #expect(transport.calls.contains { $0.last!.hasSuffix("node-reconfig-copy /opt/nr \(sha)") })
        #expect(output.stdout.contains("copying the binary failed: sha256 of the copy is 00, expected aa"))
        #expect(transport.calls.filter { $0.last!.contains("node-reconfig-fanout /opt/nr apply") }.count == 1)
    }

    @Test("on a terminal, the progress line is ended before the table, even when later waves were skipped")
    func terminalProgressEnds() {
        let transport = FanoutTestTransport { _, _ in .json("rolled-back", rolledBack: true, message: "Rollback finished", exitCode: 3) }
        let output = BufferedOutput()
        let code = FanoutCommand(arguments: ["--hosts=a,b,c", "--batch=1"] + Self.flags, transport: transport, isTerminal: true)
            .run(fanoutContext(output: output)).code
        #expect(code == 3)
        #expect(output.stderr.hasPrefix("\r\u{1B}[K… a\r\u{1B}[K[1/3] a: rolled-back ("))
        #expect(output.stderr.hasSuffix("Rollback finished\n"))
        #expect(output.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("--copy-binary without a checksum of the local binary runs nothing and says why")
    func copyWithoutChecksum() {
        let transport = FanoutTestTransport { _, argv in
            argv.first == "sha256sum" ? ProcessResult(exitCode: 1, standardError: Array("sha256sum: /bin/true: Permission denied\n".utf8))
                : .json("changed", changed: true)
        }
        let (code, output) = run(["--hosts=a", "--copy-binary"] + Self.flags, transport: transport)
        #expect(code == 1)
        #expect(transport.calls.count == 1)
        #expect(output.stderr == "Error: cannot compute the sha256 of /bin/true for --copy-binary "
            + "(sha256sum: sha256sum: /bin/true: Permission denied); nothing was run on any host\n")
    }

    @Test("a copy is judged as a copy: its exit 3 is no rollback, its timeout ran nothing")
    func copyFailuresAreCopyFailures() {
        let sha = String(repeating: "a", count: 64)
        let transport = FanoutTestTransport { host, argv in
            if argv.first == "sha256sum" { return ProcessResult(exitCode: 0, standardOutput: Array("\(sha)  /bin/true\n".utf8)) }
            if argv.last!.contains("node-reconfig-copy") {
                return host == "a" ? ProcessResult(exitCode: 3, standardError: Array("mv: cannot move\n".utf8))
                    : ProcessResult(exitCode: 143, timedOut: true, killed: host == "c")
            }
            return .json("changed", changed: true)
        }
        let (code, output) = run(["--hosts=a,b,c", "--copy-binary", "--timeout=30"] + Self.flags, transport: transport)
        #expect(output.stdout.contains("c     failed   "))
        #expect(output.stdout.contains("timed out after 30 s while copying the binary; node-reconfig did not run; "
            + "ssh did not end and was killed: the copy may still be going on the host"))
        #expect(code == 3)
        #expect(output.stdout.contains("a     failed   "))
        #expect(output.stdout.contains("copying the binary failed: mv: cannot move"))
        #expect(output.stdout.contains("b     timeout  "))
        #expect(output.stdout.contains("timed out after 30 s while copying the binary; node-reconfig did not run"))
        #expect(!transport.calls.contains { $0.last!.contains("node-reconfig-fanout") })
    }
}

/// Lets concurrent runs meet: each arrival waits until `count` runs are inside, or the deadline.
final class Overlap: @unchecked Sendable {
    private let condition = NSCondition()
    private var inside = 0

    func waitForCompany(_ count: Int, seconds: Double) {
        condition.lock()
        inside += 1
        condition.broadcast()
        let deadline = Date().addingTimeInterval(seconds)
        while inside < count && condition.wait(until: deadline) {}
        inside -= 1
        condition.unlock()
    }
}
