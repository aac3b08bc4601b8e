/// The table printed at the end of a fanout: host, result, seconds, message; then a summary.
public enum FanoutTable {
    public static func render(_ outcomes: [HostOutcome]) -> String {
        let rows = [["HOST", "RESULT", "SECONDS", "MESSAGE"]] + outcomes.map { outcome in
            [outcome.host, outcome.result.rawValue, seconds(outcome), firstLine(outcome.message)]
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            var line = ""
            for column in 0..<3 {
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                line += column == 2 ? pad + cell : cell + pad
                line += "  "
            }
            text += (line + row[3]).trimmingTrailingSpaces() + "\n"
        }
        return text + summary(outcomes) + "\n"
    }

    /// `5 hosts: 3 changed, 1 rolled-back, 1 skipped`.
    public static func summary(_ outcomes: [HostOutcome]) -> String {
        let counts = HostOutcome.Result.allCases.compactMap { result -> String? in
            let n = outcomes.count(where: { $0.result == result })
            return n == 0 ? nil : "\(n) \(result.rawValue)"
        }
        let noun = outcomes.count == 1 ? "host" : "hosts"
        return "\(outcomes.count) \(noun): " + counts.joined(separator: ", ")
    }

    private static func seconds(_ outcome: HostOutcome) -> String {
        outcome.result == .skipped ? "-" : String(Int(outcome.seconds.rounded()))
    }

    private static func firstLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
