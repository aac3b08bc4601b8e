/// The run's 0700 directory for secrets handed to curl and openssl (SPEC "Safety" 1,
/// docs/SECURITY.md), holding inline PEM data from kubeconfigs and curl config files with bearer
/// tokens (0600 each), removed with its files when the checks end. Files the node already has
/// are passed by their own path instead.
///
/// `apply` keeps it in the backup directory (`<backup-dir>/.secrets-<pid>/`, the directory 0700
/// and checked like every state directory; apply creates it anyway). `plan` changes nothing on
/// the node: it uses the system's runtime directory (`$XDG_RUNTIME_DIR`, `/run/user/UID`,
/// `/dev/shm`, else `/tmp`: `.node-reconfig-secrets-<pid>-<random>/`, created by this user, 0700) and
/// creates nothing else. A run killed before it removed its directory (SIGKILL) leaves it behind:
/// every creation, and `apply`'s pruning, removes those of pids no longer running.
struct SecretScratch {
    let directory: String
    let fileSystem: any FileSystem

    /// Where the directory goes.
    enum Place: Sendable, Equatable {
        /// `apply`: the backup directory (created 0700 when missing).
        case backupDirectory(String)
        /// `plan`: a runtime directory that exists already; nothing is created besides the scratch.
        case runtime(String)

        var parent: String {
            switch self {
            case .backupDirectory(let path), .runtime(let path): return path
            }
        }

        /// The scratch directories' name prefix there.
        var prefix: String {
            switch self {
            case .backupDirectory: return ".secrets-"
            case .runtime: return ".node-reconfig-secrets-"
            }
        }

        /// `plan`'s: the first of `$XDG_RUNTIME_DIR` (`runtimeDirectory`), `/run/user/UID`,
        /// `/dev/shm` (memory, like the first two), `/tmp` that is a directory.
        static func runtime(environment runtimeDirectory: String?, uid: UInt32, fileSystem: any FileSystem) -> Place {
            let candidates = [runtimeDirectory, "/run/user/\(uid)", "/dev/shm"].compactMap { $0 }.filter { $0.hasPrefix("/") }
            for candidate in candidates where (try? fileSystem.status(candidate))?.type == .directory {
                return .runtime(candidate)
            }
            return .runtime("/tmp")
        }
    }

    /// Creates the directory; a refusal says why it cannot be trusted or made.
    static func create(in backupDirectory: String, fileSystem: any FileSystem, pid: Int32) -> Result<SecretScratch, PreflightFinding> {
        create(at: .backupDirectory(backupDirectory), fileSystem: fileSystem, pid: pid)
    }

    static func create(at place: Place, fileSystem: any FileSystem, pid: Int32, uid: UInt32 = Platform.effectiveUserID) -> Result<SecretScratch, PreflightFinding> {
        // In a shared directory (/dev/shm, /tmp) another user could have placed a name we would
        // make, as a link into a directory of root's: there the name is unguessable, and whatever
        // already stands at it is refused, never entered or removed.
        var name = "\(place.prefix)\(pid)"
        if case .runtime = place { name += "-" + String(UInt64.random(in: 1...UInt64.max), radix: 16) }
        let scratch = SecretScratch(directory: "\(place.parent)/\(name)", fileSystem: fileSystem)
        do {
            switch place {
            case .backupDirectory(let backupDirectory):
                if let problem = StateDirectory.problem(backupDirectory, fileSystem: fileSystem) {
                    return .failure(PreflightFinding(subject: "", detail: "cannot keep the node's credentials for the checks: \(problem)"))
                }
                try fileSystem.createDirectory(backupDirectory, mode: 0o700)
            case .runtime:
                break
            }
            sweep(place, fileSystem: fileSystem, uid: uid)
            let notOurs = PreflightFinding(subject: "", detail: "\(scratch.directory) for the node's credentials is not a 0700 directory of this user; "
                                           + "remove it, then run again")
            if let there = try fileSystem.status(scratch.directory) {
                // Only in the 0700 backup directory: a directory of ours a killed run with this pid left.
                guard case .backupDirectory = place, there.type == .directory, there.uid == uid else { return .failure(notOurs) }
                scratch.remove()
            }
            try fileSystem.createDirectory(scratch.directory, mode: 0o700)
            // What stands there now (lstat) is checked before its mode is set: a real directory
            // of this user (in a sticky /dev/shm or /tmp, nobody else can replace it after this).
            guard let made = try fileSystem.status(scratch.directory), made.type == .directory, made.uid == uid else { return .failure(notOurs) }
            if made.mode & 0o777 != 0o700 { try fileSystem.setMode(scratch.directory, mode: 0o700) }
            guard let checked = try fileSystem.status(scratch.directory), checked.type == .directory, checked.uid == uid, checked.mode & 0o077 == 0 else {
                return .failure(notOurs)
            }
        } catch {
            return .failure(PreflightFinding(subject: "", detail: "cannot create \(scratch.directory) for the node's credentials: \(error)"))
        }
        return .success(scratch)
    }

    /// Removes the scratch directories in `place` left by runs that are gone (no `/proc/PID`),
    /// this user's only; the names removed.
    @discardableResult
    static func sweep(_ place: Place, fileSystem: any FileSystem, uid: UInt32 = Platform.effectiveUserID) -> [String] {
        var removed: [String] = []
        for name in (try? fileSystem.listDirectory(place.parent)) ?? [] where name.hasPrefix(place.prefix) {
            // `<prefix><pid>` in the backup directory, `<prefix><pid>-<random>` in a runtime one.
            guard let pid = Int32(name.dropFirst(place.prefix.count).prefix { $0.isASCII && $0.isNumber }), pid > 0,
                  isGone(pid, fileSystem: fileSystem) else { continue }
            let path = "\(place.parent)/\(name)"
            guard let status = try? fileSystem.status(path), status.type == .directory, status.uid == uid else { continue }
            SecretScratch(directory: path, fileSystem: fileSystem).remove()
            removed.append(name)
        }
        return removed
    }

    /// True when no process `pid` runs (`/proc/PID` is absent; unreadable counts as running).
    static func isGone(_ pid: Int32, fileSystem: any FileSystem) -> Bool {
        do { return try fileSystem.status("/proc/\(pid)") == nil } catch { return false }
    }

    /// A 0600 file named `name` holding `bytes`.
    func write(_ bytes: [UInt8], name: String) throws(SystemError) -> String {
        let path = "\(directory)/\(name)"
        try fileSystem.writeNewFile(path, bytes: bytes, mode: 0o600)
        return path
    }

    /// A curl config file (`-K`) that adds the bearer token's header.
    func curlConfig(token: String, name: String) throws(SystemError) -> String {
        let escaped = token.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return try write(Array("header = \"Authorization: Bearer \(escaped)\"\n".utf8), name: name)
    }

    /// Removes every file, then the directory.
    func remove() {
        for name in (try? fileSystem.listDirectory(directory)) ?? [] { try? fileSystem.remove("\(directory)/\(name)") }
        try? fileSystem.remove(directory)
    }

    /// True when `credentials` hold something only a scratch file can hand over.
    static func needed(for credentials: TargetCredentials?) -> Bool {
        guard let credentials else { return false }
        let inline = [credentials.ca, credentials.certificate, credentials.key].contains { if case .inline = $0 { true } else { false } }
        return inline || credentials.token != nil || credentials.tokenFile != nil
    }
}

extension TargetCredentials {
    /// The files curl and openssl read these from: the node's own files at their paths on this
    /// machine (`NodePath`: under `root`, symlinks followed inside it, as discovery finds
    /// files), inline data and the token written into `scratch` (required when
    /// `SecretScratch.needed`) as `PREFIX-ca.pem`, `PREFIX-curl.conf`, …. A file that is not
    /// there, or that leaves the root, is refused naming the setting that names it.
    func files(fileSystem: any FileSystem, scratch: SecretScratch?, prefix: String) -> Result<TLSFiles, CredentialProblem> {
        do throws(CredentialProblem) {
            func place(_ pem: PEMSource?, _ suffix: String) throws(CredentialProblem) -> String? {
                switch pem {
                case nil: return nil
                case .file(let path): return try hostPath(of: path, fileSystem: fileSystem)
                case .inline(let bytes):
                    guard let scratch else { throw CredentialProblem("inline data needs the scratch directory") }
                    do { return try scratch.write(bytes, name: "\(prefix)-\(suffix)") } catch { throw CredentialProblem("cannot write \(scratch.directory)/\(prefix)-\(suffix): \(error)") }
                }
            }
            var files = TLSFiles(ca: try place(ca, "ca.pem"), certificate: try place(certificate, "cert.pem"), key: try place(key, "key.pem"),
                                 insecure: insecure, source: source, identitySource: identitySource)
            var bearer = token
            if bearer == nil, let tokenFile {
                let path = try hostPath(of: tokenFile, fileSystem: fileSystem)
                do {
                    let text = String(decoding: try fileSystem.readFile(path), as: UTF8.self)
                    bearer = text.split(whereSeparator: \.isNewline).first.map { String($0).trimmingSpaces }
                } catch {
                    throw CredentialProblem("cannot read \(name(of: tokenFile)): \(error)")
                }
            }
            if let bearer {
                guard let scratch else { throw CredentialProblem("a token needs the scratch directory") }
                do { files.curlConfig = try scratch.curlConfig(token: bearer, name: "\(prefix)-curl.conf") } catch {
                    throw CredentialProblem("cannot write \(scratch.directory)/\(prefix)-curl.conf: \(error)")
                }
            }
            return .success(files)
        } catch {
            return .failure(error)
        }
    }

    /// Where the node file `nodePath` is on this machine.
    func hostPath(of nodePath: String, fileSystem: any FileSystem) throws(CredentialProblem) -> String {
        let resolved: NodePath.Resolved
        do {
            resolved = try NodePath.resolve(nodePath, root: root, fileSystem: fileSystem)
        } catch .unsafePath(_, let detail) {
            throw CredentialProblem("cannot use \(name(of: nodePath)): \(detail); name a file inside it")
        } catch {
            throw CredentialProblem("cannot use \(name(of: nodePath)): \(error)")
        }
        switch resolved {
        case .found(let hostPath, .regular, _):
            return hostPath
        case .found:
            throw CredentialProblem("cannot use \(name(of: nodePath)): it is not a regular file")
        case .absent:
            throw CredentialProblem("\(name(of: nodePath)) does not exist on this node; give the file, or fix the setting that names it")
        }
    }

    /// `the etcd CA /etc/flannel/ca.pem (FLANNEL_ETCD_CAFILE in /etc/sysconfig/flanneld:2)`, or the path.
    func name(of nodePath: String) -> String {
        origins.first { $0.path == nodePath }.map { "the \($0)" } ?? nodePath
    }
}

/// Why the node's credentials for a target cannot be handed to curl and openssl.
struct CredentialProblem: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
