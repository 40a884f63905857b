# Every dependency is a Debian 12 package; scripts/setup.sh installs them. Every look-up is
# here, and each part's only when that part is built, so that content alone builds on a
# machine without the kiosk's, sync's or the hub's packages. A part asked for whose package
# is missing stops the configure step naming the package: a part never quietly drops out.
find_package(PkgConfig REQUIRED)

# qtsc_require_pkg(PREFIX PART HINT MODULE DEBIAN_PACKAGE [MODULE DEBIAN_PACKAGE ...]):
# pkg-config modules as one imported target PkgConfig::PREFIX, or a FATAL_ERROR that names
# the Debian package of each missing module. HINT says how to build without PART.
macro(qtsc_require_pkg prefix part hint)
  set(_qtsc_modules)
  set(_qtsc_missing)
  set(_qtsc_pairs ${ARGN})
  while(_qtsc_pairs)
    list(POP_FRONT _qtsc_pairs _qtsc_module _qtsc_package)
    list(APPEND _qtsc_modules ${_qtsc_module})
    pkg_check_modules(_QTSC_PC_${_qtsc_module} QUIET ${_qtsc_module})
    if(NOT _QTSC_PC_${_qtsc_module}_FOUND)
      list(APPEND _qtsc_missing "${_qtsc_package} (pkg-config module ${_qtsc_module})")
    endif()
  endwhile()
  if(_qtsc_missing)
    list(JOIN _qtsc_missing ", " _qtsc_missing)
    message(FATAL_ERROR "${part} needs packages that are not installed: ${_qtsc_missing}. "
                        "Install them (apt-get install, or scripts/setup.sh for every package)${hint}.")
  endif()
  pkg_check_modules(${prefix} REQUIRED QUIET IMPORTED_TARGET ${_qtsc_modules})
endmacro()

# ---- Every part: content, its tool and its tests ------------------------------------------
find_package(Threads REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)
# Names are sorted by ICU's collator for their language (content/src/collation.cpp).
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(CLI11 REQUIRED)
# Walking routes are shortest paths on the park's path network (content/src/wayfinding.cpp).
find_package(Boost 1.74 REQUIRED COMPONENTS graph)
if(QTSC_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()
if(QTSC_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# ---- Programs (common/: logging to the journal or standard error) -------------------------
if(QTSC_BUILD_SYNC OR QTSC_BUILD_HUB OR QTSC_BUILD_KIOSK)
  find_package(spdlog REQUIRED)
  # READY=1, the watchdog and journal priorities are systemd's protocols; its library speaks them.
  qtsc_require_pkg(SYSTEMD "The kiosk, the hub and kiosk-sync" "" libsystemd libsystemd-dev)
endif()

# ---- Sync: libcurl (kiosk downloads), libsodium (Ed25519 signatures), libcrypto (SHA-256) --
if(QTSC_BUILD_SYNC)
  find_package(CURL REQUIRED)
  find_package(OpenSSL REQUIRED COMPONENTS Crypto)
  qtsc_require_pkg(SODIUM "Sync" "; -DQTSC_BUILD_SYNC=OFF leaves sync, the kiosk and the hub out"
                   libsodium libsodium-dev)
endif()

# ---- Kiosk: SDL2, Dear ImGui (with stb), QR codes -----------------------------------------
if(QTSC_BUILD_KIOSK)
  qtsc_require_pkg(KIOSK_DEPS "The kiosk" "; -DQTSC_BUILD_KIOSK=OFF leaves the kiosk and its tests out"
                   imgui libimgui-dev stb libstb-dev sdl2 libsdl2-dev SDL2_image libsdl2-image-dev
                   libqrencode libqrencode-dev)
endif()

# ---- Hub: cpp-httplib (HTTP), libvips (uploads made into the sizes kiosks show) -----------
# libvips is built for this: it reads a header without decoding pixels (the pixel limit is
# checked first), streams the rest in small regions (a 40-megapixel upload never sits in memory
# whole), shrinks JPEGs while decoding them, applies the EXIF orientation and strips metadata.
# stb writes and reads the pictures of the hub's tests.
if(QTSC_BUILD_HUB)
  qtsc_require_pkg(HTTPLIB "The hub" "; -DQTSC_BUILD_HUB=OFF leaves the hub out" cpp-httplib libcpp-httplib-dev)
  qtsc_require_pkg(VIPS "The hub" "; -DQTSC_BUILD_HUB=OFF leaves the hub out" vips-cpp libvips-dev)
  qtsc_require_pkg(STB "The hub's tests" "; -DQTSC_BUILD_HUB=OFF leaves the hub out" stb libstb-dev)
endif()

# ---- Tests of the parts ------------------------------------------------------------------
if(QTSC_BUILD_TESTS)
  if(QTSC_BUILD_SYNC)
    # The sync fault tests serve ranges and faults with cpp-httplib.
    qtsc_require_pkg(HTTPLIB "The sync tests" "; -DQTSC_BUILD_TESTS=OFF leaves the tests out"
                     cpp-httplib libcpp-httplib-dev)
  endif()
  if(QTSC_BUILD_HUB OR QTSC_BUILD_KIOSK)
    # gzip request bodies the hub must refuse; PNG headers with a correct CRC for the kiosk.
    find_package(ZLIB REQUIRED)
  endif()
endif()
