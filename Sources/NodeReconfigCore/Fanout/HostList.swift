/// The hosts of a fanout: read from a file or a comma list, each checked before anything runs.
public enum HostList {
    private static let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:[]%")
    private static let userCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")

    /// Endings that make a `--hosts` value a file name (compared ignoring case); no host name ends so.
    static let fileSuffixes = [".txt", ".list", ".ini", ".yml", ".yaml", ".cfg", ".conf", ".hosts"]

    /// True when a `--hosts` value names a file rather than listing hosts: something is at that
    /// path (`exists`), or it is a plain path (no `,`, not starting with `-`, only letters,
    /// digits and `._-/+@:~%`) that holds a `/` (no host name does) or ends in one of
    /// `fileSuffixes`. Such a value that names nothing is refused, never read as a host. Any other
    /// value is a comma-joined list of hosts (and a host with a shell character or a leading `-`
    /// is refused as such).
    static func namesFile(_ value: String, exists: Bool) -> Bool {
        if exists { return true }
        guard !value.hasPrefix("-"), value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-/+@:~%".contains($0)) }) else {
            return false
        }
        let lower = value.lowercased()
        return value.contains("/") || fileSuffixes.contains { lower.hasSuffix($0) }
    }

    /// Hosts of a hosts file: one a line; blank lines and `#` comments ignored.
    public static func parse(file text: String) throws(FanoutUsageError) -> [String] {
        var hosts: [String] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var line = raw
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count == 1 else {
                throw FanoutUsageError("hosts file line \(index + 1): '\(raw)' holds more than one host; write one host a line")
            }
            hosts.append(String(fields[0]))
        }
        return try checked(hosts)
    }

    /// Hosts of a comma list (`h1,h2`).
    public static func parse(list text: String) throws(FanoutUsageError) -> [String] {
        try checked(text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }

    /// Every host valid, no duplicates, at least one.
    public static func checked(_ hosts: [String]) throws(FanoutUsageError) -> [String] {
        guard !hosts.isEmpty else { throw FanoutUsageError("No hosts given") }
        var seen = Set<String>()
        for host in hosts {
            try validate(host)
            guard seen.insert(host).inserted else { throw FanoutUsageError("Host '\(host)' is listed twice") }
        }
        return hosts
    }

    /// A host is `[user@]name`: no leading `-` (ssh would read an option such as
    /// `-oProxyCommand=…`), no spaces, quotes or shell characters.
    public static func validate(_ host: String) throws(FanoutUsageError) {
        guard !host.isEmpty else { throw FanoutUsageError("Empty host name in the host list") }
        guard !host.hasPrefix("-") else {
            throw FanoutUsageError("Host '\(host)' starts with '-': ssh would read it as an option; refusing it")
        }
        var name = Substring(host)
        if let at = host.firstIndex(of: "@") {
            let user = host[..<at]
            name = host[host.index(after: at)...]
            guard !user.isEmpty, !user.hasPrefix("-"), user.allSatisfy({ userCharacters.contains($0) }) else {
                throw FanoutUsageError("Host '\(host)' has an invalid user name; write user@host")
            }
        }
        guard !name.isEmpty, !name.hasPrefix("-"), name.allSatisfy({ hostCharacters.contains($0) }) else {
            throw FanoutUsageError("Host '\(host)' is not a host name or address; write [user@]host")
        }
    }
}
