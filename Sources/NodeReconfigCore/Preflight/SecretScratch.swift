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

    /// A path curl and openssl can read `pem` from: the node's file itself, or a 0600 copy of
    /// inline data named `name`.
    func path(of pem: PEMSource, name: String) throws(SystemError) -> String {
        switch pem {
        case .file(let path):
            return path
        case .inline(let bytes):
            let path = "\(directory)/\(name)"
            try fileSystem.writeNewFile(path, bytes: bytes, mode: 0o600)
            return path
        }
    }

    /// A curl config file (`-K`) that adds the bearer token's header.
    func curlConfig(token: String, name: String) throws(SystemError) -> String {
        let escaped = token.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        let path = "\(directory)/\(name)"
        try fileSystem.writeNewFile(path, bytes: Array("header = \"Authorization: Bearer \(escaped)\"\n".utf8), mode: 0o600)
        return path
    }

    /// Removes every file, then the directory.
    func remove() {
        for name in (try? fileSystem.listDirectory(directory)) ?? [] { try? fileSystem.remove("\(directory)/\(name)") }
        try? fileSystem.remove(directory)
    }

    /// The files one target's requests present and trust. Inline data and tokens are written
    /// here under `prefix`; a `tokenFile` is read from the node.
    func files(for credentials: TargetCredentials, prefix: String) throws(SystemError) -> TLSFiles {
        TLSFiles(ca: try credentials.ca.map { pem throws(SystemError) in try path(of: pem, name: "\(prefix)-ca.pem") },
                 certificate: try credentials.certificate.map { pem throws(SystemError) in try path(of: pem, name: "\(prefix)-cert.pem") },
                 key: try credentials.key.map { pem throws(SystemError) in try path(of: pem, name: "\(prefix)-key.pem") },
                 curlConfig: try token(credentials).map { token throws(SystemError) in try curlConfig(token: token, name: "\(prefix)-curl.conf") },
                 insecure: credentials.insecure, source: credentials.source)
    }

    /// The token itself, or the first line of its file.
    func token(_ credentials: TargetCredentials) throws(SystemError) -> String? {
        if let token = credentials.token { return token }
        guard let file = credentials.tokenFile else { return nil }
        let text = String(decoding: try fileSystem.readFile(file), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).first.map { String($0).trimmingSpaces }
    }

    /// True when `credentials` hold something only a scratch file can hand over.
    static func needed(for credentials: TargetCredentials?) -> Bool {
        guard let credentials else { return false }
        let inline = [credentials.ca, credentials.certificate, credentials.key].contains { if case .inline = $0 { true } else { false } }
        return inline || credentials.token != nil || credentials.tokenFile != nil
    }
}
