# Fails when a source includes a layer it may not see. Run as a script:
#   cmake -DROOT=<src folder> -DRULES=<rules file> -DSTAMP=<file> -P CheckLayers.cmake
#
# A layer is a folder under ROOT. The rules file (kiosk/layers.cmake, hub/layers.cmake) sets
#   layers             every layer, so that a file in an unknown folder is reported
#   allowed_<layer>    the layers its files may include ("layer/header.hpp")
#   forbidden_<layer>  include prefixes it may never use, whatever links it ("qtsc/sync/")
# Includes of other projects' headers ("qtsc/content/...", <imgui.h>) are the link libraries'
# business unless a forbidden_ list names them (it applies to <...> includes too); a header included without its folder
# ("auth.hpp", from its own folder) is not a layer and is not checked.
cmake_minimum_required(VERSION 3.16)
if(NOT ROOT OR NOT RULES OR NOT STAMP)
  message(FATAL_ERROR "layers: ROOT, RULES and STAMP must be set")
endif()
include(${RULES})
get_filename_component(name ${ROOT} DIRECTORY)
get_filename_component(name ${name} NAME)

file(GLOB_RECURSE sources RELATIVE ${ROOT} ${ROOT}/*.hpp ${ROOT}/*.cpp)
if(NOT sources)
  message(FATAL_ERROR "${name} layers: no sources under ${ROOT}")
endif()
set(problems "")
foreach(source IN LISTS sources)
  string(REGEX MATCH "^[^/]+" layer "${source}")
  if(NOT layer IN_LIST layers)
    string(APPEND problems "  ${source}: not in a known layer (${layers})\n")
    continue()
  endif()
  file(STRINGS ${ROOT}/${source} includes REGEX "^#include [\"<]")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^#include [\"<]([^\">]+)[\">].*" "\\1" header "${line}")
    string(REGEX MATCH "^[^/]+" target "${header}")
    string(REGEX MATCH "^#include <" angle "${line}")
    if(NOT angle AND target IN_LIST layers AND NOT target IN_LIST allowed_${layer})
      string(APPEND problems "  ${source}: the ${layer} layer may not include ${header}\n")
    endif()
    foreach(banned IN LISTS forbidden_${layer})
      string(FIND "${header}" "${banned}" at)
      if(at EQUAL 0)
        string(APPEND problems "  ${source}: the ${layer} layer may not include ${header}\n")
      endif()
    endforeach()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "${name} layers: includes against the layering:\n${problems}")
endif()
file(WRITE ${STAMP} "ok\n")
