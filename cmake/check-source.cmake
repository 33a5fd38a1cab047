# SPDX-License-Identifier: Apache-2.0
# Check, the unit-test framework of tests/, compiled for Windows from Debian's own
# source package (docs/windows.md, "Check on Windows"). Debian packages Check for Linux
# only; a mingw build compiles it with the same toolchain as the project.
#
# The source: BTX_CHECK_SOURCE_DIR, an unpacked Check source tree, when given; else
# `apt-get source check` at configure time into BUILD/_deps/check-debian (once per build
# tree: Debian's orig tarball with Debian's patches applied, checked by apt against the
# archive's signed index). That needs deb-src entries for the machine's Debian mirror
# (.ci/run adds them) and dpkg-source (dpkg-dev).
#
# The build: ExternalProject runs Check's own CMake build with our toolchain file and
# builds its static library only; tests link the target btx_check (libcheck.a and
# winpthreads, whose mutexes Check uses). Check is compiled with mingw-w64's C99 printf
# (__USE_MINGW_ANSI_STDIO), which the tests' messages need (%zu), and the installed
# check.h declares its printf-like functions gnu_printf accordingly
# (cmake/check-install.cmake): for gcc on Windows a plain `printf` format attribute means
# the Microsoft runtime's printf, which knows no %zu.
include(ExternalProject)

set(BTX_CHECK_SOURCE_DIR "" CACHE PATH
    "Unpacked Check source tree for the Windows build (empty: apt-get source check)")
set(btx_check_deps ${PROJECT_BINARY_DIR}/_deps)
if(BTX_CHECK_SOURCE_DIR)
    set(btx_check_src "${BTX_CHECK_SOURCE_DIR}")
else()
    set(btx_check_dl ${btx_check_deps}/check-debian)
    file(GLOB btx_check_src LIST_DIRECTORIES true "${btx_check_dl}/check-*")
    list(FILTER btx_check_src EXCLUDE REGEX "\\.(tar\\..*|dsc|gz|xz)$")
    if(NOT btx_check_src)
        find_program(BTX_APT_GET apt-get)
        find_program(BTX_DPKG_SOURCE dpkg-source)
        if(NOT BTX_APT_GET OR NOT BTX_DPKG_SOURCE)
            message(FATAL_ERROR "Check for Windows is built from Debian's source package, "
                "which needs apt-get and dpkg-source (Debian: dpkg-dev); or set "
                "BTX_CHECK_SOURCE_DIR to an unpacked Check source tree (docs/windows.md)")
        endif()
        message(STATUS "Check for Windows: apt-get source check")
        file(REMOVE_RECURSE "${btx_check_dl}")
        file(MAKE_DIRECTORY "${btx_check_dl}")
        execute_process(COMMAND ${BTX_APT_GET} source -qq check
            WORKING_DIRECTORY "${btx_check_dl}"
            RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
        file(GLOB btx_check_src LIST_DIRECTORIES true "${btx_check_dl}/check-*")
        list(FILTER btx_check_src EXCLUDE REGEX "\\.(tar\\..*|dsc|gz|xz)$")
        if(NOT rc EQUAL 0 OR NOT btx_check_src)
            message(FATAL_ERROR "apt-get source check failed (${rc}):\n${out}\n"
                "It needs deb-src entries for the Debian mirror in /etc/apt/sources.list.d "
                "and `apt-get update` (.ci/run shows how), or set BTX_CHECK_SOURCE_DIR to an "
                "unpacked Check source tree (docs/windows.md, \"Check on Windows\").")
        endif()
    endif()
endif()
if(NOT EXISTS "${btx_check_src}/CMakeLists.txt" OR NOT EXISTS "${btx_check_src}/src/check.h.in")
    message(FATAL_ERROR "${btx_check_src} is not a Check source tree")
endif()
message(STATUS "Check for Windows from ${btx_check_src}")

set(btx_check_bin ${btx_check_deps}/check-build)
set(btx_check_out ${btx_check_deps}/check)
ExternalProject_Add(btx_check_build
    SOURCE_DIR "${btx_check_src}"
    BINARY_DIR "${btx_check_bin}"
    INSTALL_DIR "${btx_check_out}"
    CMAKE_ARGS
        -DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}
        -DCMAKE_BUILD_TYPE=Release
        -DCHECK_ENABLE_TESTS=OFF
        -DBUILD_TESTING=OFF
        -DCMAKE_C_FLAGS=-D__USE_MINGW_ANSI_STDIO=1
    BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target check
    # Only what the tests need: the static library and its two headers.
    INSTALL_COMMAND ${CMAKE_COMMAND} -DBIN=<BINARY_DIR> -DOUT=<INSTALL_DIR>
        -P ${PROJECT_SOURCE_DIR}/cmake/check-install.cmake
    BUILD_BYPRODUCTS ${btx_check_out}/lib/libcheck.a
    LOG_CONFIGURE ON LOG_BUILD ON LOG_OUTPUT_ON_FAILURE ON)

file(MAKE_DIRECTORY ${btx_check_out}/include)
add_library(btx_check_lib STATIC IMPORTED GLOBAL)
set_target_properties(btx_check_lib PROPERTIES
    IMPORTED_LOCATION ${btx_check_out}/lib/libcheck.a
    INTERFACE_INCLUDE_DIRECTORIES ${btx_check_out}/include)
add_dependencies(btx_check_lib btx_check_build)
add_library(btx_check INTERFACE)
target_link_libraries(btx_check INTERFACE btx_check_lib pthread)
