/// Runs the preflight (SPEC "Safety" 1) for apply and plan unless `--skip-preflight`: after
/// planning (the planned files and the credentials discovery found in them are what the node
/// uses for each target), before anything is written. Notes go to stderr; findings refuse the
/// run.
enum PreflightGate {
    /// `changesNothing` (`plan`): the credentials' scratch directory goes in the system's
    /// runtime directory, not the backup directory, which is left as it is (or absent).
    static func require(_ options: Options, plan: NodePlan, context: Context, changesNothing: Bool = false) throws(PreflightFailure) {
        guard !options.skipPreflight else { return }
        let preflight = PreflightPlan.make(targets: options.targets, plan: plan, root: options.root)
        guard !preflight.targets.isEmpty || !preflight.notes.isEmpty else { return }
        var run = Preflight(plan: preflight, context: context, backupDirectory: PathMath.join(options.root, options.backupDir))
        if changesNothing {
            run.scratchPlace = .runtime(environment: Platform.environment("XDG_RUNTIME_DIR"), uid: Platform.effectiveUserID, fileSystem: context.fileSystem)
        }
        let report = run.run()
        if !report.findings.isEmpty { throw PreflightFailure(findings: report.findings) }
        for note in report.notes { context.output.standardError("preflight: note: \(note)\n") }
    }
}
