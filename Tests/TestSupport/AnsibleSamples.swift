/// A value for each node_reconfig module parameter (every option of `apply` but `--json`), as JSON
/// the way a playbook writes it (lists as YAML/JSON lists or comma strings, booleans as `true` or
/// `"yes"`, numbers as numbers or strings), all valid together on `fixtures/demo-node`.
/// `AnsibleOptionCoverageTests` fails for an option without one here.
public enum AnsibleSamples {
    /// Parameter name → JSON value; `root` is the node root given.
    public static func json(root: String) -> [String: String] {
        [
            "master": #""https://10.17.40.20:6443""#,
            "etcd": #"["http://10.17.40.21:4012", "http://10.17.40.22:4012"]"#,
            "etcd_members": #""etcd1=http://10.17.40.21:4010,etcd2=http://10.17.40.22:4010,etcd3=http://10.17.40.23:4010""#,
            "apiservers": #""10.17.40.20:6443,10.17.40.24:6443""#,
            "drain": #"["10.17.33.25:6443"]"#,
            "old_master": #"["https://10.17.33.20:6443"]"#,
            "lb_pool": #""backend""#,
            "root": "\"\(root)\"",
            "only": #"["kubelet", "load-balancer"]"#,
            "file": #"["env:/etc/sysconfig/kubelet"]"#,
            "local_addresses": #""10.17.40.99""#,
            "skip_preflight": "true",
            "no_restart": #""yes""#,
            "service_cmd": #""/bin/true""#,
            "runtime_cmd": #""/bin/true""#,
            "health_timeout": "30",
            "settle": #""0""#,
            "probe": #"["http://127.0.0.1:10248/healthz"]"#,
            "probe_cacert": #""/etc/kubernetes/pki/ca.crt""#,
            "probe_cert": #""/etc/kubernetes/pki/apiserver-kubelet-client.crt""#,
            "probe_key": #""/etc/kubernetes/pki/apiserver-kubelet-client.key""#,
            "dry_run": "true",
            "backup_dir": #""/var/lib/node-reconfig/other-backups""#,
            "keep_backups": "3",
        ]
    }
}
