# SPDX-License-Identifier: Apache-2.0
# The Windows zip (CPack ZIP; docs/windows.md "The zip"), made from a mingw build:
#   cmake --workflow --preset mingw        (or: cpack --config build-mingw/CPackConfig.cmake)
# writes BUILD/packages/btxdose-VERSION-win64.zip:
#
#   btxdose-VERSION-win64/
#     bin/       libbtxdose-1.dll, btxdose.exe
#     lib/       libbtxdose.dll.a (import library), libbtxdose.a (static, BTX_STATIC),
#                btxdose.def (for `lib /def:`), pkgconfig/btxdose.pc, cmake/btxdose/
#     include/   btxdose/*.h (with the generated version.h)
#     docs/      the users' documentation (docs/*.md), next to README.md as in the sources
#     LICENSE, NOTICE, README.md, CHANGELOG.md
#
# This file is the only CPack configuration of a Windows build; the Debian packages
# (cmake/packaging.cmake) are made from Linux builds only. The test zip_consumer (tests/
# windows) unpacks the zip and builds and runs programs against it.

# ---- btxdose.def (cmake/windows-def.cmake) next to the import library ----
install(FILES ${BTX_DEF_FILE} DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)

# ---- licence, notice and the users' documentation ----
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/NOTICE
              ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md
    DESTINATION . COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION docs COMPONENT dev
    FILES_MATCHING PATTERN "*.md")

# ---- CPack ----
set(CPACK_GENERATOR ZIP)
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_PACKAGE_NAME btxdose)
set(CPACK_PACKAGE_VENDOR "The libbtxdose authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_FILE_NAME btxdose-${PROJECT_VERSION}-win64)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
include(CPack)
