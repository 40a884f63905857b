# The kiosk's tests: headless (SDL_VIDEODRIVER=offscreen, set by the tests themselves).
if(TARGET kiosk_app)
  qtsc_add_test(test_kiosk_config SOURCES test_kiosk_config.cpp LIBS kiosk_app)
  qtsc_add_test(test_kiosk_ui SOURCES test_kiosk_ui.cpp LIBS kiosk_app)
  qtsc_add_test(test_kiosk_navigation SOURCES test_kiosk_navigation.cpp test_kiosk_support.cpp test_support.cpp LIBS kiosk_app)
  qtsc_add_test(test_kiosk_screens SOURCES test_kiosk_screens.cpp test_kiosk_support.cpp test_support.cpp LIBS kiosk_app)
  qtsc_add_test(test_kiosk_shots SOURCES test_kiosk_shots.cpp test_kiosk_support.cpp test_support.cpp LIBS kiosk_app)
  find_package(ZLIB REQUIRED)  # the image tests make PNG headers with a correct CRC
  qtsc_add_test(test_kiosk_images SOURCES test_kiosk_images.cpp test_kiosk_support.cpp test_support.cpp
                LIBS kiosk_app qtsc::log ZLIB::ZLIB)
  foreach(t test_kiosk_navigation test_kiosk_screens test_kiosk_shots test_kiosk_config test_kiosk_images)
    add_dependencies(${t} park_content kiosk)
  endforeach()
endif()
# The kiosk with the rest of the product: sync against nginx on 127.0.0.1, hours, usage, preview.
if(TARGET kiosk_app)
  qtsc_add_test(test_kiosk_sync SOURCES test_kiosk_sync.cpp test_kiosk_support.cpp test_support.cpp test_sync_support.cpp
                LIBS kiosk_app qtsc::log)
  add_dependencies(test_kiosk_sync park_content kiosk)
endif()
# Hub to screen: a real hub in the test, the kiosk program syncing from it and rendering what it shows.
if(TARGET kiosk_app AND TARGET qtsc::hub)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  qtsc_add_test(test_kiosk_hub SOURCES test_kiosk_hub.cpp test_hub_support.cpp test_support.cpp
                LIBS qtsc::hub qtsc::sync qtsc::content PkgConfig::HTTPLIB kiosk_app Threads::Threads)
  add_dependencies(test_kiosk_hub park_content kiosk)
endif()
