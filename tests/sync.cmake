# Sync tests: published form offline, then real servers on 127.0.0.1 (Debian's nginx for
# the published folder, cpp-httplib for faults and the hub's report endpoint).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
set(QTSC_SYNC_TEST_SUPPORT test_support.cpp test_sync_support.cpp)
qtsc_add_test(test_sync_published SOURCES test_sync_published.cpp ${QTSC_SYNC_TEST_SUPPORT}
              LIBS qtsc::sync qtsc::content)
qtsc_add_test(test_sync_client SOURCES test_sync_client.cpp ${QTSC_SYNC_TEST_SUPPORT}
              LIBS qtsc::sync qtsc::content)
qtsc_add_test(test_sync_faults SOURCES test_sync_faults.cpp ${QTSC_SYNC_TEST_SUPPORT}
              LIBS qtsc::sync qtsc::content PkgConfig::HTTPLIB Threads::Threads)
qtsc_add_test(test_sync_kill SOURCES test_sync_kill.cpp ${QTSC_SYNC_TEST_SUPPORT}
              LIBS qtsc::sync qtsc::content)
qtsc_add_test(test_sync_hostile SOURCES test_sync_hostile.cpp ${QTSC_SYNC_TEST_SUPPORT}
              LIBS qtsc::sync qtsc::content SQLiteCpp PkgConfig::HTTPLIB Threads::Threads)
foreach(t test_sync_published test_sync_client test_sync_faults test_sync_kill test_sync_hostile)
  add_dependencies(${t} park_content)
  target_include_directories(${t} PRIVATE ${PROJECT_SOURCE_DIR}/sync/src)
endforeach()
add_dependencies(test_sync_client kiosk-sync)
add_dependencies(test_sync_hostile kiosk-sync)
