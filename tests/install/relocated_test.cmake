# Installs Sova from BUILD_DIR into a scratch prefix, moves the prefix elsewhere (so that no path
# compiled into the program can lead to it, nor to the build tree's data), and runs the
# installed `sova` with an empty environment: it must recognise places from its own
# share/sova/places.idx, and warn, naming where it looked, once that file is gone.
set(PREFIX "${WORK_DIR}/prefix")
# Outside the build tree: a program there may read the build tree's gazetteer, an installed
# one never.
set(scratch_root /tmp)
if(DEFINED ENV{TMPDIR})
  set(scratch_root "$ENV{TMPDIR}")
endif()
string(RANDOM LENGTH 8 suffix)
set(MOVED "${scratch_root}/sova-relocated-${suffix}")
file(REMOVE_RECURSE "${WORK_DIR}")

set(RUN_CLEANUP "${MOVED}")
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

function(fail message)
  file(REMOVE_RECURSE "${MOVED}")
  message(FATAL_ERROR "${message}")
endfunction()

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}")
file(RENAME "${PREFIX}" "${MOVED}")

# `env -i`: no $SOVA_GAZETTEER, nothing inherited from the test's environment.
set(ANALYZE env -i LANG=C.UTF-8 "${MOVED}/bin/sova" analyze "Марчук прибула до Києва")

run(${ANALYZE})
if(NOT LAST_OUTPUT MATCHES "place:kyiv")
  fail("the relocated sova did not recognise Києва as a place:\n${LAST_OUTPUT}\n${LAST_ERROR}")
endif()
if(LAST_ERROR MATCHES "warning")
  fail("the relocated sova warned although its gazetteer is installed:\n${LAST_ERROR}")
endif()

# The last places looked at are where the build was configured to install the gazetteer and
# where the Debian package installs it: a copy there (an installed Sova) would rightly be found.
foreach(system_gazetteer "${CONFIGURED_GAZETTEER}" "${PACKAGED_GAZETTEER}")
  if(EXISTS "${system_gazetteer}")
    message(STATUS "not checking the warning: ${system_gazetteer} is installed on this machine")
    file(REMOVE_RECURSE "${MOVED}")
    return()
  endif()
endforeach()
file(REMOVE "${MOVED}/share/sova/places.idx")
run(${ANALYZE})
string(REGEX MATCHALL "warning" warnings "${LAST_ERROR}")
list(LENGTH warnings count)
if(NOT count EQUAL 1 OR NOT LAST_ERROR MATCHES "${MOVED}/share/sova/places.idx"
   OR NOT LAST_ERROR MATCHES "SOVA_GAZETTEER")
  fail("without its gazetteer, the relocated sova did not warn once, naming where it looked:\n${LAST_ERROR}")
endif()
if(LAST_OUTPUT MATCHES "place:kyiv")
  fail("without any gazetteer, the relocated sova still found one:\n${LAST_OUTPUT}")
endif()
file(REMOVE_RECURSE "${MOVED}")
