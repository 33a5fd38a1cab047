# SPDX-License-Identifier: Apache-2.0
# Included by the top-level CMakeLists.txt for a Windows build (docs/windows.md).
# btx_version_resource(TARGET DESCRIPTION FILENAME INTERNAL_NAME FILE_TYPE): gives the DLL
# or program TARGET a version resource made from cmake/btxdose.rc.in: file and product
# version from project(VERSION), and the names given (FILE_TYPE VFT_DLL or VFT_APP).
function(btx_version_resource target description filename internal_name file_type)
    set(BTX_RC_FILE_DESCRIPTION "${description}")
    set(BTX_RC_ORIGINAL_FILENAME "${filename}")
    set(BTX_RC_INTERNAL_NAME "${internal_name}")
    set(BTX_RC_FILE_TYPE "${file_type}")
    configure_file(${PROJECT_SOURCE_DIR}/cmake/btxdose.rc.in
        ${CMAKE_CURRENT_BINARY_DIR}/${internal_name}.rc @ONLY)
    target_sources(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/${internal_name}.rc)
endfunction()
