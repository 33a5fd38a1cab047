#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# CTest man_pages: the man pages as configured in the build (man/*.in -> BUILD/man):
#   - groff formats each without a warning (-ww), and its .TH carries the version;
#   - libbtxdose(3) names every function of abi/exports.txt;
#   - btxdose(1) has a synopsis line for every command of 'btxdose help' and names every
#     option the help lists (when the tool is built).
# Usage: man_pages.sh GROFF BUILD_MAN_DIR EXPORTS_TXT PROJECT_VERSION [BTXDOSE_TOOL]
set -euo pipefail
groff=$1 mandir=$2 exports=$3 version=$4 tool=${5:-}
fail=0
bad() { echo "FAIL: $*"; fail=1; }

pages=("$mandir/libbtxdose.3")
[ -n "$tool" ] && pages+=("$mandir/btxdose.1")
for page in "${pages[@]}"; do
    [ -f "$page" ] || { bad "$page was not generated"; continue; }
    warnings=$(LC_ALL=C.UTF-8 "$groff" -man -Tutf8 -ww -z "$page" 2>&1) || bad "groff failed on $page"
    [ -z "$warnings" ] || bad "groff warns on $(basename "$page"):
$warnings"
    grep -q "^\.TH [A-Z]* [0-9] \"[0-9-]*\" \"libbtxdose $version\"" "$page" \
        || bad "$(basename "$page"): .TH does not name libbtxdose $version"
    grep -q '@[A-Z_]*@' "$page" && bad "$(basename "$page"): an unconfigured @VARIABLE@"
done

# libbtxdose(3): every exported function, as "name()" (text with troff's \- undone).
if [ -f "$mandir/libbtxdose.3" ]; then
    text=$(sed 's/\\-/-/g' "$mandir/libbtxdose.3")
    n=0
    while IFS= read -r sym; do
        n=$((n + 1))
        grep -qF "$sym()" <<<"$text" || bad "libbtxdose(3) does not name $sym()"
    done < <(sed -n 's/^\(btx_[A-Za-z0-9_]*\)@@.*/\1/p' "$exports")
    echo "libbtxdose(3): $n exported functions checked"
fi

# btxdose(1): the commands and options of the tool's own help.
if [ -n "$tool" ] && [ -f "$mandir/btxdose.1" ]; then
    help=$("$tool" help)
    text=$(sed 's/\\-/-/g' "$mandir/btxdose.1")
    commands=$(awk '/^commands:/ {on = 1; next} on && /^$/ {exit} on && /^  [a-z]/ {print $1}' <<<"$help")
    [ -n "$commands" ] || bad "no commands found in 'btxdose help'"
    for c in $commands; do
        grep -qx "\.B btxdose $c" <<<"$text" || bad "btxdose(1) has no synopsis line '.B btxdose $c'"
    done
    options=$(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u)
    for o in $options; do
        grep -qF -- "$o" <<<"$text" || bad "btxdose(1) does not name the option $o"
    done
    echo "btxdose(1): commands $(echo $commands) and $(wc -w <<<"$options") options checked"
fi
[ $fail -eq 0 ] || exit 1
echo "man pages: OK"
