# SPDX-License-Identifier: Apache-2.0
# Cross-compiling for 64-bit Windows with mingw-w64 (Debian: gcc-mingw-w64-x86-64), and
# running what was built under Wine (Debian: wine64) -- docs/windows.md.
#
#   cmake --workflow --preset mingw
#   cmake -S . -B build-mingw --toolchain cmake/toolchains/mingw-w64-x86_64.cmake
#
# A consumer of the Windows zip uses the same file and adds the unzipped tree to
# CMAKE_FIND_ROOT_PATH (docs/windows.md, "CMake").
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(BTX_MINGW_TRIPLET x86_64-w64-mingw32)
# Debian installs two thread models of the compiler; the plain name is the default one
# (win32). The library uses no threads; executables are linked with -static, so neither
# needs a thread DLL at run time.
set(CMAKE_C_COMPILER ${BTX_MINGW_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${BTX_MINGW_TRIPLET}-g++)
set(CMAKE_RC_COMPILER ${BTX_MINGW_TRIPLET}-windres)

# Headers, libraries and packages for the target come from the mingw-w64 tree (and from
# any directory a consumer appends, such as the unzipped btxdose package); programs run
# on the build machine come from the host.
list(APPEND CMAKE_FIND_ROOT_PATH /usr/${BTX_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Wine runs the Windows programs: try_run, and every test that runs a program built here
# (add_test with a target as its command). Debian's wine64 package puts the loader in
# /usr/lib/wine; the `wine` package adds /usr/bin/wine64. Without Wine the build still
# works and the tests that run Windows programs cannot.
if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
    find_program(BTX_WINE64 NAMES wine64 PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
    if(BTX_WINE64)
        set(CMAKE_CROSSCOMPILING_EMULATOR ${BTX_WINE64})
    endif()
endif()
