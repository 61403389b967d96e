# FindXapian: locates Xapian 1.4 and defines the imported target Xapian::Xapian.
# Debian's libxapian-dev ships only variables (xapian-config.cmake), not a target.
find_path(Xapian_INCLUDE_DIR NAMES xapian.h)
find_library(Xapian_LIBRARY NAMES xapian)
if(Xapian_INCLUDE_DIR AND EXISTS "${Xapian_INCLUDE_DIR}/xapian/version.h")
  file(STRINGS "${Xapian_INCLUDE_DIR}/xapian/version.h" _xapian_version_line
       REGEX "^#define XAPIAN_VERSION \"[0-9.]+\"")
  string(REGEX REPLACE ".*\"([0-9.]+)\".*" "\\1" Xapian_VERSION "${_xapian_version_line}")
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Xapian
  REQUIRED_VARS Xapian_LIBRARY Xapian_INCLUDE_DIR VERSION_VAR Xapian_VERSION)
if(Xapian_FOUND AND NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian UNKNOWN IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    IMPORTED_LOCATION "${Xapian_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Xapian_INCLUDE_DIR}")
endif()
mark_as_advanced(Xapian_INCLUDE_DIR Xapian_LIBRARY)
