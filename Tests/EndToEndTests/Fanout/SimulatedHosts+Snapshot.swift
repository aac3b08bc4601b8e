extension SimulatedHosts {
    /// Path, owner, group, mode and size of everything node-reconfig could touch on host `index`
    /// (its config files, backups, lock), then the sha256 of every such file: equal snapshots
    /// mean nothing was written, chowned or chmodded.
    func snapshot(_ index: Int) throws -> String {
        try exec(index, "find /etc/kubernetes /etc/sysconfig /var/lib/node-reconfig /run/node-reconfig.lock "
            + "-exec stat -c '%n %U %G %a %s' {} + 2>/dev/null; "
            + "find /etc/kubernetes /etc/sysconfig /var/lib/node-reconfig -type f -exec sha256sum {} + 2>/dev/null").stdout
    }
}
