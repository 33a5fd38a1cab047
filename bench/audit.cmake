# SPDX-License-Identifier: Apache-2.0
# bench_audit: btx_audit against SQLite and pandas (bench/audit.c, docs/performance.md).
# SQLite is optional: without its development files the SQLite comparison is left out.
add_executable(bench_audit audit.c)
target_compile_options(bench_audit PRIVATE ${BTX_WARNINGS})
target_link_libraries(bench_audit PRIVATE btxdose)
target_compile_definitions(bench_audit PRIVATE
    BTX_AUDIT_PANDAS_SCRIPT="${CMAKE_CURRENT_SOURCE_DIR}/audit_pandas.py"
    BTX_AUDIT_PYTHON_SCRIPT="${CMAKE_CURRENT_SOURCE_DIR}/audit_python.py"
    BTX_AUDIT_PYTHONPATH="${PROJECT_SOURCE_DIR}/python"
    BTX_AUDIT_LIBRARY="$<TARGET_SONAME_FILE:btxdose>")
find_package(SQLite3 QUIET)
if(NOT SQLite3_FOUND)
    find_package(PkgConfig QUIET)
    if(PkgConfig_FOUND)
        pkg_check_modules(BTX_SQLITE3 QUIET IMPORTED_TARGET sqlite3)
    endif()
endif()
if(SQLite3_FOUND)
    target_link_libraries(bench_audit PRIVATE SQLite::SQLite3)
    target_compile_definitions(bench_audit PRIVATE BTX_HAVE_SQLITE)
elseif(BTX_SQLITE3_FOUND)
    target_link_libraries(bench_audit PRIVATE PkgConfig::BTX_SQLITE3)
    target_compile_definitions(bench_audit PRIVATE BTX_HAVE_SQLITE)
else()
    message(STATUS "SQLite3 not found: bench_audit is built without the SQLite comparison")
endif()

# A smoke run, not a measurement: a few thousand patients, every engine, must agree.
if(BUILD_TESTING)
    set(BTX_BENCH_PANDAS --no-pandas)
    if(BTX_PYTHON_TESTS AND EXISTS /usr/bin/python3)
        execute_process(COMMAND /usr/bin/python3 -c "import pandas, numpy"
            RESULT_VARIABLE BTX_NO_PANDAS OUTPUT_QUIET ERROR_QUIET)
        if(BTX_NO_PANDAS)
            message(FATAL_ERROR "pandas/numpy not found for /usr/bin/python3 (Debian: "
                                "python3-pandas); configure with -DBTX_PYTHON_TESTS=OFF")
        endif()
        set(BTX_BENCH_PANDAS --python /usr/bin/python3)
    endif()
    add_test(NAME bench_audit_smoke
        COMMAND bench_audit --patients 3000 --repeat 1 ${BTX_BENCH_PANDAS})
    set_tests_properties(bench_audit_smoke PROPERTIES LABELS bench TIMEOUT 120
        ENVIRONMENT "${BTX_PY_SAN_ENV}")
endif()
