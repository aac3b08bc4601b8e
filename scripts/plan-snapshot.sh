#!/usr/bin/env bash
# Records what a node-reconfig binary prints for `plan` (human and JSON) and `detect` on every
# fixture node, every corpus file placed at its node path, and every format fixture, so that a
# refactoring can be checked to change no byte of the output:
#
#   scripts/plan-snapshot.sh .build/debug/node-reconfig /tmp/before
#   ... change the code, build ...
#   scripts/plan-snapshot.sh .build/debug/node-reconfig /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
#
# Each case is one file: the command, its exit code, stdout and stderr. Paths of the scratch
# roots are printed as ROOT so two runs compare equal. Read-only: nodes are copied to a scratch
# directory first, nothing under the repository is touched.
set -euo pipefail
bin=$(realpath "$1"); out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
corpus="$top/../shared/corpus"
mkdir -p "$out"
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT

target_sets=(
  "--master=https://10.17.40.20:6443 --etcd=http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012"
  "--etcd-members=etcd-a=https://10.17.40.21:2380,etcd-b=https://10.17.40.22:2380"
  "--apiservers=10.17.40.20:6443,10.17.40.21:6443"
  "--drain=10.17.33.25:6443,192.168.0.40:6443 --master=https://10.17.40.20:6443"
)

# record NAME ROOT ARGS...: one file per (case, target set, command).
record() {
  local name=$1 root=$2; shift 2
  local n=0
  for targets in "${target_sets[@]}"; do
    n=$((n + 1))
    for mode in plan plan-json; do
      local file="$out/$name.t$n.$mode"
      local args=(plan --root "$root" --skip-preflight "$@")
      [[ $mode == plan-json ]] && args+=(--json)
      # shellcheck disable=SC2206
      args+=($targets)
      set +e
      "$bin" "${args[@]}" >"$scratch/stdout" 2>"$scratch/stderr"
      local code=$?
      set -e
      { echo "exit $code"; echo "--- stdout"; cat "$scratch/stdout"; echo "--- stderr"; cat "$scratch/stderr"; } \
        | sed "s#$root#ROOT#g" >"$file"
    done
  done
  set +e
  "$bin" detect --root "$root" "$@" >"$scratch/stdout" 2>"$scratch/stderr"; local code=$?
  "$bin" detect --json --root "$root" "$@" >"$scratch/json" 2>&1
  set -e
  { echo "exit $code"; cat "$scratch/stdout" "$scratch/stderr" "$scratch/json"; } | sed "s#$root#ROOT#g" >"$out/$name.detect"
}

# Fixture nodes.
for node in demo-node fanout-node bench/domeos-node rehearsal/* discovery/*; do
  [[ -d $top/fixtures/$node ]] || continue
  root="$scratch/node"; rm -rf "$root"; cp -a "$top/fixtures/$node" "$root"
  record "node-${node//\//-}" "$root"
done

# Format fixtures, each alone with --file.
for file in "$top"/fixtures/formats/*/* "$top"/fixtures/invalid/*/* "$top"/fixtures/txn/*; do
  dir=$(basename "$(dirname "$file")")
  case $dir in
    yaml) kind=kubeconfig ;; txn) case $file in *.env) kind=env ;; *) kind=nginx ;; esac ;;
    *) kind=$dir ;;
  esac
  root="$scratch/file"; rm -rf "$root"; mkdir -p "$root/etc/x"; cp "$file" "$root/etc/x/"
  rel="${file#"$top"/fixtures/}"
  record "file-${rel//\//-}" "$root" "--file=$kind:/etc/x/$(basename "$file")"
done

# Corpus files at their node paths (the pairs of Tests/NodeReconfigCoreTests/Plan/CorpusNodeCase.swift).
if [[ -d $corpus ]]; then
  grep -o '\.init("[^"]*", at: "[^"]*"' "$top/Tests/NodeReconfigCoreTests/Plan/CorpusNodeCase.swift" \
    | sed 's/\.init("\([^"]*\)", at: "\([^"]*\)"/\1 \2/' | while read -r src at; do
      root="$scratch/corpus"; rm -rf "$root"; mkdir -p "$root$(dirname "$at")"; cp "$corpus/$src" "$root$at"
      record "corpus-${src//\//-}" "$root"
    done
else
  echo "plan-snapshot: no corpus at $corpus; corpus-shaped nodes not recorded" >&2
fi
echo "plan-snapshot: $(ls "$out" | wc -l) cases in $out"
