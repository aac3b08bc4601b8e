extension Address {
    /// How pool entries are compared: host case-insensitive (IPv6 without its brackets, as
    /// `Address` already keeps it) and port. `[fd00::1]:6443` and haproxy's unbracketed
    /// `fd00::1:6443` are the same server.
    public var poolKey: String {
        "\(host.lowercased())|\(port.map(String.init) ?? "")"
    }
}
