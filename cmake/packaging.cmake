# SPDX-License-Identifier: Apache-2.0
# The Debian packages (CPack DEB, one package per install component; docs/packaging.md):
#
#   libbtxdose1       component runtime   the shared library (shlibs, symbols, ldconfig trigger)
#   libbtxdose-dev    component dev       headers, .so link, .a, btxdose.pc, CMake package, libbtxdose(3)
#   btxdose-tools     component tools     the btxdose tool and btxdose(1) (BTX_TOOL_COMPONENT)
#   python3-btxdose   component python    the Python package in /usr/lib/python3/dist-packages
#
# Made from a build configured with the `deb` preset (BTX_DEBIAN=ON, prefix /usr):
#   cmake --workflow --preset deb        (or: cpack --config build-deb/CPackConfig.cmake)
# The .deb files are written to BUILD/packages. tests/packages/run.sh checks them.

set(BTX_DEB_DIR ${PROJECT_SOURCE_DIR}/packaging/debian)
set(BTX_DEB_GEN ${PROJECT_BINARY_DIR}/packaging)
set(BTX_DEB_RUNTIME libbtxdose1)
set(BTX_DEB_DEV libbtxdose-dev)
set(BTX_DEB_TOOLS btxdose-tools)
set(BTX_DEB_PYTHON python3-btxdose)

# Who answers for the packages, and the project's home page. The project has no
# published address or site yet: a distributor sets both (docs/packaging.md). Debian's
# DEBFULLNAME/DEBEMAIL, when set, give the maintainer.
if(DEFINED ENV{DEBEMAIL} AND NOT "$ENV{DEBEMAIL}" STREQUAL "")
    if("$ENV{DEBEMAIL}" MATCHES "<")
        set(btx_default_maintainer "$ENV{DEBEMAIL}")
    elseif(DEFINED ENV{DEBFULLNAME} AND NOT "$ENV{DEBFULLNAME}" STREQUAL "")
        set(btx_default_maintainer "$ENV{DEBFULLNAME} <$ENV{DEBEMAIL}>")
    else()
        set(btx_default_maintainer "libbtxdose maintainers <$ENV{DEBEMAIL}>")
    endif()
else()
    set(btx_default_maintainer "libbtxdose maintainers")
endif()
set(BTX_PACKAGE_MAINTAINER "${btx_default_maintainer}" CACHE STRING
    "Maintainer of the Debian packages, \"Name <address>\" (docs/packaging.md)")
set(BTX_PACKAGE_HOMEPAGE "" CACHE STRING
    "Homepage field of the Debian packages (none when empty; docs/packaging.md)")

# ---- files only the Debian layout installs ----
if(BTX_DEBIAN)
    set(btx_docroot ${CMAKE_INSTALL_DATAROOTDIR}/doc)
    set(BTX_DEB_DATE "${BTX_SOURCE_DATE_RFC2822}")   # cmake/source-date.cmake
    configure_file(${BTX_DEB_DIR}/changelog.in ${BTX_DEB_GEN}/changelog @ONLY)
    find_program(BTX_GZIP gzip REQUIRED)
    add_custom_command(OUTPUT ${BTX_DEB_GEN}/changelog.gz
        COMMAND ${BTX_GZIP} -9nc ${BTX_DEB_GEN}/changelog > ${BTX_DEB_GEN}/changelog.gz
        DEPENDS ${BTX_DEB_GEN}/changelog
        COMMENT "Compressing the Debian changelog")
    add_custom_target(btx_deb_changelog ALL DEPENDS ${BTX_DEB_GEN}/changelog.gz)

    foreach(comp runtime dev ${BTX_TOOL_COMPONENT} python)
        if(comp STREQUAL "runtime")
            set(pkg ${BTX_DEB_RUNTIME})
        elseif(comp STREQUAL "dev")
            set(pkg ${BTX_DEB_DEV})
        elseif(comp STREQUAL "python")
            set(pkg ${BTX_DEB_PYTHON})
        else()
            set(pkg ${BTX_DEB_TOOLS})
        endif()
        install(FILES ${BTX_DEB_DIR}/copyright ${BTX_DEB_GEN}/changelog.gz
            DESTINATION ${btx_docroot}/${pkg} COMPONENT ${comp})
    endforeach()

    # The pure Python package, for /usr/bin/python3 (any Python 3.9 or later).
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/btxdose
        DESTINATION lib/python3/dist-packages COMPONENT python
        FILES_MATCHING PATTERN "*.py" PATTERN "py.typed"
        PATTERN "__pycache__" EXCLUDE)
endif()

# ---- the symbols file: abi/exports.txt, each symbol at its version node's release ----
# A symbol of node BTXDOSE_X.Y first shipped in X.Y.0; the nodes come from
# lib/libbtxdose.map (docs/abi.md). dpkg-shlibdeps turns it into the smallest
# "libbtxdose1 (>= X.Y.0)" a program needs. The CTest deb_symbols checks it against the
# library with dpkg-gensymbols.
set(btx_exports ${PROJECT_SOURCE_DIR}/abi/exports.txt)
set(btx_map ${PROJECT_SOURCE_DIR}/lib/libbtxdose.map)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${btx_exports} ${btx_map})
file(STRINGS ${btx_map} btx_map_lines REGEX "^BTXDOSE_[0-9]+\\.[0-9]+ *{")
set(btx_nodes "")
foreach(line IN LISTS btx_map_lines)
    string(REGEX MATCH "^BTXDOSE_[0-9]+\\.[0-9]+" node "${line}")
    list(APPEND btx_nodes ${node})
endforeach()
set(btx_symbol_lines "")
foreach(node IN LISTS btx_nodes)
    string(REGEX REPLACE "^BTXDOSE_" "" nodever "${node}")
    if(nodever VERSION_GREATER "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}")
        message(FATAL_ERROR "lib/libbtxdose.map: version node ${node} is newer than the project version ${PROJECT_VERSION}")
    endif()
    list(APPEND btx_symbol_lines " ${node}@${node} ${nodever}.0")
endforeach()
file(STRINGS ${btx_exports} btx_export_lines)
foreach(line IN LISTS btx_export_lines)
    if(line STREQUAL "" OR line MATCHES "^#")
        continue()
    endif()
    if(NOT line MATCHES "^(btx_[A-Za-z0-9_]+)@@(BTXDOSE_([0-9]+\\.[0-9]+))$")
        message(FATAL_ERROR "abi/exports.txt: cannot read '${line}' (want name@@BTXDOSE_X.Y)")
    endif()
    set(sym ${CMAKE_MATCH_1})
    set(node ${CMAKE_MATCH_2})
    set(nodever ${CMAKE_MATCH_3})
    if(NOT node IN_LIST btx_nodes)
        message(FATAL_ERROR "abi/exports.txt: ${sym} is in ${node}, which lib/libbtxdose.map does not define")
    endif()
    list(APPEND btx_symbol_lines " ${sym}@${node} ${nodever}.0")
endforeach()
list(SORT btx_symbol_lines)
list(JOIN btx_symbol_lines "\n" btx_symbol_lines)
file(CONFIGURE OUTPUT ${BTX_DEB_GEN}/symbols CONTENT
"libbtxdose.so.${PROJECT_VERSION_MAJOR} ${BTX_DEB_RUNTIME} #MINVER#
* Build-Depends-Package: ${BTX_DEB_DEV}
${btx_symbol_lines}
" @ONLY)
set(BTX_DEB_SYMBOLS ${BTX_DEB_GEN}/symbols)

# ---- CPack ----
set(CPACK_PACKAGE_NAME libbtxdose)
set(CPACK_PACKAGE_VENDOR "The libbtxdose authors")
set(CPACK_PACKAGE_CONTACT "${BTX_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev ${BTX_TOOL_COMPONENT} python)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${BTX_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SOURCE libbtxdose)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Each package's description below starts with its own synopsis line (CPack would put
# the project's DESCRIPTION in front of it otherwise).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
if(BTX_PACKAGE_HOMEPAGE)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${BTX_PACKAGE_HOMEPAGE}")
endif()

set(btx_what "libbtxdose checks botulinum-toxin doses against the US prescribing
information (label) of each product: the label's protocol for a product,
indication and patient; the units given in any rolling window and those
still allowed on a date; whether a session is too soon and when a dose is
first allowed; the same checks over a population; and the vials to open
and the billing lines for a dose. Every finding names its rule, its
numbers and its label source. It is clinical decision support: a
clinician reviews every finding.")

# libbtxdose1
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME ${BTX_DEB_RUNTIME})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_MULTIARCH same)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
# shlibs: "libbtxdose 1 libbtxdose1 (>= VERSION)" (only libbtxdose1 holds a shared object).
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
    ${BTX_DEB_SYMBOLS} ${BTX_DEB_DIR}/libbtxdose1/triggers)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "botulinum-toxin dose checks (shared library)
${btx_what}
.
This package holds the shared library, libbtxdose.so.1.")

# libbtxdose-dev
set(CPACK_DEBIAN_DEV_PACKAGE_NAME ${BTX_DEB_DEV})
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_MULTIARCH same)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${BTX_DEB_RUNTIME} (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_DEV_DESCRIPTION "botulinum-toxin dose checks (development files)
${btx_what}
.
This package holds the C headers, the static library, the pkg-config
file btxdose.pc, the CMake package btxdose and the manual page
libbtxdose(3).")

# btxdose-tools
string(TOUPPER "${BTX_TOOL_COMPONENT}" btx_tool_comp)
set(CPACK_DEBIAN_${btx_tool_comp}_PACKAGE_NAME ${BTX_DEB_TOOLS})
set(CPACK_DEBIAN_${btx_tool_comp}_PACKAGE_SECTION science)
set(CPACK_DEBIAN_${btx_tool_comp}_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps finds libbtxdose.so.1 in the build tree; cmake/deb-shlibdeps.cmake
# gives it libbtxdose1's symbols file there (the package is not installed yet).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/lib)
set(CPACK_DEBIAN_${btx_tool_comp}_DESCRIPTION "botulinum-toxin dose checks (command-line tool)
${btx_what}
.
This package holds the btxdose command: protocol lookup, dose checks,
the earliest allowed date, headroom and the population audit, reading
CSV or JSON files and writing text or JSON.")

# python3-btxdose
set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME ${BTX_DEB_PYTHON})
set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
set(CPACK_DEBIAN_PYTHON_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
    "python3:any (>= 3.9~), ${BTX_DEB_RUNTIME} (>= ${PROJECT_VERSION})")
# btxdose.fhir reads time zones from the system's database (zoneinfo).
set(CPACK_DEBIAN_PYTHON_PACKAGE_RECOMMENDS tzdata)
set(CPACK_DEBIAN_PYTHON_PACKAGE_CONTROL_EXTRA
    ${BTX_DEB_DIR}/python3-btxdose/postinst ${BTX_DEB_DIR}/python3-btxdose/prerm)
set(CPACK_DEBIAN_PYTHON_DESCRIPTION "botulinum-toxin dose checks (Python 3 package)
${btx_what}
.
This package holds the Python 3 package btxdose (ctypes over
libbtxdose.so.1, standard library only).")

# Before the packages are made: check the build is laid out for Debian, and give
# dpkg-shlibdeps libbtxdose1's symbols and shlibs for the tool's dependencies.
configure_file(${PROJECT_SOURCE_DIR}/cmake/deb-prebuild.cmake.in
    ${BTX_DEB_GEN}/deb-prebuild.cmake @ONLY)
set(CPACK_PRE_BUILD_SCRIPTS ${BTX_DEB_GEN}/deb-prebuild.cmake)

include(CPack)
