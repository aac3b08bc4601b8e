#!/bin/bash
# Part 4: the release binary (glibc 2.17 link, static Swift runtime and libstdc++, stripped): its size, its
# shared libraries and `--version`'s median.
#   scripts/bench/binary.sh            (rebuilds with scripts/build-release.sh unless NO_BUILD=1)
. "$(dirname "$0")/lib.sh"
need hyperfine python3 file
[ "${NO_BUILD:-0}" = 1 ] || "$REPO/scripts/build-release.sh" >/dev/null 2>&1
SIZE=$(stat -c %s "$BIN")
echo "== binary: $BIN"
echo "  $(file -b "$BIN" | cut -d, -f1-2,5-)"
echo "  dynamic libraries: $(ldd "$BIN" 2>/dev/null | awk '{print $1}' | grep -v -e linux-vdso -e ld-linux | tr '\n' ' ')"
echo "  sha256 $(cut -d' ' -f1 "$(dirname "$BIN")/node-reconfig.sha256" 2>/dev/null || sha256sum "$BIN" | cut -d' ' -f1)"
hyperfine -N --style none --warmup 10 --runs 200 -n version "$BIN --version" \
    -n true "/bin/true" --export-json "$WORK/v.json" >/dev/null 2>&1
python3 - "$WORK/v.json" "$SIZE" <<'PY'
import json, statistics, sys
r = {x["command"]: statistics.median(x["times"]) * 1000 for x in json.load(open(sys.argv[1]))["results"]}
size = int(sys.argv[2]) / 1e6
print(f"  size {size:.1f} MB: goal {'MET' if size <= 15 else 'NOT MET'} (<= 15 MB)")
print(f"  --version median {r['version']:.2f} ms (/bin/true {r['true']:.2f} ms, ratio {r['version'] / r['true']:.1f}): "
      f"goal {'MET' if r['version'] <= 5 else 'NOT MET'} (<= 5 ms)")
PY
