/// The help text of `node-reconfig fanout`.
public enum FanoutHelp {
    public static let usage = "Usage: node-reconfig fanout [plan|detect] --hosts=FILE|H1,H2 [options] -- FLAGS…"

    public static let text = """
    OVERVIEW: Run node-reconfig on many hosts through ssh, in waves.

    \(usage)

      fanout -- FLAGS           runs 'node-reconfig apply FLAGS --json' on every host
      fanout plan -- FLAGS      the same as a dry run ('node-reconfig plan'): nothing changes
      fanout detect             an inventory: 'node-reconfig detect --json' on every host

    OPTIONS:
      --hosts=FILE|H1,H2        hosts: a file (one a line, '#' comments) or a comma list;
                                [user@]host names, none may start with '-'
      --parallel=N              at most N hosts at once (default: 10)
      --batch=N|P%              waves of N hosts or P% of the hosts (default: all in one wave)
      --max-failures=N          after a wave with more than N failed hosts in all, the
                                remaining hosts are skipped (default: 0)
      --timeout=SEC             per host (default: 600); the remote run gets a hangup and
                                rolls back, and the host is reported as 'timeout'
      --hangup-grace=SEC        after a timeout, how long to wait for the remote run to roll
                                back and end (default: 180); if it does not, the host is
                                'failed' (not 'timeout') and must be checked by hand
      --ssh=COMMAND             the ssh command (default: ssh; ~/.ssh/config applies)
      --sudo                    run node-reconfig (and the copy) with 'sudo -n' on the hosts:
                                the ssh user needs a NOPASSWD sudoers rule
      --remote-bin=PATH         node-reconfig on the hosts (default: node-reconfig on PATH,
                                or \(FanoutOptions.defaultCopyPath) with --copy-binary)
      --copy-binary             copy this binary to the hosts first, checked by sha256
      --report=FILE             write the results as JSON
      --retry-failed=REPORT     run again only the hosts that did not succeed in REPORT
                                (with its flags when none are given after '--')
      --json                    print the report JSON instead of the table
      -h, --help                show this help

    RESULTS: changed, unchanged, pending (plan), detected (detect), rolled-back, failed,
    unreachable, timeout, skipped. Progress goes to stderr, the table to stdout.

    EXIT CODES: 0 every host succeeded; 1 bad input, nothing was run; 2 (plan) every host
    succeeded and some have pending changes; 3 at least one host did not succeed.

    """
}
