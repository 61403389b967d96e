// The search page's files (server/page/), compiled into the program (server/embed_page.cmake).
#pragma once

#include <span>
#include <string_view>

namespace sova::server {

struct PageAsset {
    std::string_view path;         ///< "/index.html", "/app.js" …
    std::string_view content_type; ///< with its charset
    std::string_view body;
};

/// Every file of the page; "/index.html" is served at "/".
std::span<const PageAsset> page_assets();

} // namespace sova::server
