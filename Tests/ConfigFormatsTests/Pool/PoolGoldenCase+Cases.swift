extension PoolGoldenCase {
    /// Golden cases over the real-world corpus (7-lb-nginx-haproxy).
    static let corpus: [PoolGoldenCase] = [
        PoolGoldenCase(
            name: "kubeasz kube-lb: 4-space gap before params kept, master 3 replaced by 4",
            file: "corpus:7-lb-nginx-haproxy/kubeasz__kube-lb.conf",
            action: .set(["192.168.1.1:6443", "192.168.1.4:6443"]),
            replacements: [(
                "        server 192.168.1.2:6443    max_fails=2 fail_timeout=3s;\n        server 192.168.1.3:6443    max_fails=2 fail_timeout=3s;\n",
                "        server 192.168.1.4:6443    max_fails=2 fail_timeout=3s;\n"
            )]),
        PoolGoldenCase(
            name: "opsnull kube-nginx: the hash line stays first, kept server moves up, new one copies the 8-space gap",
            file: "corpus:7-lb-nginx-haproxy/opsnull__kube-nginx.conf",
            action: .set(["172.27.137.229:6443", "172.27.140.1:6443"]),
            replacements: [(
                "        server 172.27.138.251:6443        max_fails=3 fail_timeout=30s;\n        server 172.27.137.229:6443        max_fails=3 fail_timeout=30s;\n        server 172.27.138.239:6443        max_fails=3 fail_timeout=30s;\n",
                "        server 172.27.137.229:6443        max_fails=3 fail_timeout=30s;\n        server 172.27.140.1:6443        max_fails=3 fail_timeout=30s;\n"
            )]),
        PoolGoldenCase(
            name: "kubespray nginx IPv6: bracketed addresses, least_conn and the mis-indented brace stay",
            file: "corpus:7-lb-nginx-haproxy/kubespray__nginx-proxy-ipv6.conf",
            action: .set(["[fd00:10::12]:6443", "[FD00:10::21]:6443"]),
            replacements: [(
                "    server [fd00:10::11]:6443;\n    server [fd00:10::12]:6443;\n    server [fd00:10::13]:6443;\n    }\n",
                "    server [fd00:10::12]:6443;\n    server [FD00:10::21]:6443;\n    }\n"
            )]),
        PoolGoldenCase(
            name: "dotbalo: weights copied onto the new server",
            file: "corpus:7-lb-nginx-haproxy/dotbalo-k8s-ha-install__nginx-lb.conf",
            action: .set(["192.168.20.30:6443", "192.168.20.22:6443"]),
            replacements: [(
                "        server 192.168.20.20:6443 weight=5 max_fails=3 fail_timeout=30s;\n        server 192.168.20.21:6443 weight=5 max_fails=3 fail_timeout=30s;\n        server 192.168.20.22:6443 weight=5 max_fails=3 fail_timeout=30s;\n",
                "        server 192.168.20.30:6443 weight=5 max_fails=3 fail_timeout=30s;\n        server 192.168.20.22:6443 weight=5 max_fails=3 fail_timeout=30s;\n"
            )]),
        PoolGoldenCase(
            name: "dotbalo drain: ' down' goes before the ';'",
            file: "corpus:7-lb-nginx-haproxy/dotbalo-k8s-ha-install__nginx-lb.conf",
            action: .drain(["192.168.20.21:6443"]),
            replacements: [(
                "server 192.168.20.21:6443 weight=5 max_fails=3 fail_timeout=30s;",
                "server 192.168.20.21:6443 weight=5 max_fails=3 fail_timeout=30s down;"
            )]),
        PoolGoldenCase(
            name: "haproxy kubespray: named servers, the copy is renamed apiserver-10-0-0-21, the two-space last line stays",
            file: "corpus:7-lb-nginx-haproxy/kubespray__haproxy.cfg",
            action: .set(["10.0.0.12:6443", "10.0.0.21:6443"]),
            replacements: [(
                "  server node1 10.0.0.11:6443 check check-ssl verify none\n  server node2 10.0.0.12:6443 check check-ssl verify none\n  server node3 10.0.0.13:6443 check check-ssl verify none\n",
                "  server node2 10.0.0.12:6443 check check-ssl verify none\n  server apiserver-10-0-0-21 10.0.0.21:6443 check check-ssl verify none\n"
            )]),
        PoolGoldenCase(
            name: "kubeasz haproxy: name == IP, trailing space after balance kept, ingress workers untouched",
            file: "corpus:7-lb-nginx-haproxy/kubeasz-2019__haproxy.cfg",
            action: .set(["192.168.1.1:6443", "192.168.1.5:6443"]),
            replacements: [(
                "        server 192.168.1.2 192.168.1.2:6443 check inter 2000 fall 2 rise 2 weight 1\n",
                "        server apiserver-192-168-1-5 192.168.1.5:6443 check inter 2000 fall 2 rise 2 weight 1\n"
            )]),
        PoolGoldenCase(
            name: "linuxwt dual-stack: unbracketed IPv6 kept as written, double spaces copied",
            file: "corpus:7-lb-nginx-haproxy/linuxwt__haproxy-dualstack.cfg",
            action: .set(["192.168.202.12:6443", "192.168.202.15:6443", "[2409:8080:5801:824f:2::12]:6443"]),
            replacements: [(
                " server  cmdicncf12  192.168.202.12:6443 check\n server  cmdicncf13  192.168.202.13:6443 check\n server  cmdicncf14  192.168.202.14:6443 check\n server  cmdicncf12_IPv6  2409:8080:5801:824f:2::12:6443 check\n server  cmdicncf13_IPv6  2409:8080:5801:824f:2::13:6443 check\n server  cmdicncf14_IPv6  2409:8080:5801:824f:2::14:6443 check\n",
                " server  cmdicncf12  192.168.202.12:6443 check\n server  apiserver-192-168-202-15  192.168.202.15:6443 check\n server  cmdicncf12_IPv6  2409:8080:5801:824f:2::12:6443 check\n"
            )]),
        PoolGoldenCase(
            name: "linuxwt drain: an unbracketed IPv6 server matches its bracketed form and gets ' disabled'",
            file: "corpus:7-lb-nginx-haproxy/linuxwt__haproxy-dualstack.cfg",
            action: .drain(["[2409:8080:5801:824f:2::13]:6443", "192.168.202.14:6443"]),
            replacements: [
                (" server  cmdicncf13_IPv6  2409:8080:5801:824f:2::13:6443 check\n", " server  cmdicncf13_IPv6  2409:8080:5801:824f:2::13:6443 check disabled\n"),
                (" server  cmdicncf14  192.168.202.14:6443 check\n", " server  cmdicncf14  192.168.202.14:6443 check disabled\n"),
            ]),
        PoolGoldenCase(
            name: "occ-ocp4: only the :6443 backend changes; machine-config and ingress workers are untouched",
            file: "corpus:7-lb-nginx-haproxy/occ-ocp4__haproxy.cfg",
            action: .set(["192.168.1.104:6443", "192.168.1.105:6443"]),
            replacements: [(
                "    server bootstrap3 192.168.1.103:6443 check\n    server master4 192.168.1.104:6443 check\n",
                "    server master4 192.168.1.104:6443 check\n    server apiserver-192-168-1-105 192.168.1.105:6443 check\n"
            )]),
        PoolGoldenCase(
            name: "harisekhon etcd.cfg: not an apiserver pool, untouched",
            file: "corpus:7-lb-nginx-haproxy/harisekhon__haproxy-etcd.cfg",
            action: .set(["10.0.0.1:6443"]),
            replacements: []),
        PoolGoldenCase(
            name: "harisekhon apiserver fragment: a host name matches case-insensitively when drained",
            file: "corpus:7-lb-nginx-haproxy/harisekhon__haproxy-kubernetes-master-apiserver.cfg",
            action: .drain(["MASTER2:6443"]),
            replacements: [("    server master2 master2:6443 check cookie s2\n", "    server master2 master2:6443 check cookie s2 disabled\n")]),
        PoolGoldenCase(
            name: "jevic: a one-server pool already as asked yields nothing",
            file: "corpus:7-lb-nginx-haproxy/jevic-mritd-style__node-nginx.conf",
            action: .set(["192.168.13.100:6443"]),
            replacements: []),
    ]

    /// Golden cases over our own fixtures (CRLF, tabs, backup/down, interleaving, fragments).
    static let fixtures: [PoolGoldenCase] = [
        PoolGoldenCase(
            name: "nginx http upstream, CRLF: backup dropped from a kept line, the copy keeps CRLF but not the first server's comment",
            file: "fixture:formats/nginx/http-upstream-crlf.conf",
            action: .set(["10.20.0.12:6443", "10.20.0.14:6443"]),
            replacements: [(
                "        server 10.20.0.11:6443 max_fails=2;   # first master\r\n        server 10.20.0.12:6443 max_fails=2 backup;\r\n        server 10.20.0.13:6443 max_fails=2 down;\r\n",
                "        server 10.20.0.12:6443 max_fails=2;\r\n        server 10.20.0.14:6443 max_fails=2;\r\n"
            )]),
        PoolGoldenCase(
            name: "nginx one-line upstream: servers rewritten in place on the line, blanks between them kept, braces untouched",
            file: "fixture:formats/nginx/one-line-upstream.conf",
            action: .set(["10.63.0.12:6443", "10.63.0.14:6443"]),
            replacements: [(
                "{ server 10.63.0.11:6443 max_fails=2; server 10.63.0.12:6443 max_fails=2 backup; server 10.63.0.13:6443 max_fails=2; }",
                "{ server 10.63.0.12:6443 max_fails=2; server 10.63.0.14:6443 max_fails=2; }"
            )]),
        PoolGoldenCase(
            name: "nginx one-line upstream drained: ' down' before the ';' of that server only",
            file: "fixture:formats/nginx/one-line-upstream.conf",
            action: .drain(["10.63.0.13:6443"]),
            replacements: [("server 10.63.0.13:6443 max_fails=2;", "server 10.63.0.13:6443 max_fails=2 down;")]),
        PoolGoldenCase(
            name: "nginx server over three lines: copied as written with the address swapped; a kept server keeps its comment, loses down",
            file: "fixture:formats/nginx/multi-line-server.conf",
            action: .set(["10.63.1.12:6443", "10.63.1.21:6443", "10.63.1.14:6443"]),
            replacements: [(
                "        server\n            10.63.1.11:6443\n            max_fails=3 fail_timeout=10s;\n        server 10.63.1.12:6443\n            max_fails=3 fail_timeout=10s down;   # second master\n        server 10.63.1.13:6443 max_fails=3 fail_timeout=10s; server 10.63.1.14:6443 max_fails=3 fail_timeout=10s;\n",
                "        server 10.63.1.12:6443\n            max_fails=3 fail_timeout=10s;   # second master\n        server\n            10.63.1.21:6443\n            max_fails=3 fail_timeout=10s;\n        server 10.63.1.14:6443 max_fails=3 fail_timeout=10s;\n"
            )]),
        PoolGoldenCase(
            name: "nginx server over lines drained: ' down' after its last parameter, on its last line",
            file: "fixture:formats/nginx/multi-line-server.conf",
            action: .drain(["10.63.1.11:6443", "10.63.1.14:6443"]),
            replacements: [("            max_fails=3 fail_timeout=10s;\n        server 10.63.1.12", "            max_fails=3 fail_timeout=10s down;\n        server 10.63.1.12"),
                           ("server 10.63.1.14:6443 max_fails=3 fail_timeout=10s;", "server 10.63.1.14:6443 max_fails=3 fail_timeout=10s down;")]),
        PoolGoldenCase(
            name: "nginx drain: an already-down server is left alone, a backup one gets ' down'",
            file: "fixture:formats/nginx/http-upstream-crlf.conf",
            action: .drain(["10.20.0.12:6443", "10.20.0.13:6443"]),
            replacements: [("max_fails=2 backup;", "max_fails=2 backup down;")]),
        PoolGoldenCase(
            name: "nginx stream with tabs: interleaved least_conn and comment stay, new lines where the first stood",
            file: "fixture:formats/nginx/stream-interleaved.conf",
            action: .set(["172.30.1.6:8443", "172.30.1.9:8443"]),
            replacements: [(
                "\t\tserver 172.30.1.5:8443 weight=3;\n\t\tleast_conn;\n\t\t# spare, enable when needed\n\t\tserver 172.30.1.6:8443 weight=3;\n\t\tserver\t[fd00:30::7]:8443\tweight=3;\n",
                "\t\tserver 172.30.1.6:8443 weight=3;\n\t\tserver 172.30.1.9:8443 weight=3;\n\t\tleast_conn;\n\t\t# spare, enable when needed\n"
            )]),
        PoolGoldenCase(
            name: "haproxy fragment: disabled removed with its space, the trailing comment kept, backup line dropped",
            file: "fixture:formats/haproxy/fragment-backup.cfg",
            action: .set(["10.40.0.23:6443", "10.40.0.21:6443"]),
            replacements: [(
                "\tserver cp1\t10.40.0.21:6443\tcheck inter 3s\n\tserver cp2\t10.40.0.22:6443\tcheck inter 3s backup\n\tserver cp3\t10.40.0.23:6443\tcheck inter 3s disabled # retired\n",
                "\tserver cp3\t10.40.0.23:6443\tcheck inter 3s # retired\n\tserver cp1\t10.40.0.21:6443\tcheck inter 3s\n"
            )]),
        PoolGoldenCase(
            name: "haproxy CRLF listen with IPv6: copy renamed, peers/ring servers and the web backend untouched",
            file: "fixture:formats/haproxy/peers-ring-crlf.cfg",
            action: .set(["[fd00:40::2]:6443", "10.0.0.9:6443"]),
            replacements: [(
                "    server   m1   [fd00:40::1]:6443   check   weight 10\r\n    server   m2   [fd00:40::2]:6443   check   weight 10\r\n",
                "    server   m2   [fd00:40::2]:6443   check   weight 10\r\n    server   apiserver-10-0-0-9   10.0.0.9:6443   check   weight 10\r\n"
            )]),
        PoolGoldenCase(
            name: "haproxy ipv4@ addresses: the kept line keeps its prefix, the copy keeps it before the new address, server-template pool untouched",
            file: "fixture:formats/haproxy/family-prefix.cfg",
            action: .set(["10.50.0.12:6443", "10.50.0.21:6443"]),
            replacements: [(
                "    server master-a ipv4@10.50.0.11:6443 check fall 3 rise 2\n    server master-b ipv4@10.50.0.12:6443 check fall 3 rise 2\n",
                "    server master-b ipv4@10.50.0.12:6443 check fall 3 rise 2\n    server apiserver-10-50-0-21 ipv4@10.50.0.21:6443 check fall 3 rise 2\n"
            )]),
        PoolGoldenCase(
            name: "haproxy drain finds an ipv4@ server by its address",
            file: "fixture:formats/haproxy/family-prefix.cfg",
            action: .drain(["10.50.0.11:6443"]),
            replacements: [("ipv4@10.50.0.11:6443 check fall 3 rise 2", "ipv4@10.50.0.11:6443 check fall 3 rise 2 disabled")]),
        PoolGoldenCase(
            name: "haproxy --lb-pool names a pool the rules would not pick",
            file: "fixture:formats/haproxy/peers-ring-crlf.cfg",
            action: .set(["[fd00:40::1]:6443", "[fd00:40::2]:6443", "10.40.1.2:80"]),
            lbPool: "web_nodes",
            replacements: [
                ("    server   m2   [fd00:40::2]:6443   check   weight 10\r\n", "    server   m2   [fd00:40::2]:6443   check   weight 10\r\n    server   apiserver-10-40-1-2   10.40.1.2:80   check   weight 10\r\n"),
                ("    server w1 10.40.1.1:80 check\r\n", "    server apiserver-fd00-40--1 [fd00:40::1]:6443 check\r\n    server apiserver-fd00-40--2 [fd00:40::2]:6443 check\r\n    server apiserver-10-40-1-2 10.40.1.2:80 check\r\n"),
            ]),
    ]
}
