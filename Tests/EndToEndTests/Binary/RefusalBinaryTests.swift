import Foundation
import Glibc
import Testing

@Suite("Binary: refusals change nothing")
struct RefusalBinaryTests {
    @Test("a file with an unterminated quote refuses the run naming file and line; nothing written, no backup")
    func malformedFileRefuses() throws {
        let node = try DemoNode()
        try node.write("/etc/sysconfig/kube-proxy", "KUBE_PROXY_ARGS=\"--master=http://10.17.33.20:8080\n")
        let before = try node.snapshot()
        let run = try node.run("apply", ["--no-restart"])
        #expect(run.status == 1, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stderr.contains("/etc/sysconfig/kube-proxy:1:"))
        #expect(DemoNode.differences(before, try node.snapshot()) == [])
        #expect(!FileManager.default.fileExists(atPath: node.backups), "a refused run made a backup set")
    }

    @Test("a held lock refuses the run at once, naming the lock; nothing written")
    func heldLockRefuses() throws {
        let node = try DemoNode()
        try FileManager.default.createDirectory(atPath: node.root + "/run", withIntermediateDirectories: true)
        let path = node.root + "/run/node-reconfig.lock"
        let fd = open(path, O_CREAT | O_RDWR, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let pid = "\(getpid())\n"
        #expect(write(fd, pid, pid.utf8.count) == pid.utf8.count)
        let before = try node.snapshot()
        let run = try node.run("apply", ["--no-restart"])
        #expect(run.status == 1, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stderr.contains(path))
        #expect(run.stderr.contains("pid \(getpid())"))
        #expect(DemoNode.differences(before, try node.snapshot()) == [])
        #expect(!FileManager.default.fileExists(atPath: node.backups), "a refused run made a backup set")
    }
}
