/// Live progress on stderr: one updating line on a terminal, otherwise a line per finished host.
public struct FanoutProgress: Sendable {
    public var output: any Output
    public var isTerminal: Bool

    public init(output: any Output, isTerminal: Bool) {
        self.output = output
        self.isTerminal = isTerminal
    }

    func started(_ host: String) {
        if isTerminal { output.standardError("\r\u{1B}[K… \(host)") }
    }

    func finished(_ outcome: HostOutcome, done: Int, total: Int) {
        let line = "[\(done)/\(total)] \(outcome.host): \(outcome.result.rawValue) "
            + "(\(HostOutcome.formatSeconds((outcome.seconds * 10).rounded() / 10)) s) \(outcome.message)"
        if isTerminal {
            output.standardError("\r\u{1B}[K\(line)" + (done == total ? "\n" : ""))
        } else {
            output.standardError(line + "\n")
        }
    }

    /// Ends the updating line when `finished` did not (later waves were skipped), so the table
    /// on stdout does not start on the progress line.
    func ended(ran: Int, total: Int) {
        if isTerminal && ran > 0 && ran < total { output.standardError("\n") }
    }
}
