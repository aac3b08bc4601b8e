#!/bin/bash
# Part 3: `node-reconfig fanout` against pssh and pdsh running the same remote command on the
# same simulated ssh hosts (scripts/testhosts, one sshd per loopback address, run as root) at the
# same parallelism, and against ansible-playbook with the node_reconfig module at the same forks.
#   HOSTS=24 PARALLEL=8 scripts/bench/fanout.sh
# Each host holds the DomeOS node's /etc. A warm-up run switches every host over, so the timed
# runs are the steady state: ssh, a remote `node-reconfig apply` that finds nothing to change,
# and collecting its JSON.
. "$(dirname "$0")/lib.sh"
need hyperfine parallel-ssh pdsh ansible-playbook python3 /usr/sbin/sshd
N=${HOSTS:-24} P=${PARALLEL:-8} RUNS=${RUNS:-10}
D=$WORK/hosts
trap '"$REPO/scripts/testhosts/testhosts.sh" down "$D"; rm -rf "$WORK"' EXIT
"$REPO/scripts/testhosts/testhosts.sh" up "$D" "$N" "$REPO/fixtures/bench/domeos-node"
SSH=$(cat "$D/ssh")
SSH_OPTS="${SSH#ssh } -o BatchMode=yes"
FLAGS="--skip-preflight --no-restart $(tr '\n' ' ' < "$BENCH/alternatives/domeos-node/flags")"
REMOTE="$BIN apply $FLAGS--json"
echo "== fanout: $N simulated hosts, parallelism $P, remote: node-reconfig apply $FLAGS--json"
export PDSH_SSH_ARGS="$SSH_OPTS -l%u %h"
export ANSIBLE_LIBRARY=$REPO/scripts/ansible/library ANSIBLE_HOST_KEY_CHECKING=false
hyperfine -N --style none --warmup 1 --runs "$RUNS" \
    -n node-reconfig "$BIN fanout --hosts=$D/hosts --parallel=$P --ssh='$SSH' --remote-bin=$BIN -- $FLAGS" \
    -n pssh "parallel-ssh -h $D/hosts -p $P -l root -i -x '$SSH_OPTS' '$REMOTE'" \
    -n pdsh "pdsh -R ssh -l root -f $P -w ^$D/hosts '$REMOTE'" \
    --export-json "$WORK/fast.json" >/dev/null
hyperfine -N --style none --warmup 1 --runs "${SLOW_RUNS:-3}" \
    -n ansible "ansible-playbook -i $D/inventory -f $P -e bin=$BIN $BENCH/fanout-playbook.yml" \
    --export-json "$WORK/slow.json" >/dev/null
python3 - "$WORK/fast.json" "$WORK/slow.json" > "$WORK/all.json" <<'PY'
import json, sys
fast, slow = (json.load(open(p)) for p in sys.argv[1:])
fast["results"] += slow["results"]
json.dump(fast, sys.stdout)
PY
python3 "$BENCH/report.py" "$WORK/all.json" pssh:le-ours:1.1
