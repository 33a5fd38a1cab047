#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every libFuzzer harness for a bounded time; fails when any of them finds a crash,
# a leak, a timeout or a broken invariant.
#
#   tests/fuzz/run.sh [-t SECONDS] [-r RUNS] [-b BUILD_DIR] [-o WORK_DIR] [FUZZER...]
#
# SECONDS per fuzzer (default 20, or $BTX_FUZZ_SECONDS); RUNS stops a fuzzer earlier, after
# that many executions (the long runs of docs/reliability.md use -r 10000000); BUILD_DIR
# is the fuzz preset's build tree (default build-fuzz); WORK_DIR defaults to
# BUILD_DIR/fuzz-work. The committed seeds in tests/fuzz/corpus/<fuzzer>/ (fuzz_audit's
# for fuzz_audit_general) are read, never written: new inputs go to
# WORK_DIR/<fuzzer>/corpus, crashing inputs to WORK_DIR/<fuzzer>/ (crash-*, leak-*,
# timeout-*).
# Reproduce one with: BUILD_DIR/tests/fuzz/<fuzzer> <file>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${BTX_FUZZ_SECONDS:-20}"
build="$root/build-fuzz"
runs=-1
workroot=
while getopts "t:r:b:o:" opt; do
    case "$opt" in
    t) seconds="$OPTARG" ;;
    r) runs="$OPTARG" ;;
    b) build="$(cd "$OPTARG" && pwd)" ;;
    o) workroot="$OPTARG" ;;
    *) echo "usage: $0 [-t SECONDS] [-r RUNS] [-b BUILD_DIR] [-o WORK_DIR] [FUZZER...]" >&2
       exit 2 ;;
    esac
done
workroot="${workroot:-$build/fuzz-work}"
shift $((OPTIND - 1))
fuzzers=("$@")
if [ ${#fuzzers[@]} -eq 0 ]; then
    fuzzers=(fuzz_date fuzz_catalog fuzz_protocol fuzz_evaluate fuzz_cli_csv fuzz_cli_json
             fuzz_cli_audit fuzz_cli_audit_json)
    # fuzz_audit_general: the same harness, the audit's general path alone (no fast lane)
    [ -x "$build/tests/fuzz/fuzz_audit" ] && fuzzers+=(fuzz_audit fuzz_audit_general)
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for f in "${fuzzers[@]}"; do
    bin="$build/tests/fuzz/$f"
    if [ ! -x "$bin" ]; then
        echo "run.sh: $bin missing: build it with 'cmake --workflow --preset fuzz'" >&2
        failed+=("$f(missing)")
        continue
    fi
    work="$workroot/$f"
    mkdir -p "$work/corpus"
    extra=()
    case "$f" in
    fuzz_cli_*) extra+=(-close_fd_mask=2 -max_len=8192) ;; # the reader reports every bad file on stderr
    fuzz_evaluate | fuzz_audit | fuzz_audit_general) extra+=(-max_len=4096) ;;
    *) extra+=(-max_len=256) ;;
    esac
    echo "== $f: ${seconds}s =="
    start=$(date +%s)
    if "$bin" -max_total_time="$seconds" -runs="$runs" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/" "${extra[@]}" "$work/corpus" "$here/corpus/${f%_general}" \
        >"$work/log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^Done" "$work/log" || true
        echo "wall: $(( $(date +%s) - start )) s"
    else
        echo "run.sh: $f FAILED; log: $work/log" >&2
        tail -n 40 "$work/log" >&2
        failed+=("$f")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "run.sh: failing fuzzers: ${failed[*]}" >&2
    exit 1
fi
echo "run.sh: ${#fuzzers[@]} fuzzers, no crash"
