# sova_add_library(NAME source...): one of Sova's static libraries (sova_NAME, alias
# sova::NAME): public headers from include/, private ones from the repository root, C++20, the
# project's warnings.
function(sova_add_library name)
  add_library(sova_${name} STATIC ${ARGN})
  add_library(sova::${name} ALIAS sova_${name})
  target_include_directories(sova_${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_features(sova_${name} PUBLIC cxx_std_20)
  sova_set_warnings(sova_${name})
endfunction()
