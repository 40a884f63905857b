# The kiosk's benchmarks: UI build time per frame of each screen at 10,000 tenants, and
# start to first frame. Headless (the program sets SDL_VIDEODRIVER=offscreen).
if(TARGET kiosk_app)
  add_executable(bench_kiosk bench_kiosk.cpp)
  target_link_libraries(bench_kiosk PRIVATE kiosk_app qtsc_warnings benchmark::benchmark)
  target_compile_definitions(bench_kiosk PRIVATE QTSC_PARK_DB="${QTSC_PARK_DB}")
  add_dependencies(bench_kiosk park_content)
endif()
# Pictures: resident memory with 200 full-screen pictures, and the draw time of a gallery.
if(TARGET kiosk_app)
  add_executable(bench_pictures bench_pictures.cpp)
  target_link_libraries(bench_pictures PRIVATE kiosk_app qtsc_warnings benchmark::benchmark)
  target_compile_definitions(bench_pictures PRIVATE QTSC_PARK_DB="${QTSC_PARK_DB}" QTSC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_dependencies(bench_pictures park_content)
endif()
