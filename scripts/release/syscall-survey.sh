#!/usr/bin/env bash
# Which system calls does node-reconfig make, and which of them are newer than kernel 3.10
# (RHEL/CentOS 7)? Runs BIN (default: the release binary) through every command on a scratch
# copy of fixtures/demo-node under `strace -f`, and prints each system call seen with its count;
# those added after 3.10 are marked with the kernel that added them. Those are the calls that
# need an ENOSYS fallback (Tests/EndToEndTests/Release/SyscallFallbackTests injects ENOSYS into
# each of them).
#
#   scripts/release/syscall-survey.sh [BIN]
#
# Scenarios: --version, help, detect, plan, apply (files only), apply again (nothing to do),
# backups, rollback, apply with restarts through a --service-cmd and a --probe that refuses (so
# the health gate fails and the run rolls back, over sockets), fanout through a stand-in ssh,
# and the Ansible module. No address outside 127.0.0.1 is contacted (--skip-preflight).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(realpath "${1:-$REPO/.build/release-static/node-reconfig}")
[[ -x $BIN ]] || { echo "no binary at $BIN (scripts/build-release.sh)" >&2; exit 1; }
command -v strace >/dev/null || { echo "needs strace" >&2; exit 1; }
WORK=$(mktemp -d)
trap '[[ -n ${KEEP:-} ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"' EXIT
TARGETS=(--master=https://10.17.40.20:6443 --etcd=http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012)

# x86_64 system calls added after Linux 3.10, with the release that added them.
declare -A NEWER=(
  [sched_setattr]=3.14 [sched_getattr]=3.14 [renameat2]=3.15 [seccomp]=3.17 [getrandom]=3.17
  [memfd_create]=3.17 [kexec_file_load]=3.17 [bpf]=3.18 [execveat]=3.19 [userfaultfd]=4.3
  [membarrier]=4.3 [mlock2]=4.4 [copy_file_range]=4.5 [preadv2]=4.6 [pwritev2]=4.6
  [pkey_mprotect]=4.9 [pkey_alloc]=4.9 [pkey_free]=4.9 [statx]=4.11 [io_pgetevents]=4.18
  [rseq]=4.18 [pidfd_send_signal]=5.1 [io_uring_setup]=5.1 [io_uring_enter]=5.1
  [io_uring_register]=5.1 [open_tree]=5.2 [move_mount]=5.2 [fsopen]=5.2 [fsconfig]=5.2
  [fsmount]=5.2 [fspick]=5.2 [pidfd_open]=5.3 [clone3]=5.3 [openat2]=5.6 [pidfd_getfd]=5.6
  [faccessat2]=5.8 [close_range]=5.9 [process_madvise]=5.10 [epoll_pwait2]=5.11
  [mount_setattr]=5.12 [landlock_create_ruleset]=5.13 [landlock_add_rule]=5.13
  [landlock_restrict_self]=5.13 [quotactl_fd]=5.14 [memfd_secret]=5.14 [process_mrelease]=5.15
  [futex_waitv]=5.16 [set_mempolicy_home_node]=5.17 [cachestat]=6.5 [fchmodat2]=6.6
  [map_shadow_stack]=6.6 [futex_wake]=6.7 [futex_wait]=6.7 [futex_requeue]=6.7
  [statmount]=6.8 [listmount]=6.8 [lsm_get_self_attr]=6.8 [lsm_set_self_attr]=6.8
  [lsm_list_modules]=6.8 [mseal]=6.10 [uretprobe]=6.11 [setxattrat]=6.13 [getxattrat]=6.13
  [listxattrat]=6.13 [removexattrat]=6.13 [open_tree_attr]=6.15
)

run() { # NAME ARGS… : the binary under strace, every thread and child (children's calls are
        # their own programs': counted only for the node-reconfig processes, see below)
  local name=$1; shift
  strace -f -qq -o "$WORK/trace.$name" "$@" >"$WORK/out.$name" 2>&1 || true
}

cp -a "$REPO/fixtures/demo-node" "$WORK/node"
run version "$BIN" --version
run help "$BIN" help apply
run detect "$BIN" detect --root "$WORK/node" --json
run plan "$BIN" plan --root "$WORK/node" --skip-preflight "${TARGETS[@]}"
run apply "$BIN" apply --root "$WORK/node" --skip-preflight --no-restart "${TARGETS[@]}"
run apply-again "$BIN" apply --root "$WORK/node" --skip-preflight --no-restart "${TARGETS[@]}"
run backups "$BIN" backups --root "$WORK/node"
run rollback "$BIN" rollback --root "$WORK/node" --no-restart

# Restarts through a service command that succeeds, then a health gate that fails (a closed
# port on 127.0.0.1): the run rolls back and restarts again.
cat >"$WORK/svc" <<'EOF'
#!/bin/sh
exit 0
EOF
chmod +x "$WORK/svc"
run restart "$BIN" apply --root "$WORK/node" --skip-preflight --service-cmd="$WORK/svc" --settle=0 \
    --health-timeout=1 --probe=http://127.0.0.1:9/healthz "${TARGETS[@]}"

# fanout: a stand-in ssh that runs the remote command here (`ssh [opts] -- HOST COMMAND`).
cat >"$WORK/ssh" <<'EOF'
#!/bin/sh
while [ "$1" != "--" ]; do shift; done
shift 2
exec sh -c "$1"
EOF
chmod +x "$WORK/ssh"
run fanout "$BIN" fanout --hosts=a,b --ssh="$WORK/ssh" --remote-bin="$BIN" --timeout=60 -- \
    plan --root="$WORK/node" --skip-preflight "${TARGETS[@]}"

# The Ansible module (check mode: plan).
printf '{"_ansible_check_mode": true, "root": "%s", "skip_preflight": true, "master": "https://10.17.40.20:6443"}' \
    "$WORK/node" >"$WORK/args.json"
run ansible "$BIN" "$WORK/args.json"

# Count the calls of node-reconfig's own processes only: the first process and every thread or
# child of one of them until it execs another program (a spawned child's calls before its exec
# are node-reconfig's C library's; after it, they belong to sh, ssh, …).
python3 - "$WORK" "$BIN" "$(declare -p NEWER)" <<'PY'
import glob, re, sys, collections
work, binary, newer_decl = sys.argv[1], sys.argv[2], sys.argv[3]
newer = dict(re.findall(r'\[(\w+)\]="?([\d.]+)"?', newer_decl))
counts = collections.Counter()
per_scenario = collections.defaultdict(set)
start_re = re.compile(r'^(\d+)\s+(\w+)\((.*)$')
resumed_re = re.compile(r'^(\d+)\s+<\.\.\. (\w+) resumed>(.*)$')
result_re = re.compile(r'\)\s+=\s+(-?\d+)')
for path in sorted(glob.glob(f"{work}/trace.*")):
    scenario = path.rsplit(".", 1)[1]
    lines = open(path, errors="replace").read().splitlines()
    # Pass 1: who started whom, at which line.
    parent = {}
    pending_exec = {}
    for index, line in enumerate(lines):
        m = start_re.match(line) or resumed_re.match(line)
        if not m:
            continue
        pid, name, rest = int(m.group(1)), m.group(2), m.group(3)
        if name in ("clone", "clone3", "fork", "vfork"):
            r = result_re.search(rest)
            if r and int(r.group(1)) > 0:
                parent[int(r.group(1))] = (pid, index)
    # Pass 2: walk the lines; a pid's state starts as its parent's at the clone.
    state = {}
    history = collections.defaultdict(list)  # pid -> [(line index, ours)]
    def ours_at(pid, index):
        if pid not in state:
            if pid in parent:
                ppid, at = parent[pid]
                value = True
                for i, v in history.get(ppid, []):
                    if i <= at: value = v
                state[pid] = value if history.get(ppid) else True
            else:
                state[pid] = not state  # the first process is ours
            history[pid].append((index, state[pid]))
        return state[pid]
    for index, line in enumerate(lines):
        m = start_re.match(line)
        resumed = resumed_re.match(line)
        if m:
            pid, name, rest = int(m.group(1)), m.group(2), m.group(3)
            if ours_at(pid, index):
                counts[name] += 1
                per_scenario[name].add(scenario)
            if name == "execve":
                target = re.match(r'"([^"]*)"', rest).group(1)
                if "<unfinished" in rest:
                    pending_exec[pid] = target
                elif re.search(r'\)\s+=\s+0$', rest):
                    state[pid] = target == binary
                    history[pid].append((index, state[pid]))
        elif resumed:
            pid, name, rest = int(resumed.group(1)), resumed.group(2), resumed.group(3)
            if name == "execve" and pid in pending_exec and re.search(r'\)\s+=\s+0$', rest):
                ours_at(pid, index)
                state[pid] = pending_exec.pop(pid) == binary
                history[pid].append((index, state[pid]))
print(f"{'system call':<24} {'calls':>7}  {'added in':<8} scenarios")
for name, count in sorted(counts.items()):
    mark = newer.get(name, "")
    print(f"{name:<24} {count:>7}  {mark:<8} {','.join(sorted(per_scenario[name]))}")
found = sorted(n for n in counts if n in newer)
print()
print("newer than 3.10:", " ".join(f"{n}({newer[n]})" for n in found) if found else "none")
PY
