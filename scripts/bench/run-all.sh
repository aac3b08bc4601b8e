#!/bin/bash
# All four benchmarks, in the order of docs/BENCHMARKS.md. Run as root (fanout.sh starts
# simulated ssh hosts in mount namespaces). Needs: hyperfine augeas-tools ansible-core pssh pdsh
# openssh-server time python3 (Debian packages).
set -eu
cd "$(dirname "$0")/../.."
scripts/build-release.sh
scripts/bench/node-apply.sh
scripts/bench/scaling.sh
[ -x scripts/testhosts/testhosts.sh ] && scripts/bench/fanout.sh
NO_BUILD=1 scripts/bench/binary.sh
