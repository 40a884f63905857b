# qtsc_layer_check(<target> RULES <file>): a target that fails the build when a source under
# the calling folder's src/ includes a layer it may not see (cmake/CheckLayers.cmake). Each
# layer's library depends on it, so a wrong include stops the build before it compiles.
function(qtsc_layer_check target)
  cmake_parse_arguments(CHECK "" "RULES" "" ${ARGN})
  set(root ${CMAKE_CURRENT_SOURCE_DIR}/src)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${root}/*.hpp ${root}/*.cpp)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.stamp)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DROOT=${root} -DRULES=${CHECK_RULES} -DSTAMP=${stamp}
            -P ${PROJECT_SOURCE_DIR}/cmake/CheckLayers.cmake
    DEPENDS ${sources} ${CHECK_RULES} ${PROJECT_SOURCE_DIR}/cmake/CheckLayers.cmake
    COMMENT "Checking that ${target} sources include only the layers below them")
  add_custom_target(${target} DEPENDS ${stamp})
endfunction()
