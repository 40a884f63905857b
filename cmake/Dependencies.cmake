# Every dependency is a Debian 12 package; scripts/setup.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
if(QTSC_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()
if(QTSC_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Sync: libcurl (kiosk downloads) and libsodium (Ed25519 signatures, SHA-256).
find_package(CURL REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
