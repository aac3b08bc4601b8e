/// Runs the preflight (SPEC "Safety" 1) for apply and plan unless `--skip-preflight`: after
/// planning (the planned files and the credentials discovery found in them are what the node
/// uses for each target), before anything is written. Notes go to stderr; findings refuse the
/// run.
enum PreflightGate {
    static func require(_ options: Options, plan: NodePlan, context: Context) throws(PreflightFailure) {
        guard !options.skipPreflight else { return }
        let preflight = PreflightPlan.make(targets: options.targets, plan: plan, root: options.root)
        guard !preflight.targets.isEmpty || !preflight.notes.isEmpty else { return }
        let report = Preflight(plan: preflight, context: context,
                               backupDirectory: PathMath.join(options.root, options.backupDir)).run()
        if !report.findings.isEmpty { throw PreflightFailure(findings: report.findings) }
        for note in report.notes { context.output.standardError("preflight: note: \(note)\n") }
    }
}
