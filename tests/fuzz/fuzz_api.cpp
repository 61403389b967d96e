// Fuzzes the HTTP server's API (server/api.hpp) behind httplib's query-string parser: any
// query string, sent to any endpoint, is answered with a status the API documents and a body
// that is one valid JSON object (simdjson checks the UTF-8 too), over a small real index.
#include "server/api.hpp"

#include <sova/index.hpp>

#include <httplib.h>
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace {

sova::server::Api& api() {
    static std::unique_ptr<sova::server::Api> instance = [] {
        char folder[] = "/tmp/sova-fuzz-api-XXXXXX";
        if (!mkdtemp(folder)) std::abort();
        const std::string index = std::string(folder) + "/index";
        {
            sova::IndexWriter writer = sova::IndexWriter::create_or_open(index);
            writer.add({"en-1", "Kyiv metro", "The Kyiv metro opened a new station in Obolon.", "", "2024-03-01", "en",
                        "Metro News", R"({"author":"Olena"})"});
            writer.add({"uk-1", "Київ", "У Києві відкрили нову станцію метро.", "", "2024-03-02", "uk", "", ""});
            writer.add({"ru-1", "Киев", "В Киеве открыли новую станцию метро «Оболонь».", "", "2023", "ru", "", ""});
        }
        sova::server::ApiOptions options;
        options.locations = {index};
        options.threads = 1;
        return std::make_unique<sova::server::Api>(options);
    }();
    return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string query(reinterpret_cast<const char*>(data) + 1, size - 1);
    httplib::Params params;
    httplib::detail::parse_query_text(query, params);
    sova::server::Reply reply;
    switch (data[0] % 4) {
    case 0:
        reply = api().search(params);
        break;
    case 1:
        reply = api().entities(params);
        break;
    case 2:
        reply = api().article(params);
        break;
    default:
        reply = api().analyze(params);
        break;
    }
    if (reply.status != 200 && reply.status != 400 && reply.status != 404 && reply.status != 413) std::abort();
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(reply.body).get(root) != simdjson::SUCCESS || !root.is_object()) std::abort();
    return 0;
}
