#include "indexer/lead.hpp"

#include <algorithm>

namespace sova::detail {

namespace {

bool space(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

// A paragraph ends at a line holding only white space (or at the end of the text).
std::size_t paragraph_end(std::string_view text, std::size_t from) {
    for (std::size_t nl = text.find('\n', from); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
        std::size_t next = nl + 1;
        while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\r')) ++next;
        if (next >= text.size() || text[next] == '\n') return nl;
    }
    return text.size();
}

// Ends as a sentence does: . ! ? or : (a reference page's "Options:"), maybe before a closing
// quote or bracket.
bool ends_as_sentence(std::string_view paragraph) {
    while (!paragraph.empty() &&
           (space(paragraph.back()) || paragraph.back() == '"' || paragraph.back() == ')' || paragraph.back() == '\''))
        paragraph.remove_suffix(1);
    if (paragraph.ends_with("\xC2\xBB") || paragraph.ends_with("\xE2\x80\x9D")) // » ”
        return ends_as_sentence(paragraph.substr(0, paragraph.size() - (paragraph.back() == '\xBB' ? 2 : 3)));
    if (paragraph.empty()) return false;
    char last = paragraph.back();
    return last == '.' || last == '!' || last == '?' || last == ':';
}

} // namespace

std::span<const Word> lead_of(std::string_view text, const std::vector<Word>& words, std::size_t limit) {
    auto word = words.begin();
    for (std::size_t begin = 0; begin < text.size() && word != words.end();) {
        std::size_t end = paragraph_end(text, begin);
        auto first = word;
        while (word != words.end() && word->begin < end) ++word;
        auto count = static_cast<std::size_t>(word - first);
        if (count >= lead_min_paragraph_words && ends_as_sentence(text.substr(begin, end - begin)))
            return {&*first, std::min(limit, static_cast<std::size_t>(words.end() - first))};
        begin = end + 1;
    }
    return {};
}

} // namespace sova::detail
