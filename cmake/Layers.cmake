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

# qtsc_layer_library(<target> CHECK <check target> SOURCES ... LINKS ... PRIVATE_LINKS ...
#                    PUBLIC_INCLUDES ... PRIVATE_INCLUDES ...): one layer's static library, built
# with the project's warnings and logging, after its layer check.
function(qtsc_layer_library target)
  cmake_parse_arguments(LAYER "" "CHECK" "SOURCES;LINKS;PRIVATE_LINKS;PUBLIC_INCLUDES;PRIVATE_INCLUDES" ${ARGN})
  add_library(${target} STATIC ${LAYER_SOURCES})
  target_include_directories(${target} PUBLIC ${LAYER_PUBLIC_INCLUDES} PRIVATE ${LAYER_PRIVATE_INCLUDES})
  target_link_libraries(${target} PUBLIC ${LAYER_LINKS} PRIVATE qtsc_warnings qtsc::log ${LAYER_PRIVATE_LINKS})
  add_dependencies(${target} ${LAYER_CHECK})
endfunction()
