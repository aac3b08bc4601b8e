# Shared by the scripts in scripts/bench (sourced, not run).
# NODE_RECONFIG=path overrides the binary; by default the release build of
# scripts/build-release.sh (built when missing).
set -eu
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$REPO/scripts/bench
BIN=${NODE_RECONFIG:-$REPO/.build/release-static/node-reconfig}
[ -x "$BIN" ] || "$REPO/scripts/build-release.sh" >&2
WORK=$(mktemp -d /tmp/node-reconfig-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# nginx -t / haproxy -c on a --root copy would read the absolute paths of the real machine
# (and Debian's nginx has the stream module as a plug-in the demo file does not load): the
# validators are stubbed with /bin/true, which still costs node-reconfig a process spawn.
mkdir -p "$WORK/stub-bin"
ln -s /bin/true "$WORK/stub-bin/nginx"
ln -s /bin/true "$WORK/stub-bin/haproxy"
export PATH="$WORK/stub-bin:$PATH"
export ANSIBLE_PYTHON_INTERPRETER=auto_silent ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false

need() {
    for program in "$@"; do
        command -v "$program" >/dev/null || { echo "missing: $program (apt-get install it)" >&2; exit 1; }
    done
}

# The command line that applies a node's flags to ROOT with node-reconfig / an alternative.
node_reconfig_cmd() { # NODE ROOT
    echo "$BIN apply --root $2 --skip-preflight --no-restart $(tr '\n' ' ' < "$BENCH/alternatives/$1/flags")"
}
alternative_cmd() { # NODE ALT ROOT
    case $2 in
    */*) echo "$2 $3" ;;  # a script of one's own, given ROOT
    sed) echo "$BENCH/alternatives/$1/sed.sh $3" ;;
    augtool) echo "$BENCH/alternatives/$1/augtool.sh $3" ;;
    ansible) echo "ansible-playbook -c local -i localhost, -e root=$3 $BENCH/alternatives/$1/playbook.yml" ;;
    esac
}
