#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# CTest zip_consumer (a mingw build; docs/windows.md "The zip"): makes the Windows zip
# with CPack, unpacks it, checks its layout and what its programs import, then builds
# tests/windows/consumer/answers.c against the unpacked tree in every way docs/windows.md
# describes and runs each under Wine:
#   1. find_package(btxdose) under the mingw toolchain: the DLL and the static library
#   2. pkg-config: the DLL (import library), and --static with -static (libbtxdose.a)
#   3. an import library made from lib/btxdose.def by dlltool (as MSVC's lib /def: would)
# and the zip's btxdose.exe on the sample data. Every answer must equal, byte for byte
# (CRLF read as LF), what the same program and the same tool print when built natively
# on this Linux machine from the source tree.
#
# zip_consumer.sh BUILD WORK SOURCE VERSION TOOLCHAIN CC OBJDUMP DLLTOOL RUN HOST_CC
set -euo pipefail
build=$1 work=$2 src=$3 version=$4 toolchain=$5 cc=$6 objdump=$7 dlltool=$8 run=$9
hostcc=${10}
cmake=${CMAKE_COMMAND:-cmake}
cpack=${CPACK_COMMAND:-cpack}

fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"

# ---- the zip ----
"$cpack" --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log"
zip="$work/pkg/btxdose-$version-win64.zip"
test -f "$zip" || fail "cpack made no $zip"
(cd "$work" && "$cmake" -E tar xf "$zip")
root="$work/btxdose-$version-win64"
test -d "$root" || fail "the zip has no top-level directory btxdose-$version-win64"
for f in bin/libbtxdose-1.dll bin/btxdose.exe lib/libbtxdose.dll.a lib/libbtxdose.a \
         lib/btxdose.def lib/pkgconfig/btxdose.pc lib/cmake/btxdose/btxdoseConfig.cmake \
         lib/cmake/btxdose/btxdoseConfigVersion.cmake lib/cmake/btxdose/btxdoseTargets.cmake \
         include/btxdose/btxdose.h include/btxdose/export.h include/btxdose/version.h \
         LICENSE NOTICE README.md docs/windows.md docs/abi.md docs/cli.md; do
    test -f "$root/$f" || fail "the zip lacks $f"
done
bin=$(cd "$root/bin" && ls | sort | tr '\n' ' ')
test "$bin" = "btxdose.exe libbtxdose-1.dll " || fail "bin/ holds '$bin'"
# Nothing but system DLLs and libbtxdose-1.dll: the zip's bin/ is all a machine needs.
for f in "$root"/bin/*; do
    deps=$("$objdump" -p "$f" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort | tr '\n' ' ')
    case "$(basename "$f")" in
        btxdose.exe) want="KERNEL32.dll libbtxdose-1.dll msvcrt.dll " ;;
        *) want="KERNEL32.dll msvcrt.dll " ;;
    esac
    test "$deps" = "$want" || fail "$(basename "$f") imports '$deps', expected '$want'"
done
grep -q "^Version: $version\$" "$root/lib/pkgconfig/btxdose.pc" || fail "btxdose.pc: version"
grep -q "PACKAGE_VERSION \"$version\"" "$root/lib/cmake/btxdose/btxdoseConfigVersion.cmake" ||
    fail "btxdoseConfigVersion.cmake: version"
echo "zip: layout, imports and versions OK ($(basename "$zip"))"

# ---- the native answers: the same sources built for this Linux machine ----
native="$work/native"
mkdir -p "$native"
"$hostcc" -std=c11 -O2 -I"$src/include" -I"$build/include" -I"$src/lib" \
    "$src"/lib/*.c "$src/tests/windows/consumer/answers.c" -lm -o "$native/answers"
"$native/answers" >"$native/answers.txt"
"$hostcc" -std=c11 -O2 -I"$src/include" -I"$build/include" -I"$src/lib" \
    "$src"/lib/*.c "$src"/tools/btxdose/*.c -lz -pthread -lm -o "$native/btxdose"

# Runs a Windows program with the zip's bin/ as the only extra DLL directory.
wrun() { BTX_WINEPATH="$(printf 'Z:%s' "$root/bin" | tr / '\\')" "$run" "$@"; }
same() { # NAME FILE: FILE (CRLF read as LF) must equal the native answers
    tr -d '\r' <"$2" >"$2.lf"
    if ! cmp -s "$native/answers.txt" "$2.lf"; then
        diff -u "$native/answers.txt" "$2.lf" || true
        fail "$1: the answers differ from the native build's"
    fi
    echo "$1: same answers as the native build"
}
loaded_from_zip() { # EXE: the DLL it loads is the zip's
    local which want
    which=$(wrun "$1" --which | tr -d '\r')
    want="dll: $(printf 'Z:%s' "$root/bin/libbtxdose-1.dll" | tr / '\\')"
    # Windows file names compare without regard to case.
    test "${which,,}" = "${want,,}" || fail "$(basename "$1") loaded '$which', expected '$want'"
}
static_only() { # EXE: linked with libbtxdose.a, it imports no libbtxdose DLL
    if "$objdump" -p "$1" | grep -i "DLL Name: libbtxdose" >/dev/null; then
        fail "$(basename "$1") imports libbtxdose-1.dll, yet was linked statically"
    fi
    test "$(wrun "$1" --which | tr -d '\r')" = "dll: (statically linked)" ||
        fail "$(basename "$1") has libbtxdose-1.dll loaded"
}

# ---- 1. find_package under the mingw toolchain ----
cfg="$work/cmake-build"
"$cmake" -S "$src/tests/windows/consumer" -B "$cfg" --toolchain "$toolchain" \
    -DCMAKE_FIND_ROOT_PATH="$root" -DCMAKE_BUILD_TYPE=Release >"$work/cmake-configure.log" ||
    { cat "$work/cmake-configure.log"; fail "find_package(btxdose) under the toolchain"; }
"$cmake" --build "$cfg" >"$work/cmake-build.log" ||
    { cat "$work/cmake-build.log"; fail "building the consumer"; }
wrun "$cfg/answers.exe" >"$work/cmake-shared.txt"
same "find_package btxdose::btxdose" "$work/cmake-shared.txt"
loaded_from_zip "$cfg/answers.exe"
wrun "$cfg/answers_static.exe" >"$work/cmake-static.txt"
same "find_package btxdose::btxdose_static" "$work/cmake-static.txt"
static_only "$cfg/answers_static.exe"

# ---- 2. pkg-config (the .pc finds its prefix from its own place) ----
export PKG_CONFIG_LIBDIR="$root/lib/pkgconfig"
unset PKG_CONFIG_PATH
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Wextra -Werror -o "$work/answers_pc.exe" \
    "$src/tests/windows/consumer/answers.c" $(pkg-config --cflags --libs btxdose)
wrun "$work/answers_pc.exe" >"$work/pc-shared.txt"
same "pkg-config" "$work/pc-shared.txt"
loaded_from_zip "$work/answers_pc.exe"
pkg-config --static --cflags btxdose | grep -q -- "-DBTX_STATIC" ||
    fail "pkg-config --static --cflags lacks -DBTX_STATIC"
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Wextra -Werror -static -o "$work/answers_pc_static.exe" \
    "$src/tests/windows/consumer/answers.c" $(pkg-config --static --cflags --libs btxdose)
wrun "$work/answers_pc_static.exe" >"$work/pc-static.txt"
same "pkg-config --static" "$work/pc-static.txt"
static_only "$work/answers_pc_static.exe"

# ---- 3. an import library from btxdose.def ----
"$dlltool" -d "$root/lib/btxdose.def" -l "$work/libbtxdose-from-def.a"
"$cc" -std=c11 -Wall -Wextra -Werror -I"$root/include" -o "$work/answers_def.exe" \
    "$src/tests/windows/consumer/answers.c" "$work/libbtxdose-from-def.a"
wrun "$work/answers_def.exe" >"$work/def.txt"
same "import library from btxdose.def" "$work/def.txt"
loaded_from_zip "$work/answers_def.exe"

# ---- the zip's tool against the native one, on the sample data ----
data="$src/examples/data"
prop=2026-10-01,botox,chronic_migraine,155
tool_cmds=(
    "version --json"
    "protocol botox chronic_migraine --vial 200 --diluent 4 --json"
    "check --history history.csv --propose $prop --json"
    "next --history history.json --propose $prop"
    "headroom --history history.csv --date 2026-10-01 --product botox --json"
)
for c in "${tool_cmds[@]}"; do
    # shellcheck disable=SC2086
    (cd "$data" && "$native/btxdose" $c >"$work/tool-native.txt") || test $? -eq 1
    # shellcheck disable=SC2086
    (cd "$data" && wrun "$root/bin/btxdose.exe" $c >"$work/tool-zip.txt") || test $? -eq 1
    tr -d '\r' <"$work/tool-zip.txt" >"$work/tool-zip.lf"
    if ! cmp -s "$work/tool-native.txt" "$work/tool-zip.lf"; then
        diff -u "$work/tool-native.txt" "$work/tool-zip.lf" || true
        fail "btxdose $c: the zip's tool and the native one differ"
    fi
    echo "btxdose $c: same output as the native tool"
done
echo "zip_consumer: OK"
