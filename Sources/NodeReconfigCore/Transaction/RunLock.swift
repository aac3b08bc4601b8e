/// One run at a time: an exclusive `flock` on `<root>/run/node-reconfig.lock`, the holder's pid
/// inside. The kernel drops the lock when the holder dies, so a held lock means a live run.
enum RunLock {
    enum Attempt {
        case acquired(FileLock)
        /// A message naming the holder and what to do.
        case refused(String)
    }

    static func acquire(root: String, fileSystem: any FileSystem, pid: Int32) -> Attempt {
        let directory = PathMath.join(root, "/run")
        let path = directory + "/node-reconfig.lock"
        do {
            try fileSystem.createDirectory(directory, mode: 0o755)
            if let problem = StateDirectory.problem(directory, fileSystem: fileSystem) { return .refused(problem + "; nothing was changed") }
            if let lock = try fileSystem.tryLock(path, holder: Array("\(pid)\n".utf8)) { return .acquired(lock) }
            let holder = (try? fileSystem.readFile(path)).map { String(decoding: $0, as: UTF8.self) }?
                .split(separator: "\n").first.map(String.init) ?? "unknown"
            return .refused("Lock at \(path) is held by pid \(holder): another node-reconfig run is in progress; wait for it to finish")
        } catch {
            return .refused("Cannot take the lock at \(path): \(error); nothing was changed")
        }
    }
}
