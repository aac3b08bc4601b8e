#!/bin/bash
# Part 1: per-node switch-over, files only, node-reconfig against sed, augtool and Ansible.
#   scripts/bench/node-apply.sh [demo-node|domeos-node ...]
# Every alternative is first checked to leave the same bytes (same-bytes.sh); then hyperfine
# times each on a fresh copy of the node root (--prepare) and report.py prints medians and ratios.
. "$(dirname "$0")/lib.sh"
need hyperfine augtool ansible-playbook python3
ROUNDS=${ROUNDS:-8} RUNS=${RUNS:-5} SLOW_ROUNDS=${SLOW_ROUNDS:-8}
for NODE in "${@:-demo-node domeos-node}"; do
  for NODE in $NODE; do
    case $NODE in demo-node) SRC=$REPO/fixtures/demo-node ;; *) SRC=$REPO/fixtures/bench/$NODE ;; esac
    echo "== $NODE: apply --no-restart ($(cd "$SRC" && find . -type f ! -name README.md | wc -l) files)"
    for alt in sed augtool ansible; do "$BENCH/same-bytes.sh" "$NODE" "$alt"; done
    W=$WORK/root
    PREP="bash -c 'rm -rf $W && cp -a $SRC $W'"
    # Rounds: each times every command a few runs, so load changes hit all of them alike.
    for round in $(seq "$ROUNDS"); do
        hyperfine -N --style none --warmup 1 --prepare "$PREP" --runs "$RUNS" \
            -n node-reconfig "$(node_reconfig_cmd "$NODE" "$W")" \
            -n sed "$(alternative_cmd "$NODE" sed "$W")" \
            -n augtool "$(alternative_cmd "$NODE" augtool "$W")" \
            --export-json "$WORK/fast-$round.json" >/dev/null 2>&1
        [ "$round" -le "$SLOW_ROUNDS" ] || continue
        hyperfine -N --style none --prepare "$PREP" --runs 1 \
            -n ansible "$(alternative_cmd "$NODE" ansible "$W")" \
            --export-json "$WORK/slow-$round.json" >/dev/null 2>&1
    done
    python3 "$BENCH/merge.py" "$WORK"/fast-*.json "$WORK"/slow-*.json > "$WORK/all.json"
    rm -f "$WORK"/fast-*.json "$WORK"/slow-*.json
    python3 "$BENCH/report.py" "$WORK/all.json" sed:le-ours:2 augtool:ge:3 ansible:ge:30
  done
done
