// Fuzzes the JSON Lines reader: any line is repaired, then parsed to an Article or rejected
// with a reason (any other exception is a finding); a parsed article builds a Xapian document.
#include "indexer/document_builder.hpp"
#include "indexer/readers.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string line(reinterpret_cast<const char*>(data), size);
    sova::detail::repair_utf8_in_place(line);
    std::vector<std::string> warnings;
    try {
        sova::Article article = sova::detail::parse_json_article(line, warnings);
        sova::detail::BuildReport report;
        (void)sova::detail::build_document(article, report);
    } catch (const sova::detail::RecordError&) { // rejected, with its reason
    } catch (const sova::InputError&) {          // no text to index
    }
    sova::Article text = sova::detail::text_article(line, "fuzz.txt");
    (void)text;
    return 0;
}
