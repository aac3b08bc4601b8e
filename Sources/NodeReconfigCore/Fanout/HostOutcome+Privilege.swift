extension HostOutcome {
    /// What to tell the operator when a host's failure is about privileges, given `--sudo`.
    ///
    /// With `--sudo`, a run that printed no JSON and whose last stderr line is sudo's own
    /// (`sudo: a password is required`, `sudo: … not found`) failed in sudo, before node-reconfig
    /// started: the message says so. Without `--sudo`, a `Permission denied` means the ssh user is
    /// not root: the message suggests `--sudo`. Otherwise nil (the message stays as it is).
    static func privilegeMessage(sudo: Bool, exitCode: Int32, printedJSON: Bool, message: String,
                                 lastError: String?) -> String? {
        if sudo {
            guard !printedJSON, let line = lastError else { return nil }
            if exitCode == 127 && line.contains("sudo") {
                return "sudo was not found on the host: \(line); install it, or log in as root without --sudo"
            }
            guard line.hasPrefix("sudo: ") else { return nil }
            return "sudo refused (exit \(exitCode)): \(line); --sudo needs passwordless sudo (NOPASSWD) "
                + "for the ssh user on the host"
        }
        guard message.contains("Permission denied") || (lastError?.contains("Permission denied") ?? false),
              !message.contains("--sudo") else { return nil }
        return "\(message) (is the ssh user root? if not, add --sudo)"
    }
}
