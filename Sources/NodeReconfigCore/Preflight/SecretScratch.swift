/// The run's 0700 directory for secrets handed to curl and openssl (SPEC "Safety" 1,
/// docs/SECURITY.md): `<backup-dir>/.secrets-<pid>/`, created 0700 in the backup directory
/// (itself 0700 and checked like every state directory), holding inline PEM data from
/// kubeconfigs and curl config files with bearer tokens (0600 each), removed with its files
/// when the checks end. Files the node already has are passed by their own path instead.
struct SecretScratch {
    let directory: String
    let fileSystem: any FileSystem

    /// Creates the directory; a refusal says why it cannot be trusted or made.
    static func create(in backupDirectory: String, fileSystem: any FileSystem, pid: Int32) -> Result<SecretScratch, PreflightFinding> {
        if let problem = StateDirectory.problem(backupDirectory, fileSystem: fileSystem) {
            return .failure(PreflightFinding(subject: "", detail: "cannot keep the node's credentials for the checks: \(problem)"))
        }
        let scratch = SecretScratch(directory: "\(backupDirectory)/.secrets-\(pid)", fileSystem: fileSystem)
        do {
            try fileSystem.createDirectory(backupDirectory, mode: 0o700)
            if try fileSystem.status(scratch.directory) != nil { scratch.remove() }
            try fileSystem.createDirectory(scratch.directory, mode: 0o700)
            try fileSystem.setMode(scratch.directory, mode: 0o700)
        } catch {
            return .failure(PreflightFinding(subject: "", detail: "cannot create \(scratch.directory) for the node's credentials: \(error)"))
        }
        return .success(scratch)
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
