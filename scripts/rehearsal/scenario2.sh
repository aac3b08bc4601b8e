# Scenario 2 of scripts/rehearse-migration.sh (sourced): apiserver new-3 is replaced by new-4
# in every node's pool, and node 1 (kubeadm style: its nginx.conf includes conf.d/*.conf) has a
# snippet being edited by hand in conf.d that the running nginx never loaded: it reads as nginx
# syntax (node-reconfig follows the include and reads it), but nginx refuses its value, so
# `nginx -t` fails after the rewrite. Node 1 must end rolled-back with its file as it was, keep serving through its old
# pool (new-1..3); the other nodes must complete (new-1, new-2, new-4); fanout must exit 3 and
# its report say exactly that. Then the snippet is fixed and `fanout --retry-failed` finishes.
scenario2() {
    local pool victim_before victim_after code=0 verdict answers i addr
    pool=$(join , "" :6443 10.73.0.1 10.73.0.2 10.73.0.4)
    step "scenario 2: new-4 replaces new-3 in the pools; node 1's nginx -t fails after the rewrite"
    on_host 1 sh -c 'printf "# being edited by hand, not loaded yet\nkeepalive_timeout 65 seconds;\n" >/etc/nginx/conf.d/half-written.conf'
    victim_before=$(on_host 1 sha256sum /etc/nginx/nginx.conf | cut -d' ' -f1)
    python3 "$HERE/rehearsal/load.py" "$WORK/load2.json" "$WORK/phase" 0.1 "$LBS" "" &
    LOAD_PID=$!
    fanout scenario2.json "$WORK/nodes.txt" -- --apiservers="$pool" "${NODE_FLAGS[@]}" >"$WORK/scenario2.table" || code=$?
    sed 's/^/    /' "$WORK/scenario2.table"
    stop_load
    verdict=$(python3 - "$WORK/scenario2.json" "$(host_addr 1)" <<'PY'
import json, sys
report, victim = json.load(open(sys.argv[1])), sys.argv[2]
problems = []
for h in report["hosts"]:
    text = h["message"] + "\n" + h["stderr"] + "\n" + json.dumps(h.get("output"))
    if h["host"] == victim:
        if h["result"] != "rolled-back" or h["exit_code"] != 3:
            problems.append(f"{h['host']}: {h['result']} (exit {h['exit_code']}), expected rolled-back (exit 3)")
        if "Rollback finished" not in text:
            problems.append(f"{h['host']}: no 'Rollback finished' in its output")
        if "nginx refused" not in h["message"]:
            problems.append(f"{h['host']}: its message does not say that nginx refused the file: {h['message']}")
    elif h["result"] != "changed":
        problems.append(f"{h['host']}: {h['result']}, expected changed")
summary = report["summary"]
if summary.get("rolled-back") != 1 or summary.get("changed") != len(report["hosts"]) - 1 or report["succeeded"]:
    problems.append(f"summary {summary}, succeeded {report['succeeded']}")
print("; ".join(problems) if problems else "ok")
PY
)
    [ "$code" -eq 3 ] || check_failed "scenario 2: fanout exited $code, expected 3"
    [ "$verdict" = ok ] || check_failed "scenario 2 report: $verdict"
    victim_after=$(on_host 1 sha256sum /etc/nginx/nginx.conf | cut -d' ' -f1)
    [ "$victim_before" = "$victim_after" ] || check_failed "scenario 2: node 1's nginx.conf changed"
    say "node 1 report: $(python3 -c 'import json,sys; h=[h for h in json.load(open(sys.argv[1]))["hosts"] if h["host"]==sys.argv[2]][0]; print(h["result"], "-", h["message"], "| stderr:", " | ".join(h["stderr"].strip().splitlines())[:400])' "$WORK/scenario2.json" "$(host_addr 1)")"
    say "node 1 nginx.conf sha256 before/after: ${victim_before:0:12} / ${victim_after:0:12}"
    S2_SERVING=ok
    for i in $(seq "$NODES"); do
        addr=$(host_addr "$i")
        answers=$(lb_answers "$addr" 12)
        say "node $i LB: $answers"
        if [ "$i" = 1 ]; then
            case $answers in *new-4*|*old-*|*FAILED*) S2_SERVING=bad; check_failed "node 1 should serve its old pool new-1..3: $answers" ;; esac
        else
            case $answers in *new-3*|*old-*|*FAILED*) S2_SERVING=bad; check_failed "node $i should serve new-1,2,4: $answers" ;; esac
        fi
    done
    S2_LOAD=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["lb_failures"], "of", s["lb_requests"])' "$WORK/load2.json")
    say "LB requests failed during scenario 2: $S2_LOAD"
    case $S2_LOAD in "0 of"*) ;; *) check_failed "LB requests failed during scenario 2: $S2_LOAD" ;; esac

    step "scenario 2: the snippet is fixed; fanout --retry-failed finishes node 1"
    on_host 1 rm /etc/nginx/conf.d/half-written.conf
    local retry=0
    "$NODE_RECONFIG" fanout --retry-failed="$WORK/scenario2.json" --ssh="$SSH" --remote-bin="$NODE_RECONFIG" \
        --report="$WORK/retry.json" >"$WORK/retry.table" 2>/dev/null || retry=$?
    sed 's/^/    /' "$WORK/retry.table"
    [ "$retry" -eq 0 ] || check_failed "fanout --retry-failed exited $retry"
    answers=$(lb_answers "$(host_addr 1)" 12)
    say "node 1 LB after the retry: $answers"
    case $answers in *new-3*|*FAILED*) check_failed "node 1 after the retry: $answers" ;; esac
    SCENARIO2="node 1 rolled-back (Rollback finished, nginx.conf unchanged, still serving new-1..3), $(($(wc -l <"$WORK/nodes.txt") - 1)) changed, fanout exit $code; LB requests failed: $S2_LOAD; retry-failed exit $retry"
}
