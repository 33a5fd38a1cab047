# SPDX-License-Identifier: Apache-2.0
# BTX_DEBIAN: build with Debian's compiler and linker flags (dpkg-buildflags, every
# hardening feature on), as a Debian package build would, and install without an RPATH:
# the packaged library is in the system's search path.
find_program(BTX_DPKG_BUILDFLAGS dpkg-buildflags)
if(NOT BTX_DPKG_BUILDFLAGS)
    message(FATAL_ERROR "BTX_DEBIAN needs dpkg-buildflags (Debian: dpkg-dev)")
endif()
foreach(what CPPFLAGS CFLAGS LDFLAGS)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env DEB_BUILD_MAINT_OPTIONS=hardening=+all
            ${BTX_DPKG_BUILDFLAGS} --get ${what}
        OUTPUT_VARIABLE btx_deb_${what} OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "dpkg-buildflags --get ${what} failed")
    endif()
endforeach()
# Debian's optimisation level (-O2) and -g are in CFLAGS; the build type's flags come
# after them on the command line and win. The packaged files are stripped (CPack).
string(APPEND CMAKE_C_FLAGS " ${btx_deb_CPPFLAGS} ${btx_deb_CFLAGS}")
string(APPEND CMAKE_SHARED_LINKER_FLAGS " ${btx_deb_LDFLAGS}")
string(APPEND CMAKE_EXE_LINKER_FLAGS " ${btx_deb_LDFLAGS}")
set(CMAKE_SKIP_INSTALL_RPATH ON)
