// Fuzzes the analyser: any bytes, in any of a few languages, must analyse without crashing and
// give tokens whose offsets lie inside the (repaired) text.
#include <sova/analysis.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr std::string_view langs[] = {"", "en", "ru", "uk", "de", "fr", "zh", "xx"};
    if (size == 0) return 0;
    std::string_view lang = langs[data[0] % std::size(langs)];
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    sova::Analysis analysis = sova::analyze(text, lang);
    std::size_t limit = text.size() + 3 * analysis.invalid_utf8; // U+FFFD is 3 bytes
    std::uint32_t previous = 0;
    for (const auto& token : analysis.tokens) {
        if (token.begin >= token.end || token.end > limit || token.position <= previous || token.term.empty())
            std::abort();
        previous = token.position;
    }
    return 0;
}
