extension Validation {
    /// The module line that `nginx` built with `--with-stream=dynamic` (Debian, Ubuntu) needs before it
    /// knows `stream`. A distribution's nginx.conf loads it; a standalone load-balancer file
    /// (kubeasz's kube-lb.conf, run by its own statically built nginx) does not.
    static let streamModule = "load_module modules/ngx_stream_module.so;"

    /// The same check again with the stream module loaded, when the first one failed on exactly that;
    /// nil otherwise.
    public func retry(for path: String, program located: String? = nil, after errorOutput: String) -> ExternalCommand? {
        guard self == .nginx, errorOutput.contains("unknown directive \"stream\"") else { return nil }
        return ExternalCommand(located ?? program, ["-t", "-c", path, "-g", Self.streamModule])
    }

    /// Whether a failed check got past the syntax and failed on the host's paths (log files, pid
    /// files, certificates). Under a `--root` other than `/` those paths name the host's files, not
    /// the node root's, so only the syntax verdict means something.
    public func passedSyntax(_ errorOutput: String) -> Bool {
        self == .nginx && errorOutput.contains("syntax is ok")
    }
}
