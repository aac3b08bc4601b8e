/// Prints why a command refused (exit 1: nothing changed), in human or JSON form.
public enum Refusal {
    public static func report(_ error: any Error, options: Options, context: Context) -> ExitCode {
        let message = "\(error)"
        if options.json {
            let json = PlanReport.json(result: "refused", plan: nil, backupID: nil, services: [], rolledBack: false, message: message)
            context.output.standardOutput(json.rendered(indent: 2) + "\n")
        }
        context.output.standardError("Error: \(message)\n")
        return .refused
    }
}
