# SPDX-License-Identifier: Apache-2.0
# Running this build's Windows programs under Wine (a mingw build, the `mingw` preset;
# docs/windows.md, "Tests under Wine"). Included by the top-level CMakeLists.txt when
# cross-compiling for Windows with an emulator (the toolchain file sets
# CMAKE_CROSSCOMPILING_EMULATOR to Debian's wine64).
#
# Makes, in BUILD/wine/:
#   run      the emulator every test uses: Wine with this tree's prefix and environment
#            (cmake/wine-run.sh.in); CMAKE_CROSSCOMPILING_EMULATOR is set to it, so
#            add_test(COMMAND <target>) runs the program through it
#   server   wineserver with the same environment (the tests' fixture keeps one running)
#   prefix/  the Wine prefix, made once by the target wine_prefix (part of `all`):
#            `wineboot --init` takes tens of seconds; the time is written to
#            prefix.stamp and printed. A rebuild reuses the prefix.
list(GET CMAKE_CROSSCOMPILING_EMULATOR 0 BTX_WINE_EXE)
get_filename_component(btx_wine_dir "${BTX_WINE_EXE}" DIRECTORY)
find_program(BTX_WINESERVER NAMES wineserver64 wineserver
    HINTS ${btx_wine_dir} /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
if(NOT BTX_WINESERVER)
    message(FATAL_ERROR "Wine: no wineserver next to ${BTX_WINE_EXE} (Debian: wine64)")
endif()

set(BTX_WINE_DIR ${PROJECT_BINARY_DIR}/wine)
set(BTX_WINE_PREFIX ${BTX_WINE_DIR}/prefix)
# A directory of the build machine as Windows sees it: drive Z: is the root.
function(btx_wine_path out path)
    string(REPLACE "/" "\\" p "${path}")
    set(${out} "Z:${p}" PARENT_SCOPE)
endfunction()
btx_wine_path(BTX_WINE_PATH "${PROJECT_BINARY_DIR}/lib")

set(BTX_WINE_WHAT "Wine")
configure_file(${PROJECT_SOURCE_DIR}/cmake/wine-run.sh.in ${BTX_WINE_DIR}/run @ONLY
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                     WORLD_READ WORLD_EXECUTE)
set(btx_wine_exe_saved "${BTX_WINE_EXE}")
set(BTX_WINE_EXE "${BTX_WINESERVER}")
set(BTX_WINE_WHAT "wineserver")
configure_file(${PROJECT_SOURCE_DIR}/cmake/wine-run.sh.in ${BTX_WINE_DIR}/server @ONLY
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                     WORLD_READ WORLD_EXECUTE)
set(BTX_WINE_EXE "${btx_wine_exe_saved}")

# Every target made from here on runs through the wrapper.
set(CMAKE_CROSSCOMPILING_EMULATOR ${BTX_WINE_DIR}/run)
set(BTX_WINE_RUN ${BTX_WINE_DIR}/run)
set(BTX_WINE_SERVER ${BTX_WINE_DIR}/server)

add_custom_command(OUTPUT ${BTX_WINE_DIR}/prefix.stamp
    COMMAND ${CMAKE_COMMAND} -DRUN=${BTX_WINE_RUN} -DSERVER=${BTX_WINE_SERVER}
            -DPREFIX=${BTX_WINE_PREFIX} -DSTAMP=${BTX_WINE_DIR}/prefix.stamp
            -P ${PROJECT_SOURCE_DIR}/cmake/wine-prefix.cmake
    DEPENDS ${PROJECT_SOURCE_DIR}/cmake/wine-prefix.cmake
    COMMENT "Wine: making the prefix ${BTX_WINE_PREFIX} (once per build tree)"
    VERBATIM)
# Part of `all` when the tests are built (they need it); else made on demand.
if(BUILD_TESTING)
    add_custom_target(wine_prefix ALL DEPENDS ${BTX_WINE_DIR}/prefix.stamp)
else()
    add_custom_target(wine_prefix DEPENDS ${BTX_WINE_DIR}/prefix.stamp)
endif()

# btx_wine_tests(): called at the end of each CMakeLists.txt that adds tests. Every test
# of that directory gets the Wine wrapper in BTX_EMULATOR (the Python-driven tests run
# the tool through it), CK_FORK=no (Check on Windows has no fork) and the fixture
# btx_wine: one wineserver kept running for the whole test run (tests/CMakeLists.txt),
# so that no test pays for starting one.
function(btx_wine_tests)
    get_property(tests DIRECTORY PROPERTY TESTS)
    foreach(t IN LISTS tests)
        if(t MATCHES "^wine_server_")
            continue()
        endif()
        set_property(TEST ${t} APPEND PROPERTY ENVIRONMENT
            "BTX_EMULATOR=${BTX_WINE_RUN}" "CK_FORK=no")
        set_property(TEST ${t} APPEND PROPERTY FIXTURES_REQUIRED btx_wine)
    endforeach()
endfunction()
