# Hub: unchanged timestamp polls (304) with wrk, against nginx serving the same folder.
# Figures and the exact command are in bench/HUB_FIGURES.md. Run: make bench_hub_polls
add_custom_target(bench_hub_polls
  COMMAND ${PROJECT_SOURCE_DIR}/hub/bench/poll_bench.sh $<TARGET_FILE:kiosk-hub>
  DEPENDS kiosk-hub
  USES_TERMINAL
  COMMENT "wrk: kiosk-hub and nginx answering unchanged timestamp polls")
