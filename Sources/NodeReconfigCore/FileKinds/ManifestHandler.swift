/// Static pod manifests (`/etc/kubernetes/manifests/*.yaml`): flags in the containers'
/// `command:`/`args:` items. kubelet recreates the pod when the file changes; no service restart.
struct ManifestHandler: SiteHandler {
    let kind = FileKind.manifest
    var restartsItsService: Bool { false }

    func sites(in source: SourceText) throws(FormatError) -> [Site] {
        try PodManifest(source).containers.flatMap { SiteRewrite.flagSites($0.commandWords) }
    }
}

extension FileKind {
    public static let manifest = FileKind(name: "manifest")
}
