#!/bin/bash
# Checks that an alternative leaves a node's config files byte for byte as node-reconfig does.
#   scripts/bench/same-bytes.sh NODE ALT     NODE: demo-node | domeos-node   ALT: sed | augtool | ansible
#                                            (or the path of a script taking ROOT)
# Exit 0 when every file of the node root is identical (backups aside), 1 with a diff otherwise.
. "$(dirname "$0")/lib.sh"
NODE=$1 ALT=$2
case $NODE in demo-node) SRC=$REPO/fixtures/demo-node ;; *) SRC=$REPO/fixtures/bench/$NODE ;; esac
cp -a "$SRC" "$WORK/ours"
cp -a "$SRC" "$WORK/theirs"
$(node_reconfig_cmd "$NODE" "$WORK/ours") >"$WORK/log" 2>&1 || { cat "$WORK/log" >&2; exit 1; }
$(alternative_cmd "$NODE" "$ALT" "$WORK/theirs") >"$WORK/log" 2>&1 || { cat "$WORK/log" >&2; exit 1; }
status=0 changed=0
while IFS= read -r file; do
    if ! cmp -s "$WORK/ours/$file" "$WORK/theirs/$file"; then
        diff -u "$WORK/ours/$file" "$WORK/theirs/$file" >&2 || true
        status=1
    fi
    cmp -s "$SRC/$file" "$WORK/ours/$file" || changed=$((changed + 1))
done < <(cd "$SRC" && find . -type f ! -name README.md | sort)
[ "$changed" -gt 0 ] || { echo "node-reconfig changed nothing on $NODE" >&2; exit 1; }
[ $status -eq 0 ] && echo "same bytes: $ALT on $NODE ($changed files changed)"
exit $status
