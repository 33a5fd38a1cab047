# SPDX-License-Identifier: Apache-2.0
# Included by the top-level CMakeLists.txt for a Windows build (docs/windows.md):
# BUILD/lib/btxdose.def, the DLL's exports for MSVC's `lib /def:`, generated from
# abi/exports.txt at configure time (installed to lib/ by cmake/packaging-windows.cmake;
# checked by the test dll_exports).
set(btx_exports ${PROJECT_SOURCE_DIR}/abi/exports.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${btx_exports})
file(STRINGS ${btx_exports} btx_export_lines)
set(btx_def "; Exports of libbtxdose-${PROJECT_VERSION_MAJOR}.dll ${PROJECT_VERSION}, generated from abi/exports.txt.\n")
string(APPEND btx_def "; Make an MSVC import library from it (docs/windows.md):\n")
string(APPEND btx_def ";   lib /def:btxdose.def /machine:x64 /out:btxdose.lib\n")
string(APPEND btx_def "LIBRARY \"libbtxdose-${PROJECT_VERSION_MAJOR}.dll\"\nEXPORTS\n")
foreach(line IN LISTS btx_export_lines)
    string(REGEX REPLACE "@.*$" "" name "${line}")
    if(NOT name MATCHES "^btx_[a-z0-9_]+$")
        message(FATAL_ERROR "abi/exports.txt: unexpected line '${line}'")
    endif()
    string(APPEND btx_def "    ${name}\n")
endforeach()
set(BTX_DEF_FILE ${PROJECT_BINARY_DIR}/lib/btxdose.def)
file(CONFIGURE OUTPUT ${BTX_DEF_FILE} CONTENT "${btx_def}" @ONLY)
