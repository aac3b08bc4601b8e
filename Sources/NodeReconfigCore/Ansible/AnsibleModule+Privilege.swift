extension AnsibleModule {
    /// What to tell the operator when a module run failed for lack of privileges.
    ///
    /// node-reconfig rewrites root-owned files, keeps root-only backups and restarts services, so
    /// the module must run as root. Ansible usually logs in as an unprivileged user; without
    /// `become`, the run fails on a raw `Permission denied`. When the run failed, was not root
    /// (`uid` is not 0), and its message or stderr says `Permission denied` or `Operation not
    /// permitted`, the message gets what to do appended. Otherwise nil (the message stays as it is).
    static func privilegeMessage(message: String, stderr: String, uid: UInt32) -> String? {
        guard uid != 0 else { return nil }
        let markers = ["Permission denied", "Operation not permitted"]
        guard markers.contains(where: { message.contains($0) || stderr.contains($0) }) else { return nil }
        return "\(message) (node_reconfig ran as uid \(uid), not root: add `become: true` to the play or task, "
            + "or run ansible-playbook with --become, or log in as root)"
    }
}
