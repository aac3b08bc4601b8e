import ConfigFormats

/// PEM material a TLS client presents or trusts: a file on the node, or the bytes of a
/// kubeconfig's `*-data` value (decoded). Inline bytes reach curl and openssl only as a file in
/// the run's 0700 scratch directory (`SecretScratch`), never through argv or the environment.
public enum PEMSource: Sendable, Equatable, CustomStringConvertible {
    /// A node path (under the credentials' `root`), resolved as discovery resolves paths when
    /// the checks run.
    case file(String)
    /// PEM bytes, possibly a private key: never printed.
    case inline([UInt8])

    public var description: String {
        switch self {
        case .file(let path): return path
        case .inline: return "(inline data)"
        }
    }
}

/// What the node's own files use to talk to one target (SPEC "Safety" 1): the CA it trusts, the
/// client certificate and key or the token it presents, and which file said so. Its
/// `description` and its mirror (`dump`) name files only: no key, token or inline certificate
/// is ever in them.
public struct TargetCredentials: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    public var ca: PEMSource?
    public var certificate: PEMSource?
    public var key: PEMSource?
    /// A bearer token (a secret).
    public var token: String?
    /// A file holding the bearer token (node path), read when the checks run.
    public var tokenFile: String?
    /// The file whose CA is used (else the file naming the client's credentials), as the
    /// operator knows it (`/etc/kubernetes/kubelet.kubeconfig`): named in every finding about
    /// the server's certificate.
    public var source: String
    /// The file naming the client certificate or token, when it is not `source` (`--etcd-cafile`
    /// in the unit, `--etcd-certfile` in the env file it reads).
    public var identitySource: String?
    /// The file says not to verify the server (`insecure-skip-tls-verify: true`).
    public var insecure: Bool
    /// `--root`: the node paths above live under it.
    public var root: String
    /// The settings these come from (what named each file, on which line), for messages.
    public var origins: [CredentialReference]

    public init(ca: PEMSource? = nil, certificate: PEMSource? = nil, key: PEMSource? = nil, token: String? = nil,
                tokenFile: String? = nil, source: String, identitySource: String? = nil, insecure: Bool = false, root: String = "/",
                origins: [CredentialReference] = []) {
        self.ca = ca
        self.certificate = certificate
        self.key = key
        self.token = token
        self.tokenFile = tokenFile
        self.source = source
        self.identitySource = identitySource
        self.insecure = insecure
        self.root = root
        self.origins = origins
    }

    public var description: String {
        var parts = ["from \(source)"]
        if let ca { parts.append("CA \(ca)") }
        if let certificate { parts.append("certificate \(certificate)") }
        if key != nil { parts.append("a key") }
        if token != nil || tokenFile != nil { parts.append("a token") }
        if let identitySource { parts.append("client credentials from \(identitySource)") }
        return parts.joined(separator: ", ")
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["ca": ca?.description as Any, "certificate": certificate?.description as Any,
                                "key": key?.description as Any, "token": token == nil ? "nil" : "(secret)", "tokenFile": tokenFile as Any,
                                "source": source, "identitySource": identitySource as Any, "insecure": insecure, "root": root,
                                "origins": origins], displayStyle: .struct)
    }

    /// True when the client presents something (a certificate or a token).
    public var presentsIdentity: Bool { certificate != nil || token != nil || tokenFile != nil }

    /// Same CA, client certificate, key and token (whoever named them): one check serves both.
    func presentsTheSame(as other: TargetCredentials) -> Bool {
        (ca, certificate, key) == (other.ca, other.certificate, other.key)
            && (token, tokenFile, insecure, root) == (other.token, other.tokenFile, other.insecure, other.root)
    }

    /// The credentials a kubeconfig gives one of its clusters: `credentials` as
    /// `Kubeconfig.credentials(for:)` reads them (the cluster's CA, its user's certificate, key
    /// or token). `displayPath` is the kubeconfig as the operator knows it, `root` the `--root`
    /// its paths live under; a relative path is taken from the kubeconfig's directory, as
    /// kubectl and kubelet do. A `*-data` value wins over the file key beside it (as client-go
    /// reads them); one that is not base64 is left out (the client could not use it either).
    public static func kubeconfig(_ credentials: [KubeconfigCredential], insecure: Bool, displayPath: String, root: String) -> TargetCredentials {
        var result = TargetCredentials(source: displayPath, insecure: insecure, root: root)
        var data: [CredentialReference.Purpose: [UInt8]] = [:]
        var files: [CredentialReference.Purpose: String] = [:]
        for credential in credentials {
            let purpose = CredentialReference.Purpose(credential.key)
            var origin = CredentialReference.kubeconfig(credential, namedBy: displayPath)
            if let path = credential.path {
                let nodePath = Reference.nodePath(path, besides: displayPath)  // where discovery records it too
                guard !nodePath.hasPrefix("/..") else { continue }
                origin.path = nodePath
                if credential.key == .tokenFile { result.tokenFile = nodePath } else { files[purpose] = nodePath }
            } else if let value = credential.value, !value.isEmpty {
                if credential.key == .token { result.token = value } else if let bytes = Base64.decode(value) { data[purpose] = bytes } else { continue }
            } else {
                continue
            }
            result.origins.append(origin)
        }
        func material(_ purpose: CredentialReference.Purpose) -> PEMSource? {
            data[purpose].map(PEMSource.inline) ?? files[purpose].map(PEMSource.file)
        }
        result.ca = material(.ca)
        result.certificate = material(.cert)
        result.key = material(.key)
        return result
    }

    /// The credentials one program's settings name, from discovery's references (`--etcd-cafile`,
    /// `FLANNEL_ETCD_CAFILE`, `ETCD_TRUSTED_CA_FILE`, …), in the order the program reads them: a
    /// later setting of a purpose wins over an earlier one, as a repeated flag does. A
    /// credential written into a file (no path) is not among them: only a kubeconfig's are read.
    /// Nil when they name no file.
    static func named(by references: [CredentialReference], root: String) -> TargetCredentials? {
        var last: [CredentialReference.Purpose: CredentialReference] = [:]
        for reference in references where reference.path != nil { last[reference.purpose] = reference }
        guard !last.isEmpty else { return nil }
        let identity = last[.cert] ?? last[.token] ?? last[.key]
        let source = (last[.ca] ?? identity)!.namedBy
        return TargetCredentials(ca: last[.ca]?.path.map(PEMSource.file), certificate: last[.cert]?.path.map(PEMSource.file),
                                 key: last[.key]?.path.map(PEMSource.file), tokenFile: last[.token]?.path, source: source,
                                 identitySource: identity.flatMap { $0.namedBy == source ? nil : $0.namedBy }, root: root,
                                 origins: [.ca, .cert, .key, .token].compactMap { last[$0] })
    }
}

extension CredentialReference.Purpose {
    /// What a kubeconfig key gives.
    init(_ key: KubeconfigCredential.Key) {
        switch key {
        case .certificateAuthority, .certificateAuthorityData: self = .ca
        case .clientCertificate, .clientCertificateData: self = .cert
        case .clientKey, .clientKeyData: self = .key
        case .token, .tokenFile: self = .token
        }
    }
}

extension CredentialReference {
    /// A kubeconfig's credential as a reference (path as written; the caller places it).
    static func kubeconfig(_ credential: KubeconfigCredential, namedBy: String) -> CredentialReference {
        CredentialReference(target: .master, purpose: Purpose(credential.key), path: credential.path, namedBy: namedBy,
                            line: credential.line + 1, label: credential.key.rawValue,
                            owner: credential.owner.map { "\(credential.key.isClusterKey ? "cluster" : "user") \($0)" })
    }
}

/// Base64 (RFC 4648, with or without padding; spaces and line breaks ignored), as kubeconfigs
/// hold certificates and keys.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in text.utf8 {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): padding += 1; continue
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        guard padding <= 2, !output.isEmpty else { return nil }
        return output
    }
}
