# Writes OUT, a C++ file defining sova::server::page_assets() from the files in FILES (separated
# by |), each kept as a raw string literal. Run at build time, so that editing a page file rebuilds.
string(REPLACE "|" ";" FILES "${FILES}")
set(entries "")
set(count 0)
foreach(file IN LISTS FILES)
  file(READ "${file}" body)
  string(FIND "${body}" ")sova_page\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} holds the raw string delimiter )sova_page\"")
  endif()
  get_filename_component(name "${file}" NAME)
  get_filename_component(ext "${file}" LAST_EXT)
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  else()
    message(FATAL_ERROR "no content type for ${file}")
  endif()
  string(APPEND entries "    {\"/${name}\", \"${type}\", R\"sova_page(${body})sova_page\"},\n")
  math(EXPR count "${count} + 1")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from server/page/ by server/embed_page.cmake: do not edit.
#include \"server/page_assets.hpp\"

namespace sova::server {

namespace {
const PageAsset assets[${count}] = {
${entries}};
} // namespace

std::span<const PageAsset> page_assets() {
    return assets;
}

} // namespace sova::server
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
