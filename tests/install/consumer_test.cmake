# Installs Sova from BUILD_DIR into a scratch prefix, then configures, builds and runs
# examples/ against it through find_package(sova): what an embedding program does.
file(REMOVE_RECURSE "${WORK_DIR}")
set(PREFIX "${WORK_DIR}/prefix")

include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}")
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/examples" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/embed_example" "${WORK_DIR}/index")
message(STATUS "${LAST_OUTPUT}")
if(NOT LAST_OUTPUT MATCHES "1\\. ")
  message(FATAL_ERROR "the example found nothing:\n${LAST_OUTPUT}")
endif()
