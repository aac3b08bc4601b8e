#if canImport(Glibc)
import Glibc
#endif

/// The last SIGINT/SIGTERM/SIGHUP received, 0 for none. Written only by the handler.
nonisolated(unsafe) private var receivedSignal: Int32 = 0

/// Signal handling for a run: SIGINT (Ctrl-C), SIGTERM (a coordinator's timeout) and SIGHUP
/// (a dropped ssh session) only set a flag, which the transaction checks between every step and
/// during waits, and then rolls back. SIGPIPE is ignored so that a vanished terminal cannot
/// kill node-reconfig half way through a rollback (writes to it fail with EPIPE instead).
public enum Signals {
    /// Installs the handlers (no SA_RESTART: blocking calls return EINTR and are retried), and
    /// unblocks the three signals: a parent that starts us with them blocked (some supervisors
    /// and test runners do) would otherwise leave a coordinator's SIGTERM pending, unseen, for
    /// the whole run.
    public static func install() {
        signal(SIGPIPE, SIG_IGN)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, number) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { receivedSignal = $0 }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }

    /// The signal received since `install()`, if any.
    public static var pending: Int32? { receivedSignal == 0 ? nil : receivedSignal }

    /// `SIGINT`, `SIGTERM`, … for messages.
    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
