import Foundation
import Testing
import TestSupport

@Suite("Binary: an interrupt during a hung restart")
struct InterruptBinaryTests {
    @Test("SIGTERM while a restart hangs stops that command, rolls back (exit 3) and restores every file, without waiting out the hang")
    func termDuringHungRestart() throws {
        let node = try DemoNode()
        let command = node.scratch + "/service-cmd", marker = node.scratch + "/hung-once"
        // The first `restart flanneld` signals node-reconfig (its parent) and then hangs far longer
        // than the test allows; the rollback's restart answers at once.
        try node.write(command, """
            #!/bin/sh
            case "$1" in
                is-active) case "$2" in flanneld) exit 0 ;; *) exit 3 ;; esac ;;
                restart)
                    if [ "$2" = flanneld ] && [ ! -e \(marker) ]; then
                        : > \(marker)
                        kill -TERM $PPID
                        sleep 300
                    fi ;;
            esac
            exit 0

            """, executable: true)
        let run = try BinaryRun.nodeReconfig(["apply", "--root", node.root, "--skip-preflight"] + DemoNode.targets
                                    + ["--service-cmd", command, "--health-timeout", "5", "--settle", "0"],
                                    in: node.scratch, timeout: 120)
        #expect(FileManager.default.fileExists(atPath: marker), "the hung restart ran")
        #expect(run.status == 3, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stderr.contains("Interrupted by SIGTERM"), "\(run.stderr)")
        #expect(run.stderr.contains("Rollback finished"))
        #expect(DemoNode.differences(try DemoNode.snapshot(DemoNode.fixture), try node.snapshot()) == [])
    }
}

@Suite("Binary: an interrupt during rollback")
struct RollbackInterruptBinaryTests {
    @Test("SIGTERM while `rollback` restarts a service does not cut the rollback off: exit 0, every file restored")
    func termDuringRollback() throws {
        let node = try DemoNode()
        let applied = try node.run("apply", ["--no-restart"])
        #expect(applied.status == 0, "\(applied.stderr)")
        let command = node.scratch + "/service-cmd"
        try node.write(command, """
            #!/bin/sh
            case "$1" in
                is-active) case "$2" in flanneld) exit 0 ;; *) exit 3 ;; esac ;;
                restart) [ "$2" = flanneld ] && kill -TERM $PPID ;;
            esac
            exit 0

            """, executable: true)
        let run = try BinaryRun.nodeReconfig(["rollback", "--root", node.root, "--service-cmd", command, "--health-timeout", "5", "--settle", "0"],
                                    in: node.scratch, timeout: 120)
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stdout.contains("Rollback finished"))
        #expect(DemoNode.differences(try DemoNode.snapshot(DemoNode.fixture), try node.snapshot()) == [])
    }
}
