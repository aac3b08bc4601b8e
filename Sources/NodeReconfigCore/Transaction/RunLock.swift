/// One run at a time: an exclusive `flock` on `<root>/run/node-reconfig.lock`, the holder's pid
/// inside. The kernel drops the lock when the holder dies, so a held lock means a live run.
enum RunLock {
    /// The lock, or why it could not be taken (a message naming the holder and what to do).
    static func acquire(root: String, fileSystem: any FileSystem, pid: Int32) -> Result<FileLock, TransactionFailure> {
        let directory = PathMath.join(root, "/run")
        let path = directory + "/node-reconfig.lock"
        do {
            try fileSystem.createDirectory(directory, mode: 0o755)
            if let problem = StateDirectory.problem(directory, fileSystem: fileSystem) { return .failure(.stateDirectory(problem)) }
            if let lock = try fileSystem.tryLock(path, holder: Array("\(pid)\n".utf8)) { return .success(lock) }
            let holder = (try? fileSystem.readFile(path)).map { String(decoding: $0, as: UTF8.self) }?
                .split(separator: "\n").first.map(String.init) ?? "unknown"
            return .failure(.lockHeld(path: path, holder: holder))
        } catch {
            return .failure(.lockFailed(path: path, error))
        }
    }
}
