# Every wrapped text the kiosk draws on a draw list is broken by Ui::drawWrapped (never inside
# a number, nor between a number and its unit); ImGui's own wrapping breaks "20." / "000 USD".
# Fails naming each file and line that calls AddText with a wrap width anywhere else.
# Run as: cmake -DSOURCE=<project> -P test_wrapped_text.cmake
file(GLOB_RECURSE sources "${SOURCE}/kiosk/src/*.cpp" "${SOURCE}/kiosk/src/*.hpp")
set(found "")
foreach(path IN LISTS sources)
  if(path MATCHES "/kiosk/src/ui/ui\\.cpp$")
    continue()  # drawWrapped itself
  endif()
  file(STRINGS "${path}" lines)
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    # AddText(font, size, pos, colour, text, text_end, wrap_width): a wrap width follows the text end.
    if(line MATCHES "AddText\\(.*,[ ]*(nullptr|NULL|0)[ ]*,[^,)]+\\)")
      file(RELATIVE_PATH shown "${SOURCE}" "${path}")
      string(APPEND found "\n  ${shown}:${number}: ${line}")
    endif()
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "draw-list text wrapped by ImGui instead of Ui::drawWrapped:${found}")
endif()
list(LENGTH sources count)
if(count LESS 10)
  message(FATAL_ERROR "found only ${count} kiosk sources under ${SOURCE}/kiosk/src")
endif()
message(STATUS "${count} kiosk sources draw wrapped text through Ui::drawWrapped")
