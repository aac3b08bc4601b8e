/// Replaces a file so that no reader ever sees it half written (SPEC "Safety" 5 and 12):
/// a temp file beside it, created exclusively with the original's mode, written, fsynced, given
/// the original's owner, group and extended attributes, renamed over, directory fsynced.
/// Where rename gives EBUSY (a bind-mounted file) the file is rewritten in place and read back.
struct AtomicWriter {
    var fileSystem: any FileSystem

    /// The temp file for `path` during run `tag`: hidden, beside the target, named after the run
    /// so recovery can find and remove one left by a crash.
    static func tempPath(for path: String, tag: String) -> String {
        let (directory, name) = split(path)
        return "\(directory)/.\(name).node-reconfig-\(tag).tmp"
    }

    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    func replace(_ path: String, with bytes: [UInt8], like status: FileStatus, attributes: [String: [UInt8]],
                 tag: String) throws(SystemError) {
        let temp = Self.tempPath(for: path, tag: tag)
        if try fileSystem.status(temp) != nil { try fileSystem.remove(temp) }
        do {
            // Inside: a write cut short (a full disk) leaves a partial temp file to remove.
            try fileSystem.writeNewFile(temp, bytes: bytes, mode: status.mode)
            try fileSystem.setOwner(temp, uid: status.uid, gid: status.gid)
            for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
                try fileSystem.setExtendedAttribute(temp, name: name, value: value)
            }
            try renameOrRewrite(temp, over: path, bytes: bytes)
        } catch {
            try? fileSystem.remove(temp)
            throw error
        }
        try fileSystem.fsyncDirectory(Self.split(path).directory)
    }

    private func renameOrRewrite(_ temp: String, over path: String, bytes: [UInt8]) throws(SystemError) {
        do {
            try fileSystem.rename(temp, to: path)
            return
        } catch {
            guard error.errno == 16 /* EBUSY */ else { throw error }
        }
        try fileSystem.overwriteInPlace(path, bytes: bytes)
        guard try fileSystem.readFile(path) == bytes else { throw SystemError("verify in-place write", path, 5 /* EIO */) }
        try fileSystem.remove(temp)
    }
}
