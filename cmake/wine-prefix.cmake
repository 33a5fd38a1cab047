# SPDX-License-Identifier: Apache-2.0
# cmake -DRUN=... -DSERVER=... -DPREFIX=... -DSTAMP=... -P wine-prefix.cmake
# Makes the build tree's Wine prefix (cmake/wine.cmake): `wineboot --init`, then waits
# for the wineserver to finish writing the registry. Writes the seconds it took to STAMP.
string(TIMESTAMP t0 "%s" UTC)
if(NOT EXISTS "${PREFIX}/system.reg")
    execute_process(COMMAND "${RUN}" wineboot --init RESULT_VARIABLE rc
        OUTPUT_VARIABLE out ERROR_VARIABLE out)
    execute_process(COMMAND "${SERVER}" -w)
    if(NOT rc EQUAL 0 OR NOT EXISTS "${PREFIX}/system.reg")
        message(FATAL_ERROR "wineboot --init failed (${rc}) for ${PREFIX}:\n${out}")
    endif()
endif()
string(TIMESTAMP t1 "%s" UTC)
math(EXPR seconds "${t1} - ${t0}")
file(WRITE "${STAMP}" "wineboot --init: ${seconds} s\n")
message(STATUS "Wine prefix ready in ${seconds} s: ${PREFIX}")
