# SPDX-License-Identifier: Apache-2.0
# Every Check suite (check_*) again under valgrind's memcheck, labelled `valgrind`
# (issue 7): no invalid access, no uninitialised read, no leak. Check runs in-process
# (CK_FORK=no) so valgrind sees the tests themselves; the property tests run a small
# number of cases (BTX_PROPERTY_ITERATIONS). Excluded from the default test presets:
#   ctest --test-dir build -L valgrind
# check_noalloc replaces malloc itself, so it is left to its own run.
find_program(BTX_VALGRIND valgrind)
if(BTX_VALGRIND AND NOT BTX_SANITIZE AND NOT BTX_COVERAGE)
    get_property(btx_check_tests DIRECTORY PROPERTY TESTS)
    foreach(t IN LISTS btx_check_tests)
        if(t MATCHES "^check_" AND TARGET ${t} AND NOT t STREQUAL "check_noalloc")
            add_test(NAME valgrind_${t}
                COMMAND ${BTX_VALGRIND} --error-exitcode=1 --leak-check=full
                        --errors-for-leak-kinds=definite,indirect --track-origins=yes
                        --quiet $<TARGET_FILE:${t}>)
            set_tests_properties(valgrind_${t} PROPERTIES LABELS valgrind TIMEOUT 900
                ENVIRONMENT "CK_FORK=no;CK_DEFAULT_TIMEOUT=0;BTX_PROPERTY_ITERATIONS=40")
        endif()
    endforeach()
endif()
