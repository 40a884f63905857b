# The layer check (cmake/CheckLayers.cmake) on small trees: it passes a tree that keeps to its
# rules, and fails one that does not, naming each file and include against the rules.
# Run as: cmake -DCHECKER=<CheckLayers.cmake> -DSOURCE=<project> -DWORK=<scratch folder> -P test_layer_check.cmake
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE ${WORK})
file(WRITE ${WORK}/rules.cmake [=[
set(layers low high)
set(allowed_low low)
set(allowed_high high low)
set(forbidden_low "net.h" "qtsc/sync/")
]=])
file(WRITE ${WORK}/part/src/low/a.hpp "#pragma once\n#include <string>\n")
file(WRITE ${WORK}/part/src/low/a.cpp "#include \"a.hpp\"\n#include \"low/a.hpp\"\n#include \"qtsc/content/store.hpp\"\n")
file(WRITE ${WORK}/part/src/high/b.cpp "#include \"low/a.hpp\"\n#include \"high/b.hpp\"  // 1 < 2\n#include <net.h>\n")

function(check expect_ok)
  execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${WORK}/part/src -DRULES=${WORK}/rules.cmake
                          -DSTAMP=${WORK}/stamp -P ${CHECKER}
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(output "${out}${err}" PARENT_SCOPE)
  if(expect_ok AND NOT result EQUAL 0)
    message(FATAL_ERROR "a tree that keeps to its rules failed:\n${out}${err}")
  elseif(NOT expect_ok AND result EQUAL 0)
    message(FATAL_ERROR "a tree against its rules passed")
  endif()
endfunction()
function(expect_line text)
  string(FIND "${output}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the check did not say \"${text}\":\n${output}")
  endif()
endfunction()

check(TRUE)  # own folder without its name, a lower layer, other projects' headers, "<" in a comment
if(NOT EXISTS ${WORK}/stamp)
  message(FATAL_ERROR "a passing check wrote no stamp")
endif()

file(REMOVE ${WORK}/stamp)
file(APPEND ${WORK}/part/src/low/a.cpp "#include \"high/b.hpp\"\n#include <net.h>\n#include \"qtsc/sync/client.hpp\"\n")
file(WRITE ${WORK}/part/src/stray/c.cpp "int c;\n")
check(FALSE)
expect_line("low/a.cpp: the low layer may not include high/b.hpp")
expect_line("low/a.cpp: the low layer may not include net.h")
expect_line("low/a.cpp: the low layer may not include qtsc/sync/client.hpp")
expect_line("stray/c.cpp: not in a known layer")
if(EXISTS ${WORK}/stamp)
  message(FATAL_ERROR "a failing check wrote its stamp")
endif()
foreach(allowed "high/b.cpp" "qtsc/content/store.hpp")
  string(FIND "${output}" "${allowed}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "the check named ${allowed}, which keeps to the rules:\n${output}")
  endif()
endforeach()

# The product's own trees keep to theirs.
foreach(part kiosk hub)
  execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${SOURCE}/${part}/src -DRULES=${SOURCE}/${part}/layers.cmake
                          -DSTAMP=${WORK}/${part}.stamp -P ${CHECKER}
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${part}/src is against its layers:\n${out}${err}")
  endif()
endforeach()
