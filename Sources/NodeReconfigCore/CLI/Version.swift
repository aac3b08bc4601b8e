/// The version `--version` prints.
public enum Version {
    public static let number = "0.1.0"
    /// `node-reconfig 0.1.0`
    public static let string = "node-reconfig \(number)"
}
