/// Env and sysconfig files (`/etc/sysconfig/kubelet`, `/etc/kubernetes/config`, `/etc/etcd.env`):
/// known variables hold a value directly (`FLANNEL_ETCD=`), others hold command-line flags
/// (`KUBE_MASTER="--master=…"`). Read by the service through its unit's `EnvironmentFile=`.
struct EnvHandler: SiteHandler {
    let kind = FileKind.env

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try EnvFile(source).assignments.flatMap {
            SiteRewrite.assignmentSites(name: $0.key, value: $0.value, words: $0.words)
        }
    }
}

extension FileKind {
    public static let env = FileKind(name: "env")
}
