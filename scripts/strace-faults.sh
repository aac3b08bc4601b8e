#!/usr/bin/env bash
# Runs the strace fault-injection suite (Tests/HardeningTests/SyscallFaultTests.swift): every
# file-system call of a real `node-reconfig apply` failed in turn. `--all` fails each call with
# every errno of the table (EIO, ENOSPC, EACCES, …) instead of EIO plus a sample. Needs root and strace.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ ${1:-} == --all ]] && export HARDEN_ALL_FAULTS=1
swift build
exec swift test --skip-build --filter 'SyscallFaultTests|SignalTests|DiskAndRaceTests'
