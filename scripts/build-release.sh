#!/usr/bin/env bash
# Builds the release: one x86_64 binary that starts on glibc >= 2.17 and kernel >= 3.10 (static
# Swift runtime and libstdc++, linked by zig against glibc 2.17's symbol versions; see
# scripts/release/clang), then a tarball, an .rpm and a .deb of it, each with its sha256.
#
#   scripts/build-release.sh        -> .build/release-static/
#       node-reconfig                                  the stripped binary (+ .sha256)
#       node-reconfig-VERSION-linux-x86_64.tar.gz      usr/sbin/…, usr/share/node-reconfig/… (+ .sha256)
#       node-reconfig-VERSION-1.x86_64.rpm             (+ .sha256)
#       node-reconfig_VERSION-1_amd64.deb              (+ .sha256)
#       SHA256SUMS
#   BINARY_ONLY=1 scripts/build-release.sh   the binary only (no packages)
#
# Layout of every package: /usr/sbin/node-reconfig; /usr/share/node-reconfig/ holds the Ansible
# module (library/node_reconfig), rollout.yml, inventory.example and their README.md.
#
# Reproducible: the same commit gives the same bytes (SOURCE_DATE_EPOCH = the commit's time;
# sorted archives, owner root, every mtime that time). `--version` says
# `node-reconfig VERSION (commit abc1234, glibc >= 2.17)`; a tree with uncommitted changes says
# `abc1234-dirty`.
#
# Needs: swift, python3 with ziglang (pip install ziglang==$ZIG_VERSION), gcc's libstdc++.a
# (libstdc++-12-dev), binutils (strip, objdump, readelf), rpmbuild (Debian's rpm), dpkg-deb.
# The Swift build goes to .build-release (its own flags; the debug .build is left alone).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
ZIG_VERSION=0.14.1
OUT=.build/release-static
SCRATCH=.build-release
GLIBC_FLOOR=2.17
say() { echo "build-release: $*" >&2; }
die() { say "$*"; exit 1; }

VERSION=$(sed -n 's/.*static let number = "\(.*\)".*/\1/p' Sources/NodeReconfigCore/CLI/Version.swift)
[[ -n $VERSION ]] || die "no version number in Sources/NodeReconfigCore/CLI/Version.swift"
COMMIT=$(git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown ]] && [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    COMMIT=$COMMIT-dirty
fi
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}

python3 -m ziglang version 2>/dev/null | grep -qx "$ZIG_VERSION" \
    || die "needs zig $ZIG_VERSION as the link driver: python3 -m pip install ziglang==$ZIG_VERSION"
LIBSTDCXX=$(gcc -print-file-name=libstdc++.a 2>/dev/null || true)
[[ -f $LIBSTDCXX ]] || die "needs gcc's static libstdc++.a (apt-get install libstdc++-12-dev)"

# zig keeps what it builds (glibc 2.17 stubs, libunwind, compiler-rt) beside the Swift build.
export ZIG_GLOBAL_CACHE_DIR=$REPO/$SCRATCH/zig-cache ZIG_LOCAL_CACHE_DIR=$REPO/$SCRATCH/zig-cache
mkdir -p "$SCRATCH" "$OUT"
export RELEASE_COMPAT_O=$REPO/$SCRATCH/compat.o RELEASE_LIBSTDCXX=$LIBSTDCXX
python3 -m ziglang cc -target x86_64-linux-gnu.$GLIBC_FLOOR -O2 -g0 -c scripts/release/compat.c \
    -DNODE_RECONFIG_BUILD="\"commit $COMMIT, glibc >= $GLIBC_FLOOR\"" -o "$RELEASE_COMPAT_O"

# The checkout's path must not reach the binary, or two checkouts in different folders give
# different bytes: -disable-incremental-llvm-codegen drops .swift_modhash's hashes of each LLVM
# module (which cover the source paths), and -file-prefix-map the paths in the debug info (the
# link drops the debug info before it computes the build-id, see scripts/release/clang).
SWIFT_FLAGS=(-c release --product node-reconfig --static-swift-stdlib --scratch-path "$SCRATCH"
             -Xswiftc -tools-directory -Xswiftc "$REPO/scripts/release"
             -Xswiftc -Xfrontend -Xswiftc -disable-incremental-llvm-codegen
             -Xswiftc -file-prefix-map -Xswiftc "$REPO=.")
BIN=$(swift build "${SWIFT_FLAGS[@]}" --show-bin-path)/node-reconfig
# SwiftPM does not know compat.o is an input of the link: remove the binary so it links again.
rm -f "$BIN"
start=$(date +%s)
swift build "${SWIFT_FLAGS[@]}" >&2
say "swift build: $(( $(date +%s) - start )) s"

strip --strip-all -o "$OUT/node-reconfig" "$BIN"

# The promise: nothing above GLIBC_2.17, no C++ or Swift runtime to install (the test suite
# checks the same, naming the symbol: Tests/EndToEndTests/Release).
newest=$(objdump -T "$OUT/node-reconfig" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
[[ $newest == "GLIBC_$GLIBC_FLOOR" ]] || die "the binary needs $newest (> GLIBC_$GLIBC_FLOOR)"
needed=$(readelf -d "$OUT/node-reconfig" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
for lib in $needed; do
    case $lib in libc.so.6|libm.so.6|libpthread.so.0|libdl.so.2|ld-linux-x86-64.so.2) ;;
        *) die "the binary needs $lib (only libc, libm, libpthread, libdl, ld-linux are allowed)";;
    esac
done
say "$OUT/node-reconfig: $(stat -c %s "$OUT/node-reconfig") bytes, $newest, NEEDED $needed"

checksum() { (cd "$OUT" && sha256sum "$1" > "$1.sha256"); }
checksum node-reconfig
if [[ ${BINARY_ONLY:-} == 1 ]]; then cat "$OUT/node-reconfig.sha256"; exit 0; fi

# ---- packages ----------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/node-reconfig-release.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
umask 022
TREE=$WORK/tree
install -D -m 0755 "$OUT/node-reconfig" "$TREE/usr/sbin/node-reconfig"
install -D -m 0755 scripts/ansible/library/node_reconfig "$TREE/usr/share/node-reconfig/library/node_reconfig"
for file in rollout.yml inventory.example README.md; do
    install -D -m 0644 "scripts/ansible/$file" "$TREE/usr/share/node-reconfig/$file"
done
find "$TREE" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
SUMMARY="Rewrites a Kubernetes node's control-plane addresses, byte for byte, with rollback"

TARBALL=node-reconfig-$VERSION-linux-x86_64.tar.gz
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$TREE" -cf - usr | gzip -9 -n > "$OUT/$TARBALL"
checksum "$TARBALL"

DEB=node-reconfig_${VERSION}-1_amd64.deb
DEBROOT=$WORK/deb
cp -a "$TREE" "$DEBROOT"
mkdir -p "$DEBROOT/DEBIAN"
cat > "$DEBROOT/DEBIAN/control" <<EOF
Package: node-reconfig
Version: $VERSION-1
Architecture: amd64
Maintainer: node-reconfig maintainers <root@localhost>
Installed-Size: $(du -sk --apparent-size "$TREE" | cut -f1)
Section: admin
Priority: optional
Description: $SUMMARY
 node-reconfig moves a Kubernetes node to a new control plane (apiservers, etcd):
 it rewrites only the addresses in the node's config files, validates, backs up,
 restarts exactly the affected services and rolls back on failure. Includes the
 Ansible module and rollout playbook under /usr/share/node-reconfig.
EOF
touch -d "@$SOURCE_DATE_EPOCH" "$DEBROOT/DEBIAN" "$DEBROOT/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$DEBROOT" "$OUT/$DEB" >&2
checksum "$DEB"

RPM=node-reconfig-$VERSION-1.x86_64.rpm
RPMTOP=$WORK/rpm
mkdir -p "$RPMTOP"/{BUILD,RPMS,SPECS,SRPMS,BUILDROOT}
cat > "$RPMTOP/SPECS/node-reconfig.spec" <<EOF
Name: node-reconfig
Version: $VERSION
Release: 1
Summary: $SUMMARY
License: Proprietary
BuildArch: x86_64
AutoReqProv: no
Requires: glibc >= $GLIBC_FLOOR

%description
node-reconfig moves a Kubernetes node to a new control plane (apiservers, etcd): it rewrites only
the addresses in the node's config files, validates, backs up, restarts exactly the affected
services and rolls back on failure. Includes the Ansible module and rollout playbook under
/usr/share/node-reconfig.

%install
cp -a "$TREE/." %{buildroot}/

%files
%attr(0755,root,root) /usr/sbin/node-reconfig
%dir %attr(0755,root,root) /usr/share/node-reconfig
%dir %attr(0755,root,root) /usr/share/node-reconfig/library
%attr(0755,root,root) /usr/share/node-reconfig/library/node_reconfig
%attr(0644,root,root) /usr/share/node-reconfig/rollout.yml
%attr(0644,root,root) /usr/share/node-reconfig/inventory.example
%attr(0644,root,root) /usr/share/node-reconfig/README.md
EOF
# No build-host name, build time or stripping of our own; payload gzip (read by rpm 4.11 on
# CentOS 7); mtimes clamped to SOURCE_DATE_EPOCH.
rpmbuild -bb --quiet --target x86_64-linux \
    --define "_topdir $RPMTOP" \
    --define "_buildhost reproducible" \
    --define "use_source_date_epoch_as_buildtime 1" \
    --define "clamp_mtime_to_source_date_epoch 1" \
    --define "_binary_payload w9.gzdio" \
    --define "_build_id_links none" \
    --define "debug_package %{nil}" \
    --define "__os_install_post %{nil}" \
    "$RPMTOP/SPECS/node-reconfig.spec" >&2
cp "$RPMTOP/RPMS/x86_64/$RPM" "$OUT/$RPM"
checksum "$RPM"

(cd "$OUT" && sha256sum node-reconfig "$TARBALL" "$RPM" "$DEB" > SHA256SUMS)
say "done: version $VERSION, commit $COMMIT, SOURCE_DATE_EPOCH $SOURCE_DATE_EPOCH"
cat "$OUT/SHA256SUMS"
