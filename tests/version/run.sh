#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One version everywhere (CTest version_agrees). The CMake project version is the one
# place it is set; this installs the build into a fresh prefix and reads the version back
# from everything it feeds, each the way a user would see it:
#   the installed btxdose.pc (pkg-config --modversion), the installed CMake package
#   version file, the installed btxdose/version.h macros (compiled), btx_version() and
#   btx_version_number() of the installed library (run), the installed library's file
#   name and SONAME, the Python package's __version__ (on the installed library), the
#   CPack package version, Doxygen's PROJECT_NUMBER.
# Usage: run.sh BUILD_DIR WORK_DIR SOURCE_DIR PROJECT_VERSION PYTHON
set -euo pipefail
build=$1 work=$2 src=$3 expect=$4 python=$5
cmake=${CMAKE_COMMAND:-cmake}
cc=${CC:-cc}
rm -rf "$work"
mkdir -p "$work"
prefix="$work/prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log"

fail=0
agree() { # what value
    if [ "$2" = "$expect" ]; then
        printf 'ok    %-44s %s\n' "$1" "$2"
    else
        printf 'FAIL  %-44s %s (project version %s)\n' "$1" "${2:-<nothing>}" "$expect"
        fail=1
    fi
}
IFS=. read -r major minor patch <<<"$expect"
number=$((major * 10000 + minor * 100 + patch))

# A version.h kept by hand next to the other headers would shadow the generated one.
if [ -e "$src/include/btxdose/version.h" ]; then
    echo "FAIL  include/btxdose/version.h exists in the source tree: it must only be generated"
    fail=1
fi

libdir=$(find "$prefix" -name libbtxdose.so.1 -printf '%h\n' | head -n1)
test -n "$libdir" || { echo "libbtxdose.so.1 not installed"; exit 1; }

# 1. pkg-config
agree "btxdose.pc Version" "$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --modversion btxdose)"

# 2. the CMake package version file, read as find_package reads it
cat >"$work/pkgversion.cmake" <<EOF
set(PACKAGE_FIND_VERSION "$major.0")
set(PACKAGE_FIND_VERSION_MAJOR "$major")
set(PACKAGE_FIND_VERSION_MINOR 0)
set(PACKAGE_FIND_VERSION_PATCH 0)
include("$libdir/cmake/btxdose/btxdoseConfigVersion.cmake")
message("\${PACKAGE_VERSION} compatible-with-$major.0=\${PACKAGE_VERSION_COMPATIBLE}")
EOF
pkgver=$("$cmake" -P "$work/pkgversion.cmake" 2>&1)
agree "btxdoseConfigVersion.cmake PACKAGE_VERSION" "${pkgver%% *}"
[ "${pkgver#* }" = "compatible-with-$major.0=TRUE" ] || { echo "FAIL  CMake package: $pkgver"; fail=1; }

# 3 and 4. the installed header's macros and the installed library at run time
cat >"$work/version.c" <<'EOF'
#include <stdio.h>
#include <btxdose/btxdose.h>
int main(void)
{
    printf("%d.%d.%d %s %d\n", BTXDOSE_VERSION_MAJOR, BTXDOSE_VERSION_MINOR,
           BTXDOSE_VERSION_PATCH, BTXDOSE_VERSION_STRING, BTXDOSE_VERSION_NUMBER);
    printf("%s %d\n", btx_version(), btx_version_number());
    return 0;
}
EOF
"$cc" -std=c11 -Wall -Wextra -Werror -I"$prefix/include" -o "$work/version" "$work/version.c" \
    -L"$libdir" -lbtxdose
out=$(LD_LIBRARY_PATH="$libdir" "$work/version")
read -r h_parts h_string h_number r_string r_number <<<"$(printf '%s\n' "$out" | tr '\n' ' ')"
agree "version.h MAJOR.MINOR.PATCH" "$h_parts"
agree "version.h BTXDOSE_VERSION_STRING" "$h_string"
agree "version.h BTXDOSE_VERSION_NUMBER" "$([ "$h_number" = "$number" ] && echo "$expect" || echo "$h_number")"
agree "btx_version()" "$r_string"
agree "btx_version_number()" "$([ "$r_number" = "$number" ] && echo "$expect" || echo "$r_number")"

# 5. the installed shared library: file name libbtxdose.so.X.Y.Z, SONAME libbtxdose.so.1
real=$(basename "$(readlink -f "$libdir/libbtxdose.so.1")")
agree "installed library file" "${real#libbtxdose.so.}"
soname=$(readelf -d "$libdir/libbtxdose.so.1" | sed -n 's/.*SONAME.*\[\(.*\)\].*/\1/p')
[ "$soname" = "libbtxdose.so.$major" ] || { echo "FAIL  SONAME $soname"; fail=1; }

# 6. the Python package, on the installed library
pyver=$(BTXDOSE_LIBRARY="$libdir/libbtxdose.so.1" PYTHONPATH="$src/python" \
        "$python" -c 'import btxdose; print(btxdose.__version__)')
agree "Python btxdose.__version__" "$pyver"

# 7. CPack's package version (and the dev package's dependency on the runtime one)
cpack=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
agree "CPack CPACK_PACKAGE_VERSION" "$cpack"
grep -q "^set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS \"libbtxdose1 (= $expect)\")" "$build/CPackConfig.cmake" \
    || { echo "FAIL  CPACK_DEBIAN_DEV_PACKAGE_DEPENDS does not name $expect"; fail=1; }

# 8. Doxygen's PROJECT_NUMBER (when the docs target exists)
doxyfile="$build/docs/Doxyfile.docs"
if [ -f "$doxyfile" ]; then
    agree "Doxygen PROJECT_NUMBER" "$(sed -n 's/^PROJECT_NUMBER *= *//p' "$doxyfile")"
else
    echo "--    Doxygen PROJECT_NUMBER (no docs target in this build)"
fi

[ $fail -eq 0 ] || { echo "the versions disagree"; exit 1; }
echo "every version is $expect"
