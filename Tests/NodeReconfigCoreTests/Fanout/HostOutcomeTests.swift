import Testing
@testable import NodeReconfigCore

@Suite("Fanout host results from --json and exit codes")
struct HostOutcomeTests {
    private func classify(_ transport: ProcessResult, mode: FanoutOptions.Mode = .apply) -> HostOutcome {
        HostOutcome.classify(host: "h", mode: mode, transport: transport, seconds: 1, timeout: 30)
    }

    @Test("apply results map to the table's words", arguments: [
        (ProcessResult.json("changed", changed: true), HostOutcome.Result.changed),
        (ProcessResult.json("unchanged"), .unchanged),
        (ProcessResult.json("rolled-back", rolledBack: true, message: "health gate failed; Rollback finished", exitCode: 3), .rolledBack),
        (ProcessResult.json("refused", message: "preflight: 10.0.0.1:6443 unreachable", exitCode: 1), .failed),
        (ProcessResult.json("failed", message: "Rollback FAILED", exitCode: 4), .failed),
    ])
    func applyResults(transport: ProcessResult, expected: HostOutcome.Result) {
        #expect(classify(transport).result == expected)
    }

    @Test("the message, backup id and rollback flag come from the JSON")
    func fields() {
        let text = #"{"result":"rolled-back","changed":false,"backup_id":"20261122-1","rolled_back":true,"message":"kubelet did not come back; Rollback finished"}"#
        let outcome = classify(ProcessResult(exitCode: 3, standardOutput: Array(text.utf8), standardError: Array("Rollback finished\n".utf8)))
        #expect(outcome.result == .rolledBack && outcome.rolledBack)
        #expect(outcome.backupID == "20261122-1")
        #expect(outcome.message == "kubelet did not come back; Rollback finished")
        #expect(outcome.standardError == "Rollback finished\n")
        #expect(outcome.exitCode == 3)
    }

    @Test("a host whose target flags matched nothing is 'unchanged' with the JSON 'unmatched' entries as its message")
    func unmatched() {
        let text = #"{"result":"unchanged","changed":false,"backup_id":null,"files":[],"services":[],"rolled_back":false,"#
            + #""message":"Nothing to change","unmatched":[{"flag":"--drain","reason":"no load-balancer pool on this node"},"#
            + #"{"flag":"--etcd","reason":"no file on this node holds etcd endpoints"}],"findings":[]}"#
        let outcome = classify(ProcessResult(exitCode: 0, standardOutput: Array(text.utf8)))
        #expect(outcome.result == .unchanged)
        #expect(outcome.message == "--drain matched nothing: no load-balancer pool on this node; --etcd matched nothing: no file on this node holds etcd endpoints")
        let row = FanoutTable.render([outcome]).split(separator: "\n")[1]
        #expect(row.hasPrefix("h     unchanged") && row.hasSuffix("1  " + outcome.message), "\(row)")
        // A changed host says what it changed, then what matched nothing.
        let changed = text.replacingOccurrences(of: #""result":"unchanged","changed":false"#, with: #""result":"changed","changed":true"#)
            .replacingOccurrences(of: "Nothing to change", with: "Changed 1 file(s)")
        #expect(classify(ProcessResult(exitCode: 0, standardOutput: Array(changed.utf8))).message
                == "Changed 1 file(s); --drain matched nothing: no load-balancer pool on this node; --etcd matched nothing: no file on this node holds etcd endpoints")
        // Prose is never read as a field: a message that says "matched nothing" is only a message.
        let prose = ProcessResult.json("unchanged", message: "--drain matched nothing: made up")
        #expect(classify(prose).message == "--drain matched nothing: made up")
    }

    @Test("ssh's exit 255 without JSON is unreachable, with ssh's last error line")
    func unreachable() {
        let outcome = classify(ProcessResult(exitCode: 255, standardError: Array("ssh: connect to host 127.0.0.9 port 22: Connection refused\n".utf8)))
        #expect(outcome.result == .unreachable)
        #expect(outcome.message == "ssh: connect to host 127.0.0.9 port 22: Connection refused")
    }

    @Test("a timeout is 'timeout' only when the remote run confirmed its end; unconfirmed is 'failed'")
    func timeouts() {
        let confirmed = classify(ProcessResult(exitCode: 3, standardOutput: ProcessResult.json("rolled-back", rolledBack: true).standardOutput, timedOut: true))
        #expect(confirmed.result == .timeout && confirmed.rolledBack)
        #expect(confirmed.message == "timed out after 30 s; the remote run hung up and rolled back")
        let killed = classify(ProcessResult(exitCode: 143, timedOut: true, killed: true))
        #expect(killed.result == .failed && killed.exitCode == nil)
        #expect(killed.message.contains("check the host"))
    }

    @Test("a run that ended with its result as the deadline passed is reported as it ended, not as rolled back")
    func finishedAtDeadline() {
        var late = ProcessResult.json("changed", changed: true, message: "2 files changed")
        late.timedOut = true
        let changed = classify(late)
        #expect(changed.result == .changed && changed.changed && !changed.rolledBack)
        #expect(changed.message == "2 files changed (it ended as the 30 s timeout passed)")
        var pending = ProcessResult.json("pending", changed: true, exitCode: 2)
        pending.timedOut = true
        #expect(classify(pending, mode: .plan).result == .pending)
    }

    @Test("a hangup whose rollback did not complete (exit 4) is 'failed' and asks for manual action")
    func timeoutRollbackIncomplete() {
        var broken = ProcessResult.json("failed", message: "Rollback FAILED: /etc/kubernetes/kubelet.conf", exitCode: 4)
        broken.timedOut = true
        let outcome = classify(broken)
        #expect(outcome.result == .failed && !outcome.rolledBack && outcome.exitCode == 4)
        #expect(outcome.message == "timed out after 30 s; the remote run hung up and its rollback did not complete: "
            + "manual action needed (Rollback FAILED: /etc/kubernetes/kubelet.conf)")
    }

    @Test("no JSON is a failure that says so; 127 points at --remote-bin")
    func noJSON() {
        #expect(classify(ProcessResult(exitCode: 1, standardError: Array("boom\n".utf8))).message == "printed no JSON result (exit 1): boom")
        let missing = classify(ProcessResult(exitCode: 127, standardError: Array("sh: 1: node-reconfig: not found\n".utf8)))
        #expect(missing.result == .failed && missing.message.contains("--remote-bin"))
        #expect(classify(ProcessResult(exitCode: 0, standardOutput: Array("not json".utf8))).result == .failed)
    }

    @Test("plan's pending (exit 2) and detect's inventory are successes")
    func planAndDetect() {
        let pending = classify(ProcessResult.json("pending", changed: true, exitCode: 2), mode: .plan)
        #expect(pending.result == .pending && pending.result.succeeded)
        let detected = classify(ProcessResult(exitCode: 0, standardOutput: Array(#"{"files":[]}"#.utf8)), mode: .detect)
        #expect(detected.result == .detected && detected.json == #"{"files":[]}"#)
    }

    @Test("pending is a success in apply mode too: 'fanout -- --dry-run FLAGS' is a plan")
    func dryRunPending() {
        let pending = classify(ProcessResult.json("pending", changed: true, message: "1 file(s) would change.", exitCode: 2))
        #expect(pending.result == .pending && pending.result.succeeded)
        #expect(pending.message == "1 file(s) would change.")
    }

    @Test("JSON after stray stdout lines is still found")
    func strayLines() {
        let text = "warning: something\n" + String(decoding: ProcessResult.json("unchanged").standardOutput, as: UTF8.self)
        #expect(classify(ProcessResult(exitCode: 0, standardOutput: Array(text.utf8))).result == .unchanged)
    }
}
