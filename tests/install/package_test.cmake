# Builds the Debian package from BUILD_DIR with CPack into a scratch folder and checks, without
# installing it, that it holds the program, the gazetteer and the files for find_package(sova),
# and declares its dependencies on the Xapian and ICU run-time libraries.
file(REMOVE_RECURSE "${WORK_DIR}")

include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

run(${CMAKE_CPACK_COMMAND} -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK_DIR}")
file(GLOB packages "${WORK_DIR}/sova_${VERSION}_*.deb")
list(LENGTH packages count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one sova_${VERSION}_<arch>.deb in ${WORK_DIR}, found: ${packages}")
endif()

run(dpkg-deb --info "${packages}")
set(info "${LAST_OUTPUT}")
foreach(field "Package: sova\n" "Version: ${VERSION}\n" "Maintainer: [^\n]+@" "Section: text\n"
              "Depends:[^\n]*libxapian30" "Depends:[^\n]*libicu[0-9]+")
  if(NOT info MATCHES "${field}")
    message(FATAL_ERROR "the package's control file lacks ${field}:\n${info}")
  endif()
endforeach()

run(dpkg-deb --contents "${packages}")
foreach(file "\\./usr/bin/sova\n" "\\./usr/share/sova/places\\.idx\n" "\\./usr/include/sova/sova\\.hpp\n"
             "\\./usr/lib[^ \n]*/cmake/sova/sovaConfig\\.cmake\n" "\\./usr/lib[^ \n]*/libsova_indexer\\.a\n"
             ${PYTHON_MODULE})
  if(NOT LAST_OUTPUT MATCHES "${file}")
    message(FATAL_ERROR "the package lacks ${file}:\n${LAST_OUTPUT}")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
