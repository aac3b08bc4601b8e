#!/bin/bash
# Part 2: time and peak memory of `plan` against file size, per format, plus a ~50 MB nginx file.
#   scripts/bench/scaling.sh [KIND ...]     KIND: nginx env unit kubeconfig (default: all)
# Files are generated under /tmp by gen.py (never committed). Time: hyperfine median; peak
# memory: /usr/bin/time -v "Maximum resident set size". "ns/byte" should stay flat (linear).
. "$(dirname "$0")/lib.sh"
need hyperfine python3 /usr/bin/time
SIZES=${SIZES:-"10 100 1000 10000 100000"}
BIG_MB=${BIG_MB:-50}
measure() { # LABEL ROOT FLAGS...
    local label=$1 root=$2; shift 2
    local bytes ms kb runs=5
    bytes=$(find "$root" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
    [ "$bytes" -lt 10000000 ] && runs=15
    hyperfine -N -i --style none --warmup 1 --runs $runs --export-json "$WORK/h.json" \
        "$BIN plan --root $root --skip-preflight $*" >/dev/null 2>&1
    ms=$(python3 -c 'import json,statistics,sys; print("%.2f" % (1000 * statistics.median(json.load(open(sys.argv[1]))["results"][0]["times"])))' "$WORK/h.json")
    /usr/bin/time -f %M -o "$WORK/mem" "$BIN" plan --root "$root" --skip-preflight "$@" >/dev/null 2>&1 || true
    kb=$(tail -1 "$WORK/mem")
    awk -v l="$label" -v b="$bytes" -v ms="$ms" -v kb="$kb" \
        'BEGIN { printf "  %-22s %12d %10.2f %9.1f %10d %9.2f\n", l, b, ms, ms * 1e6 / b, kb, kb * 1024 / b }'
    echo "$label $bytes $ms $kb" >> "$WORK/rows"
}
printf '  %-22s %12s %10s %9s %10s %8s\n' "file" "bytes" "median ms" "ns/byte" "peak KB" "peak/size"
for kind in ${@:-nginx env unit kubeconfig}; do
    for n in $SIZES; do
        rm -rf "$WORK/g"
        flags=$(python3 "$BENCH/gen.py" "$kind" "$n" "$WORK/g")
        measure "$kind x$n" "$WORK/g" $flags
    done
done
if [[ " ${*:-nginx} " == *" nginx "* ]]; then
    rm -rf "$WORK/g"
    flags=$(python3 "$BENCH/gen.py" nginx-bytes $((BIG_MB * 1000000)) "$WORK/g")
    measure "nginx-${BIG_MB}MB" "$WORK/g" $flags
    read -r _ bytes ms kb < <(tail -1 "$WORK/rows")
    python3 - "$bytes" "$ms" "$kb" <<'PY'
import sys
b, ms, kb = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"  goal {'MET' if ms < 1000 else 'NOT MET'}: {b / 1e6:.0f} MB nginx planned in {ms:.0f} ms (goal < 1000 ms)")
print(f"  goal {'MET' if kb * 1024 <= 4 * b else 'NOT MET'}: peak memory {kb * 1024 / b:.1f} x the file (goal <= 4 x)")
PY
fi
