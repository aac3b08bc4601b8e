/// The directories node-reconfig keeps state in (the backup directory, the lock's `run/`) are
/// trusted: recovery restores whatever paths a manifest there names, as root, and the lock file
/// is truncated. So each must be a real directory (not a symlink), owned by the user running
/// node-reconfig, and writable by no one else; otherwise the run is refused before it reads or
/// writes anything there.
enum StateDirectory {
    /// nil when `path` is absent or safe; otherwise why it is refused and what to do.
    static func problem(_ path: String, fileSystem: any FileSystem, uid: UInt32 = Platform.effectiveUserID) -> String? {
        let status: FileStatus?
        do {
            status = try fileSystem.status(path)
        } catch {
            return "Cannot inspect \(path): \(error)"
        }
        guard let status else { return nil }
        switch status.type {
        case .directory: break
        case .symlink: return "\(path) is a symbolic link; node-reconfig keeps backups and its lock only in a real directory. Remove the link (or give another --backup-dir)"
        default: return "\(path) is not a directory; move it away (or give another --backup-dir)"
        }
        if status.uid != uid {
            return "\(path) is owned by uid \(status.uid), not by uid \(uid) running node-reconfig; someone else could plant backups there. chown it, or give another --backup-dir"
        }
        if status.mode & 0o022 != 0 {
            return "\(path) is writable by group or others (mode \(String(status.mode, radix: 8))); chmod go-w it"
        }
        return nil
    }
}
