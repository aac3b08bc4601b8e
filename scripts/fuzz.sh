#!/usr/bin/env bash
# Fuzz the ConfigFormats parsers with libFuzzer (see fuzz/FuzzChecks.swift for the properties).
#
#   scripts/fuzz.sh build                 build .build-fuzz/format-fuzzer
#   scripts/fuzz.sh run FORMAT [SECONDS]  fuzz one format (default 60 s)
#   scripts/fuzz.sh all [SECONDS]         every format in turn (default 20 s each)
#   scripts/fuzz.sh replay FORMAT FILE... run the properties over given inputs once
#
# FORMAT: yaml kubeconfig env systemd nginx haproxy json blocks (Corefile, keepalived.conf) k3s-config lvscare. Seeds are our own fixtures (never the
# shared corpus); new inputs go to fuzz-out/corpus/FORMAT, crashers to fuzz-out/crashes/FORMAT.
# Exit status is libFuzzer's: non-zero when a property failed or the parser crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

FORMATS=(yaml kubeconfig env systemd nginx haproxy json blocks k3s-config lvscare)
SWIFTC=${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}
BIN=.build-fuzz/format-fuzzer

seeds() {
  case $1 in
    yaml) echo fixtures/formats/kubeconfig fixtures/formats/manifest fixtures/formats/etcd-yaml fixtures/formats/openshift-master fixtures/formats/calicoctl fixtures/invalid/yaml fixtures/hostile/yaml ;;
    kubeconfig) echo fixtures/formats/kubeconfig fixtures/invalid/yaml fixtures/hostile/yaml ;;
    env) echo fixtures/formats/env fixtures/invalid/env fixtures/hostile/env fixtures/fuzz-regressions/env ;;
    systemd) echo fixtures/formats/unit fixtures/invalid/unit fixtures/hostile/unit ;;
    nginx) echo fixtures/formats/nginx fixtures/invalid/nginx fixtures/txn/nginx-lb.conf fixtures/hostile/nginx ;;
    haproxy) echo fixtures/formats/haproxy fixtures/invalid/haproxy fixtures/hostile/haproxy ;;
    blocks) echo fixtures/formats/corefile fixtures/formats/keepalived fixtures/invalid/corefile fixtures/invalid/keepalived ;;
    json) echo fixtures/formats/json fixtures/invalid/json fixtures/formats/kubeconfig/kubectl-written.json.kubeconfig ;;
    k3s-config) echo fixtures/formats/k3s-config fixtures/invalid/k3s-config fixtures/installers/rke2-agent/etc/rancher/rke2/config.yaml ;;
    lvscare) echo fixtures/formats/lvscare fixtures/invalid/lvscare fixtures/formats/manifest fixtures/fuzz-regressions/lvscare ;;
    *) echo "unknown format $1 (one of: ${FORMATS[*]})" >&2; exit 64 ;;
  esac
}

build() {
  mkdir -p .build-fuzz
  local sources
  mapfile -t sources < <(find Sources/ConfigFormats -name '*.swift' | sort)
  if [[ -x $BIN ]] && [[ -z $(find "${sources[@]}" fuzz -newer "$BIN" -name '*.swift' | head -1) ]]; then
    return 0
  fi
  echo "fuzz: building $BIN" >&2
  "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g -module-name FormatFuzzer \
    "${sources[@]}" fuzz/*.swift -o "$BIN"
}

# Seeds copied into the working corpus (libFuzzer adds to the first directory it is given).
prepare_corpus() {
  local format=$1 dir=fuzz-out/corpus/$1
  mkdir -p "$dir" "fuzz-out/crashes/$format"
  for seed in $(seeds "$format"); do
    [[ -e $seed ]] || continue
    if [[ -d $seed ]]; then cp -n "$seed"/* "$dir"/ 2>/dev/null || true; else cp -n "$seed" "$dir"/; fi
  done
  echo "$dir"
}

run() {
  local format=$1 seconds=${2:-60} corpus
  corpus=$(prepare_corpus "$format")
  echo "fuzz: $format for ${seconds}s over $(ls "$corpus" | wc -l) inputs" >&2
  FORMAT=$format "$BIN" "$corpus" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="fuzz-out/crashes/$format/"
}

command=${1:-all}
case $command in
  build) build ;;
  run) build; run "${2:?FORMAT}" "${3:-60}" ;;
  all) build; for format in "${FORMATS[@]}"; do run "$format" "${2:-20}"; done ;;
  replay) build; format=${2:?FORMAT}; shift 2; FORMAT=$format "$BIN" "$@" ;;
  *) sed -n '2,12p' "$0" >&2; exit 64 ;;
esac
