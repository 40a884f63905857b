# The kiosk's benchmarks: UI build time per frame of each screen at 10,000 tenants, and
# start to first frame. Headless (the program sets SDL_VIDEODRIVER=offscreen).
if(TARGET kiosk_app)
  add_executable(bench_kiosk bench_kiosk.cpp)
  target_link_libraries(bench_kiosk PRIVATE kiosk_app qtsc_warnings benchmark::benchmark)
  target_compile_definitions(bench_kiosk PRIVATE QTSC_PARK_DB="${QTSC_PARK_DB}")
  add_dependencies(bench_kiosk park_content)
endif()
