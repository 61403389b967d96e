# The Debian package: `make deb` (cpack -G DEB in the build folder) writes
# sova_<version>_<arch>.deb, installing into /usr everything the install() rules name: the
# `sova` program, the gazetteer (share/sova/), and the headers, static libraries and CMake
# package for find_package(sova). The program finds its data relative to where it is installed,
# so the configured CMAKE_INSTALL_PREFIX does not matter.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sova)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX ${SOVA_PACKAGE_PREFIX})
set(SOVA_PACKAGE_MAINTAINER "Sova maintainers <sova@example.org>"
    CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SOVA_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Debian's own name: sova_0.1.0_amd64.deb.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# dpkg-shlibdeps (dpkg-dev) reads the shared libraries `sova` links (Xapian, ICU, Hunspell,
# CLD2, zlib, libstdc++) and declares their packages as Depends.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What no binary links but Sova reads when it is there: the Hunspell dictionaries that stem
# Ukrainian and tell names from words (tokenizers/stemmer.hpp).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hunspell-uk, hunspell-ru, hunspell-en-us")
# What a program building against the package (find_package(sova), cmake/sovaConfig.cmake.in)
# needs besides it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "cmake, g++, libxapian-dev, libicu-dev, zlib1g-dev, libsimdjson-dev, libhunspell-dev, libcld2-dev")
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the long description under it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Sova indexes articles in many languages (JSON Lines, text, Markdown) into a
Xapian index and searches them: ICU word breaking and folding, language-aware
stemming, entity recognition with a gazetteer of places in 27 languages.
The package holds the `sova` command and the C++ library for find_package(sova).")
include(CPack)
