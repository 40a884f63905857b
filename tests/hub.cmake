# Hub tests: a real kiosk-hub on 127.0.0.1 with a free port, started in-process.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
qtsc_add_test(test_hub_api SOURCES test_hub_api.cpp test_hub_support.cpp test_support.cpp
              LIBS qtsc::hub qtsc::sync qtsc::content PkgConfig::HTTPLIB Threads::Threads)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)  # gzip request bodies the hub must refuse
qtsc_add_test(test_hub_http_hardening SOURCES test_hub_http_hardening.cpp test_hub_support.cpp test_support.cpp
              LIBS qtsc::hub qtsc::sync qtsc::content qtsc::log PkgConfig::HTTPLIB PkgConfig::ZLIB Threads::Threads)
target_include_directories(test_hub_http_hardening PRIVATE ${PROJECT_SOURCE_DIR}/hub/src)  # http_safety.hpp
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
qtsc_add_test(test_hub_security SOURCES test_hub_security.cpp test_hub_support.cpp test_support.cpp
              LIBS qtsc::hub qtsc::sync qtsc::content PkgConfig::HTTPLIB PkgConfig::STB Threads::Threads)
add_dependencies(test_hub_security park_content)
qtsc_add_test(test_hub_csv SOURCES test_hub_csv.cpp LIBS qtsc::hub qtsc::content)
qtsc_add_test(test_hub_records SOURCES test_hub_records.cpp LIBS qtsc::hub qtsc::content)
add_dependencies(test_hub_api park_content)
if(TARGET kiosk)
  add_dependencies(test_hub_api kiosk)  # previews are drawn by the kiosk program
endif()
