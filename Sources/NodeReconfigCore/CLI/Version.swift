/// The version `--version` prints.
public enum Version {
    public static let number = "0.2.0"

    /// What the build says of itself when nothing was linked in: a plain `swift build`.
    static let unknownBuild = "commit unknown, glibc of the build machine"

    /// `node-reconfig 0.2.0 (commit abc1234, glibc >= 2.17)`. The part in brackets is linked in
    /// by `scripts/build-release.sh` (`scripts/release/compat.c`); a plain `swift build` says
    /// `commit unknown`.
    public static var string: String { "node-reconfig \(number) (\(Platform.linkedBuildDescription ?? unknownBuild))" }
}
