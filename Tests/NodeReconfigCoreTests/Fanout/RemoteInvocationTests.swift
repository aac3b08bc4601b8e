import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

@Suite("Fanout ssh command lines")
struct RemoteInvocationTests {
    private func options(_ arguments: [String]) throws -> FanoutOptions {
        try FanoutOptions(parsing: arguments)
    }

    @Test("ssh words, fixed options, --, the host, then one quoted remote command")
    func argv() throws {
        let o = try options(["--hosts=h", "--ssh=ssh -p 2222", "--", "--master=https://10.0.0.1:6443", "--only=kubelet"])
        let argv = RemoteInvocation.run(o, host: "root@node1")
        #expect(Array(argv.prefix(9)) == ["ssh", "-p", "2222", "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=15", "--"])
        #expect(argv[9] == "root@node1")
        #expect(argv.count == 11)
        #expect(argv[10] == "sh -c " + ShellQuoting.quote(RemoteInvocation.watchdogScript)
                + " node-reconfig-fanout node-reconfig apply --master=https://10.0.0.1:6443 --only=kubelet --json")
    }

    @Test("--sudo, --remote-bin and plan mode shape the remote words")
    func sudoAndBinary() throws {
        let o = try options(["plan", "--hosts=h", "--sudo", "--remote-bin=/opt/nr", "--", "--etcd=http://e:2379", "--json"])
        #expect(RemoteInvocation.nodeCommand(o) == ["/opt/nr", "plan", "--etcd=http://e:2379", "--json"])
        #expect(RemoteInvocation.run(o, host: "h").last!.hasPrefix("sudo -n -- sh -c "))
        let copy = try options(["--hosts=h", "--copy-binary", "--", "--master=http://m:8080"])
        #expect(RemoteInvocation.copy(copy, host: "h", sha256: "ab").last!.hasSuffix(" node-reconfig-copy /usr/local/sbin/node-reconfig ab"))
    }

    /// Runs the remote string the way sshd would (`sh -c STRING`), stdin from a pipe.
    private func runRemote(_ command: String, closeStdinAfter delay: Double?) throws -> (Int32, String) {
        let result = try Subprocess.run(["/bin/sh", "-c", command], closeStdinAfter: delay ?? 600)
        return (result.status, result.output)
    }

    /// An executable script in a fresh temporary directory (the caller removes its directory).
    private func script(_ body: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fanout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("node-reconfig").path
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test("the watchdog runs the command with its words intact and passes its exit code")
    func watchdogPassesThrough() throws {
        var o = try options(["--hosts=h", "--", "a b", "it's", "$HOME", "--x=\"q\"", "*"])
        o.remoteBinary = try script("printf '%s|' \"$@\"; exit 4")
        defer { try? FileManager.default.removeItem(atPath: (o.remoteBinary! as NSString).deletingLastPathComponent) }
        let (code, text) = try runRemote(RemoteInvocation.run(o, host: "h").last!, closeStdinAfter: nil)
        #expect(code == 4)
        #expect(text == "apply|a b|it's|$HOME|--x=\"q\"|*|--json|")
    }

    @Test("end of stdin makes the watchdog send SIGHUP to the run")
    func watchdogHangsUp() throws {
        var o = try options(["--hosts=h", "--", "--master=http://m:8080"])
        o.remoteBinary = try script("trap 'echo hup; kill $s; exit 3' HUP; sleep 30 & s=$!; wait")
        defer { try? FileManager.default.removeItem(atPath: (o.remoteBinary! as NSString).deletingLastPathComponent) }
        let (code, text) = try runRemote(RemoteInvocation.run(o, host: "h").last!, closeStdinAfter: 0.5)
        #expect(code == 3)
        #expect(text == "hup\n")
    }

    @Test("the hangup reaches what the run is waiting on too (its whole process group)")
    func watchdogHangsUpGroup() throws {
        var o = try options(["--hosts=h", "--", "--master=http://m:8080"])
        o.remoteBinary = try script("trap 'echo hup' HUP; sleep 30; echo \"sleep ended $?\"")
        defer { try? FileManager.default.removeItem(atPath: (o.remoteBinary! as NSString).deletingLastPathComponent) }
        let (code, text) = try runRemote(RemoteInvocation.run(o, host: "h").last!, closeStdinAfter: 0.5)
        #expect(code == 0)
        #expect(text == "hup\nsleep ended 129\n")
    }
}
