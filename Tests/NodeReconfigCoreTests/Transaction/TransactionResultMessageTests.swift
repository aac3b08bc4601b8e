import Testing
@testable import NodeReconfigCore

@Suite("Transaction result: the summary message")
struct TransactionResultMessageTests {
    @Test("a rollback's message names its cause before 'Rollback finished'")
    func rollbackNamesCause() {
        let result = TransactionResult(
            outcome: .rolledBack,
            failure: .validationRefused(program: "nginx", path: "/etc/nginx/nginx.conf", detail: "unexpected end of file"),
            undo: .finished, writtenFiles: ["/etc/nginx/nginx.conf"])
        #expect(result.message == "nginx refused the new /etc/nginx/nginx.conf: unexpected end of file; Rollback finished")
    }

    @Test("a failed rollback's message is its cause and 'Rollback FAILED', not the last line of the manual steps after it")
    func failedRollbackNamesCause() {
        let result = TransactionResult(
            outcome: .failed, failure: .notActive(service: "kubelet", seconds: 60),
            undo: .filesNotRestored(count: 1, backupSet: "/b/20261122T004818Z-9113"),
            messages: [
                "kubelet is not active 60 s after its restart",
                "Rolling back from /b/20261122T004818Z-9113",
                "Rollback FAILED: 1 file(s) could not be restored. Backup set: /b/20261122T004818Z-9113",
                "  cp -p /b/20261122T004818Z-9113/1-kubelet.conf /etc/kubernetes/kubelet.conf && chown 0:0 /etc/kubernetes/kubelet.conf && chmod 600 /etc/kubernetes/kubelet.conf   # rename: EIO",
                "  then run `node-reconfig rollback 20261122T004818Z-9113` (or restart the affected services by hand)",
            ], writtenFiles: ["/etc/kubernetes/kubelet.conf"])
        #expect(result.message == "kubelet is not active 60 s after its restart; Rollback FAILED: 1 file(s) could not be restored. Backup set: /b/20261122T004818Z-9113")
        let recovery = TransactionResult(outcome: .failed, undo: .unfinishedRunNotRestored(backupSet: "/b/1"))
        #expect(recovery.message == "Rollback FAILED: restore /b/1 by hand first")
    }

    @Test("an interruption before any write, and other outcomes, keep their last line")
    func otherOutcomes() {
        let interrupted = TransactionResult(outcome: .rolledBack, failure: .interrupted(signal: 15), undo: .nothingWritten)
        #expect(interrupted.message == "Rollback finished")
        let changed = TransactionResult(outcome: .changed, backupID: "1", backupPath: "/b/1", writtenFiles: ["/etc/x"])
        #expect(changed.message == "Changed 1 file(s); backup set /b/1")
        #expect(TransactionResult(outcome: .refused).message == "")
        #expect(TransactionResult(outcome: .refused, failure: .changedSincePlanned(path: "/etc/x")).message
            == "/etc/x changed since it was read (edited meanwhile?); run again; nothing was changed")
    }
}
