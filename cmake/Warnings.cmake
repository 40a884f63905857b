# Strict warnings for the project's own code only: targets link qtsc_warnings.
# Third-party headers come in as SYSTEM includes (imported targets are SYSTEM by default),
# so their warnings never drown ours. -Wnull-dereference is left out: with GCC 12 it fires
# on inlined standard-library code that CLI11 and nlohmann-json instantiate in our files.
add_library(qtsc_warnings INTERFACE)
target_compile_options(qtsc_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  -Wmisleading-indentation)
# GCC's own; clang (the sanitizer and fuzzer builds) does not know them.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(qtsc_warnings INTERFACE
    -Wduplicated-cond -Wduplicated-branches -Wlogical-op -Wuseless-cast)
endif()
if(QTSC_WARNINGS_AS_ERRORS)
  target_compile_options(qtsc_warnings INTERFACE -Werror)
endif()
