# SPDX-License-Identifier: Apache-2.0
# The date stamped into generated files (the man pages, the Debian changelog), the same
# for every build of one checkout: SOURCE_DATE_EPOCH when set (string(TIMESTAMP) honours
# it), else the time of the checkout's last commit, else now.
if(NOT DEFINED ENV{SOURCE_DATE_EPOCH})
    execute_process(COMMAND git -C ${PROJECT_SOURCE_DIR} log -1 --format=%ct
        OUTPUT_VARIABLE btx_epoch OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE btx_rc ERROR_QUIET)
    if(btx_rc EQUAL 0 AND btx_epoch MATCHES "^[0-9]+$")
        set(ENV{SOURCE_DATE_EPOCH} ${btx_epoch})
    endif()
endif()
string(TIMESTAMP BTX_SOURCE_DATE "%Y-%m-%d" UTC)
string(TIMESTAMP BTX_SOURCE_DATE_RFC2822 "%a, %d %b %Y %H:%M:%S +0000" UTC)
