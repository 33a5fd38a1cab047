#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `btxdose audit` end to end, against DuckDB and SQLite's shell, on the same CSV file
# (docs/performance.md, "The audit from a file").
#
#   bench/cli_audit.sh [-b BUILD_DIR] [-p PATIENTS] [-s SEED] [-r REPEAT] [-t THREADS]
#                      [--no-sqlite] [--only-btxdose] [--shuffle]
#
# 1. Writes the population file (bench_cli_rows: PATIENTS patients, default 1,000,000,
#    about 10 rows each, seeded) to BUILD_DIR/bench-cli/ unless it is there already from
#    the same seed and size. The file is never part of the source tree.
# 2. Installs DuckDB's Node.js client (@duckdb/node-api) with npm into
#    BUILD_DIR/bench-cli/node, for the bench only; stops with a message when npm cannot
#    reach its registry.
# 3. Runs, REPEAT times each (default 3; SQLite's shell once), every run timed by GNU time
#    (wall time and peak RSS of the whole process):
#      btxdose audit --input FILE --window-days 90 --limit 0 --json   (summary only)
#      btxdose audit ... --output FLAGGED.csv                         (every flagged row)
#      DuckDB, THREADS threads (default 2): the count of over-window rows, and the rows
#        written with COPY (bench/cli_audit_duckdb.js)
#      sqlite3 :memory: with .import and the window query, count and rows
# 4. Checks that all three flag the same over-window rows (patient, date, units: sorted
#    and compared), and prints wall time, rows/s and peak RSS of each (the best of the
#    repeats), the ratios, and the goals of the issue met or not. Exit 1 if the engines
#    disagree.
#
# --only-btxdose runs the tool alone (for the memory bound on larger files: -p 5000000
# writes 50 million rows); --shuffle writes the rows in a random order (the tool then
# sorts them in memory).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$root/build"
patients=1000000
seed=1
repeat=3
threads=2
sqlite=1
only=0
shuffle=
while [ $# -gt 0 ]; do
    case "$1" in
    -b) build="$(cd "$2" && pwd)"; shift 2 ;;
    -p) patients="$2"; shift 2 ;;
    -s) seed="$2"; shift 2 ;;
    -r) repeat="$2"; shift 2 ;;
    -t) threads="$2"; shift 2 ;;
    --no-sqlite) sqlite=0; shift ;;
    --only-btxdose) only=1; shift ;;
    --shuffle) shuffle=--shuffle; shift ;;
    *) echo "usage: $0 [-b BUILD_DIR] [-p PATIENTS] [-s SEED] [-r REPEAT] [-t THREADS]" \
            "[--no-sqlite] [--only-btxdose] [--shuffle]" >&2
       exit 2 ;;
    esac
done

tool="$build/tools/btxdose/btxdose"
gen="$build/bench/bench_cli_rows"
for f in "$tool" "$gen"; do
    if [ ! -x "$f" ]; then
        echo "cli_audit.sh: $f missing: cmake --build $build --target btxdose_cli bench_cli_rows" >&2
        exit 2
    fi
done
if [ ! -x /usr/bin/time ]; then
    echo "cli_audit.sh: GNU time (/usr/bin/time) is needed: apt-get install time" >&2
    exit 2
fi

work="$build/bench-cli"
mkdir -p "$work"
rows_file="$work/rows-p$patients-s$seed${shuffle:+-shuffled}.csv"
if [ ! -s "$rows_file" ]; then
    echo "writing $rows_file ..."
    "$gen" --patients "$patients" --seed "$seed" $shuffle "$rows_file.tmp" >/dev/null
    mv "$rows_file.tmp" "$rows_file"
fi
data_lines=$(($(wc -l <"$rows_file") - 1))
bytes=$(stat -c %s "$rows_file")

# ---- DuckDB from npm, into the build tree ----
node_dir="$work/node"
if [ "$only" = 0 ] && [ ! -d "$node_dir/node_modules/@duckdb/node-api" ]; then
    if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
        echo "cli_audit.sh: DuckDB comes from npm (@duckdb/node-api), and npm or node is" \
             "not installed (Debian: apt-get install npm)" >&2
        exit 1
    fi
    mkdir -p "$node_dir"
    echo "installing @duckdb/node-api with npm into $node_dir ..."
    if ! (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error \
            @duckdb/node-api >"$node_dir/npm.log" 2>&1); then
        echo "cli_audit.sh: npm could not install @duckdb/node-api (is the npm registry" \
             "reachable from here? see $node_dir/npm.log): the bench needs DuckDB" >&2
        exit 1
    fi
fi
if [ "$only" = 0 ] && [ "$sqlite" = 1 ] && ! command -v sqlite3 >/dev/null; then
    echo "cli_audit.sh: SQLite's shell is needed (apt-get install sqlite3), or --no-sqlite" >&2
    exit 1
fi

# Arithmetic and comparisons of decimals (awk is everywhere).
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
holds() { awk "BEGIN { exit !($*) }"; }

# ---- runs ----
# measure NAME CMD...: runs CMD with its output in $work/NAME.out; keeps the best wall
# time and its peak RSS in best_wall[NAME], best_rss[NAME].
declare -A best_wall best_rss
measure() {
    local name="$1"
    shift
    local rc=0
    /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.out" \
        2>"$work/$name.err" || rc=$?
    # btxdose exits 1 when it flags a row
    if [ "$rc" != 0 ] && ! { [ "$rc" = 1 ] && [ "${name#btxdose}" != "$name" ]; }; then
        echo "cli_audit.sh: $name failed ($rc):" >&2
        cat "$work/$name.err" >&2
        exit 1
    fi
    local wall rss
    read -r wall rss < <(tail -n 1 "$work/$name.time")
    printf '  %-24s %8.2f s  %8.1f MB\n' "$name" "$wall" "$(calc "$rss / 1024")"
    if [ -z "${best_wall[$name]:-}" ] || holds "$wall < ${best_wall[$name]}"; then
        best_wall[$name]=$wall
        best_rss[$name]=$rss
    fi
}

# The SQLite shell's scripts: .import, then the window query's count or rows.
sqlite_script() { # sqlite_script OUT|"": the script on stdout
    local select="count(*)"
    printf '.mode csv\n.import %s rows\n' "$rows_file"
    if [ -n "$1" ]; then
        select="patient, date, units"
        printf '.output %s\n' "$1"
    fi
    cat <<EOF
SELECT $select FROM (
  SELECT patient, date, units,
         SUM(CAST(units AS REAL)) OVER (PARTITION BY patient ORDER BY julianday(date)
                                        RANGE BETWEEN 89 PRECEDING AND CURRENT ROW) AS total
  FROM rows WHERE lower(product) IN ('botox', 'botox cosmetic'))
WHERE total > 400;
EOF
}
sqlite_script "" >"$work/sqlite-count.sql"
sqlite_script "$work/sqlite-over.csv" >"$work/sqlite-rows.sql"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $rows_file: $data_lines rows, $bytes bytes"
echo "btxdose $("$tool" version | head -1 | cut -d' ' -f2), DuckDB $(cd "$node_dir" 2>/dev/null &&
     node -p "require('@duckdb/node-api/package.json').version" 2>/dev/null || echo -),"\
     "sqlite3 $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo -)"
for ((i = 1; i <= repeat; i++)); do
    echo "run $i of $repeat (load $(cut -d' ' -f1 /proc/loadavg)):"
    measure btxdose "$tool" audit --input "$rows_file" --window-days 90 --limit 0 --json
    measure btxdose_output "$tool" audit --input "$rows_file" --window-days 90 \
        --output "$work/btxdose-flagged.csv"
    if [ "$only" = 0 ]; then
        measure duckdb env NODE_PATH="$node_dir/node_modules" \
            node "$here/cli_audit_duckdb.js" "$rows_file" "$threads"
        measure duckdb_output env NODE_PATH="$node_dir/node_modules" \
            node "$here/cli_audit_duckdb.js" "$rows_file" "$threads" "$work/duckdb-over.csv"
    fi
    if [ "$only" = 0 ] && [ "$sqlite" = 1 ] && [ "$i" = 1 ]; then
        measure sqlite sqlite3 :memory: ".read $work/sqlite-count.sql"
        measure sqlite_output sqlite3 :memory: ".read $work/sqlite-rows.sql"
    fi
done

# ---- agreement ----
count() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d[sys.argv[2]] if sys.argv[2] in d else d['flag_counts'][sys.argv[2]])" "$@"; }
rows_read=$(count "$work/btxdose.out" rows)
over=$(count "$work/btxdose.out" over_window)
flagged=$(count "$work/btxdose.out" flagged)
# patient,date,units of the over-window rows, one canonical text each, sorted
agree=0
python3 - "$work" "$only" "$sqlite" <<'EOF' || agree=1
import csv, sys
work, only, sqlite = sys.argv[1], sys.argv[2] == "1", sys.argv[3] == "1"
def canon(rows):
    return sorted(f"{p},{d},{float(u):.3f}" for p, d, u in rows)
with open(f"{work}/btxdose-flagged.csv", newline="") as f:
    r = csv.DictReader(f)
    ours = canon((x["patient"], x["date"], x["units"]) for x in r
                 if "over_window" in x["flags"].split("|"))
open(f"{work}/btxdose-over.txt", "w").write("\n".join(ours) + "\n")
others = [] if only else ["duckdb"] + (["sqlite"] if sqlite else [])
ok = True
for name in others:
    with open(f"{work}/{name}-over.csv", newline="") as f:
        theirs = canon(tuple(x) for x in csv.reader(f))
    same = theirs == ours
    ok = ok and same
    print(f"  {name}: {len(theirs)} over-window rows, the same as btxdose's: {'yes' if same else 'NO'}")
sys.exit(0 if ok else 1)
EOF
summary_count() { tr -d '\n' <"$work/$1.out"; }
echo "agreement: btxdose read $rows_read rows (the file has $data_lines), flagged $flagged, $over over the window"
[ "$rows_read" = "$data_lines" ] || { echo "cli_audit.sh: row count differs" >&2; agree=1; }
if [ "$only" = 0 ]; then
    [ "$(summary_count duckdb)" = "$over" ] || { echo "cli_audit.sh: DuckDB counted $(summary_count duckdb)" >&2; agree=1; }
    if [ "$sqlite" = 1 ]; then
        [ "$(summary_count sqlite)" = "$over" ] || { echo "cli_audit.sh: SQLite counted $(summary_count sqlite)" >&2; agree=1; }
    fi
fi

# ---- table ----
echo
echo "best of $repeat (SQLite: one run); rows/s = $data_lines rows / wall time"
printf '| %-44s | %9s | %12s | %12s |\n' "run" "wall (s)" "rows/s (M)" "peak RSS (MB)"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "-----------" "--------------" "--------------"
row() { # row NAME LABEL
    [ -n "${best_wall[$1]:-}" ] || return 0
    printf '| %-44s | %9.2f | %12.2f | %12.1f |\n' "$2" "${best_wall[$1]}" \
        "$(calc "$data_lines / ${best_wall[$1]} / 1000000")" "$(calc "${best_rss[$1]} / 1024")"
}
row btxdose "btxdose audit, summary only"
row btxdose_output "btxdose audit --output (every flagged row)"
row duckdb "DuckDB $threads threads, count"
row duckdb_output "DuckDB $threads threads, COPY the rows"
row sqlite "sqlite3 .import + query, count"
row sqlite_output "sqlite3 .import + query, rows to a file"
ratio() { calc "${best_wall[$1]} / ${best_wall[$2]}"; }
goal() { # goal LABEL MEASURED WANT
    local met=no
    holds "$2 >= $3" && met=yes
    printf '  %-58s %6.1fx (goal >= %sx): %s\n' "$1" "$2" "$3" "$met"
}
echo
echo "goals (wall time ratios, best of the runs above):"
if [ "$only" = 0 ]; then
    goal "summary only: btxdose vs DuckDB ($threads threads)" "$(ratio duckdb btxdose)" 3
    [ "$sqlite" = 1 ] && goal "summary only: btxdose vs SQLite's shell" "$(ratio sqlite btxdose)" 10
    goal "every flagged row to a file: btxdose vs DuckDB" "$(ratio duckdb_output btxdose_output)" 2
fi
for n in btxdose btxdose_output; do
    mb=$(calc "${best_rss[$n]} / 1024")
    met=no
    holds "$mb <= 100" && met=yes
    [ -n "$shuffle" ] && { met=no; holds "${best_rss[$n]} * 1024 <= 1.5 * $bytes" && met=yes; }
    printf '  %-58s %6.1f MB (goal <= %s): %s\n' "peak RSS, $n" "$mb" \
        "$([ -n "$shuffle" ] && echo "1.5 x the file" || echo "100 MB")" "$met"
done
exit $agree
