# bench_sync: bytes on the wire for a text edit and an unchanged poll, and the download rate
# of a large asset set against the curl command-line tool from the same nginx. It reuses the
# tests' nginx launcher and park fixture (plain code, no Catch2).
add_executable(bench_sync bench_sync.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/test_support.cpp ${PROJECT_SOURCE_DIR}/tests/support/test_sync_support.cpp)
target_include_directories(bench_sync PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
target_compile_definitions(bench_sync PRIVATE QTSC_PARK_DB="${QTSC_PARK_DB}" QTSC_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
target_link_libraries(bench_sync PRIVATE qtsc::sync qtsc::content qtsc_warnings CLI11::CLI11)
add_dependencies(bench_sync park_content)
