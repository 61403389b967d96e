// Keys of the boolean filter terms that both the indexer and the query side build.
#include "schema/schema.hpp"

#include "tokenizers/fold.hpp"

namespace sova::schema {

std::string source_key(std::string_view source) {
    std::string lower, term, out;
    detail::fold_word(source, lower, term);
    bool space = false;
    for (char ch : term) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(ch);
    }
    return out;
}

std::string url_host(std::string_view url) {
    std::size_t scheme = url.find("://");
    std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    if (!rest.empty() && rest.front() == '[')
        rest = rest.substr(0, rest.find(']') + 1); // IPv6 literal
    else
        rest = rest.substr(0, rest.find(':'));
    std::string host;
    for (char ch : rest) {
        if (ch == ' ' || ch == '\t') return {};
        host.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
    }
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
}

} // namespace sova::schema
