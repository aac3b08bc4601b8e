import ConfigFormats

/// PEM material a TLS client presents or trusts: a file on the node, or the bytes of a
/// kubeconfig's `*-data` value (decoded). Inline bytes reach curl and openssl only as a file in
/// the run's 0700 scratch directory (`SecretScratch`), never through argv or the environment.
public enum PEMSource: Sendable, Equatable, CustomStringConvertible {
    /// A host path (already joined with `--root`).
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
/// `description` names files only: no key, token or inline certificate is ever in it.
public struct TargetCredentials: Sendable, Equatable, CustomStringConvertible {
    public var ca: PEMSource?
    public var certificate: PEMSource?
    public var key: PEMSource?
    /// A bearer token (a secret).
    public var token: String?
    /// A file holding the bearer token (host path), read when the checks run.
    public var tokenFile: String?
    /// The file that holds (or names) these credentials, as the operator knows it
    /// (`/etc/kubernetes/kubelet.kubeconfig`); named in every finding about them.
    public var source: String
    /// The file says not to verify the server (`insecure-skip-tls-verify: true`).
    public var insecure: Bool

    public init(ca: PEMSource? = nil, certificate: PEMSource? = nil, key: PEMSource? = nil, token: String? = nil,
                tokenFile: String? = nil, source: String, insecure: Bool = false) {
        self.ca = ca
        self.certificate = certificate
        self.key = key
        self.token = token
        self.tokenFile = tokenFile
        self.source = source
        self.insecure = insecure
    }

    public var description: String {
        var parts = ["from \(source)"]
        if let ca { parts.append("CA \(ca)") }
        if let certificate { parts.append("certificate \(certificate)") }
        if key != nil { parts.append("a key") }
        if token != nil || tokenFile != nil { parts.append("a token") }
        return parts.joined(separator: ", ")
    }

    /// True when the client presents something (a certificate or a token).
    public var presentsIdentity: Bool { certificate != nil || token != nil || tokenFile != nil }

    /// The credentials a kubeconfig gives one of its clusters. `displayPath` is the kubeconfig as
    /// the operator knows it, `root` the `--root` its absolute paths live under; a relative path
    /// is taken from the kubeconfig's directory, as kubectl and kubelet do. A `*-data` value that
    /// is not base64 is left out (the client could not use it either).
    public static func kubeconfig(_ values: KubeconfigCredentials, displayPath: String, root: String) -> TargetCredentials {
        func path(_ written: String?) -> String? {
            guard let written, !written.isEmpty else { return nil }
            let nodePath = written.hasPrefix("/") ? written : PathMath.join(PathMath.dirname(displayPath), written)
            return PathMath.join(root, PathMath.normalize(nodePath))
        }
        func material(data: String?, file: String?) -> PEMSource? {
            if let data, let bytes = Base64.decode(data) { return .inline(bytes) }
            return path(file).map(PEMSource.file)
        }
        return TargetCredentials(
            ca: material(data: values.certificateAuthorityData, file: values.certificateAuthority),
            certificate: material(data: values.clientCertificateData, file: values.clientCertificate),
            key: material(data: values.clientKeyData, file: values.clientKey),
            token: values.token.flatMap { $0.isEmpty ? nil : $0 }, tokenFile: path(values.tokenFile),
            source: displayPath, insecure: values.insecureSkipTLSVerify)
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
