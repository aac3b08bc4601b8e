extension ServiceRestarter {
    /// The restarter a rollback outside a run uses (crash recovery, `node-reconfig rollback`):
    /// the service command, its timeout and the poll interval from `options`.
    init(options: TransactionOptions, context: Context) {
        self.init(manager: ServiceManager(runner: context.processes, program: options.serviceCommand,
                                          commandTimeout: options.commandTimeout),
                  clock: context.clock, pollInterval: options.pollInterval)
    }

    /// After files were put back from a backup set: `daemon-reload` if a restored file asks for
    /// it, then the services of the restored files that are running now restarted (a stopped
    /// service stays stopped) and waited for.
    func restartRunning(servicesOf restored: [BackupEntry], timeout: Double, label: String)
        -> (outcomes: [ServiceOutcome], failures: [String]) {
        let active = ServiceOrder.sorted(restored.flatMap(\.services)).filter(manager.isActive)
        return restart(active, daemonReload: restored.contains(where: \.needsDaemonReload), timeout: timeout, label: label)
    }
}
