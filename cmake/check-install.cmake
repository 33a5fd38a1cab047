# SPDX-License-Identifier: Apache-2.0
# cmake -DBIN=<Check's build tree> -DOUT=<install dir> -P check-install.cmake
# The install step of Check for Windows (cmake/check-source.cmake): the static library,
# check_stdint.h, and check.h with its printf-like functions declared gnu_printf (Check is
# compiled with mingw-w64's C99 printf; gcc's plain `printf` attribute would check the
# Microsoft runtime's formats).
file(MAKE_DIRECTORY "${OUT}/include" "${OUT}/lib")
file(COPY "${BIN}/src/libcheck.a" DESTINATION "${OUT}/lib")
file(COPY "${BIN}/check_stdint.h" DESTINATION "${OUT}/include")
file(READ "${BIN}/src/check.h" text)
string(REPLACE "CK_ATTRIBUTE_FORMAT(printf," "CK_ATTRIBUTE_FORMAT(gnu_printf," fixed "${text}")
if(fixed STREQUAL text)
    message(FATAL_ERROR "${BIN}/src/check.h: no CK_ATTRIBUTE_FORMAT(printf, ...) to adapt")
endif()
file(WRITE "${OUT}/include/check.h" "${fixed}")
