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
N=${HOSTS:-24} P=${PARALLEL:-8} ROUNDS=${ROUNDS:-20} SLOW_ROUNDS=${SLOW_ROUNDS:-3}
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
# Warm-up: switch every host over once; then rounds, each timing every tool once, in turn.
$BIN fanout --hosts=$D/hosts --parallel=$P --ssh="$SSH" --remote-bin=$BIN -- $FLAGS >/dev/null 2>&1
ansible-playbook -i $D/inventory -f $P -e bin=$BIN $BENCH/fanout-playbook.yml >/dev/null 2>&1
for round in $(seq "$ROUNDS"); do
    hyperfine -N --style none --runs 1 \
        -n node-reconfig "$BIN fanout --hosts=$D/hosts --parallel=$P --ssh='$SSH' --remote-bin=$BIN -- $FLAGS" \
        -n pssh "parallel-ssh -h $D/hosts -p $P -l root -i -x '$SSH_OPTS' '$REMOTE'" \
        -n pdsh "pdsh -R ssh -l root -f $P -w ^$D/hosts '$REMOTE'" \
        --export-json "$WORK/fast-$round.json" >/dev/null 2>&1
    [ "$round" -le "$SLOW_ROUNDS" ] || continue
    hyperfine -N --style none --runs 1 \
        -n ansible "ansible-playbook -i $D/inventory -f $P -e bin=$BIN $BENCH/fanout-playbook.yml" \
        --export-json "$WORK/slow-$round.json" >/dev/null 2>&1
done
python3 "$BENCH/merge.py" "$WORK"/fast-*.json "$WORK"/slow-*.json > "$WORK/all.json"
python3 "$BENCH/report.py" "$WORK/all.json" pssh:le-ours:1.1
