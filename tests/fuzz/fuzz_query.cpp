// Fuzzes the query parser and compiler: any bytes parse (strictly and leniently) to an AST or a
// sova::QueryError, and every AST compiles to a Xapian query or a QueryError.
#include "query/compiler.hpp"
#include "query/parser.hpp"

#include <sova/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
// Stems in two languages per script, and an index of 1,000 articles (so coordination runs).
struct Statistics : sova::detail::IndexStatistics {
    std::vector<std::string> stem_languages(sova::detail::Script script) const override {
        if (script == sova::detail::Script::latin) return {"en", "fr"};
        if (script == sova::detail::Script::cyrillic) return {"ru", "uk"};
        return {};
    }
    double documents() const override { return 1000; }
    double document_frequency(const std::string& term) const override { return 1 + term.size() % 7; }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view query(reinterpret_cast<const char*>(data), size);
    for (bool lenient : {false, true}) {
        try {
            sova::detail::NodePtr root = sova::detail::parse_query(query, lenient);
            (void)sova::detail::describe(*root);
            auto compiled = sova::detail::compile_query(*root, sova::detail::thread_analyzer(), Statistics{});
            (void)compiled.query.get_description();
        } catch (const sova::QueryError&) {
        }
    }
    return 0;
}
