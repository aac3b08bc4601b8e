#!/usr/bin/env bash
# Checks that two builds of one commit give the same bytes: clones the commit (default HEAD)
# into two folders of different names and lengths, runs scripts/build-release.sh in each, and
# compares every artefact's sha256. Exit 0 and "reproducible" when all four match.
#
#   scripts/release/check-reproducible.sh [COMMIT]
set -euo pipefail
cd "$(dirname "$0")/../.."
commit=$(git rev-parse "${1:-HEAD}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for dir in "$work/a" "$work/second-clone-with-a-longer-path"; do
    git clone -q --no-local "$PWD" "$dir"
    git -C "$dir" checkout -q "$commit"
    (cd "$dir" && scripts/build-release.sh >/dev/null 2>"$dir.log") || { cat "$dir.log" >&2; exit 1; }
done
a=$work/a/.build/release-static/SHA256SUMS b=$work/second-clone-with-a-longer-path/.build/release-static/SHA256SUMS
cat "$a"
if cmp -s "$a" "$b"; then
    echo "reproducible: two clones of ${commit:0:7} gave the same sha256 for every artefact"
else
    diff "$a" "$b" >&2 || true
    echo "NOT reproducible: the artefacts above differ between the two clones" >&2
    exit 1
fi
