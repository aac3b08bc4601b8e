#!/bin/sh
# Builds the release binary the benchmarks and the fan-out copy use:
# static Swift stdlib, optimised, stripped, with its sha256 beside it.
#
#   scripts/build-release.sh            -> .build/release-static/node-reconfig{,.sha256}
#   OPT=-Osize scripts/build-release.sh (default -O)
set -eu
cd "$(dirname "$0")/.."
OPT=${OPT:--O}
OUT=.build/release-static
swift build -c release --static-swift-stdlib -Xswiftc "$OPT" >&2
BIN=$(swift build -c release --static-swift-stdlib -Xswiftc "$OPT" --show-bin-path)/node-reconfig
mkdir -p "$OUT"
cp "$BIN" "$OUT/node-reconfig.unstripped"
strip -o "$OUT/node-reconfig" "$OUT/node-reconfig.unstripped"
(cd "$OUT" && sha256sum node-reconfig > node-reconfig.sha256)
echo "$OUT/node-reconfig $(stat -c %s "$OUT/node-reconfig") bytes"
cat "$OUT/node-reconfig.sha256"
