import Testing
@testable import NodeReconfigCore

@Suite("Transaction result: the summary message")
struct TransactionResultMessageTests {
    @Test("a rollback's message names its cause before 'Rollback finished'")
    func rollbackNamesCause() {
        let result = TransactionResult(outcome: .rolledBack, messages: [
            "nginx refused the new /etc/nginx/nginx.conf: unexpected end of file",
            "Rolling back from /var/lib/node-reconfig/backups/20261122T004818Z-9113",
            "Rollback finished",
        ])
        #expect(result.message == "nginx refused the new /etc/nginx/nginx.conf: unexpected end of file; Rollback finished")
    }

    @Test("an interruption before any write, and other outcomes, keep their last line")
    func otherOutcomes() {
        let interrupted = TransactionResult(outcome: .rolledBack, messages: [
            "Interrupted by SIGTERM before any file was written; nothing changed", "Rollback finished",
        ])
        #expect(interrupted.message == "Rollback finished")
        let changed = TransactionResult(outcome: .changed, messages: ["Changed 1 file(s); backup set /b/1"])
        #expect(changed.message == "Changed 1 file(s); backup set /b/1")
        #expect(TransactionResult(outcome: .refused).message == "")
    }
}
