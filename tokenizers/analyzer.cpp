#include "tokenizers/analyzer.hpp"

#include "tokenizers/fold.hpp"
#include "tokenizers/names.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/analysis.hpp>

#include <unicode/uchar.h>

#include <algorithm>
#include <unicode/utf8.h>

namespace sova::detail {

namespace {
constexpr std::size_t detection_words = 400;
const std::string no_stem;
} // namespace

namespace {

bool starts_upper(std::string_view surface) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(surface.data());
    std::int32_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, static_cast<std::int32_t>(surface.size()), c);
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    if (c >= 0x0400 && c <= 0x042F) return true;  // Cyrillic capitals Ѐ..Я
    if (c >= 0x0430 && c <= 0x045F) return false; // Cyrillic small letters
    return u_isupper(c) || u_istitle(c);
}

// Whether only white space and sentence-ending punctuation (or nothing) precede `begin`
// since the previous word.
bool after_sentence_end(std::string_view text, std::size_t from, std::size_t begin) {
    if (from == 0 && begin == 0) return true;
    int newlines = 0;
    for (std::size_t i = from; i < begin; ++i) {
        char ch = text[i];
        if (ch == '.' || ch == '!' || ch == '?') return true;
        if (ch == '\n' && ++newlines >= 2) return true;
    }
    return from == 0;
}

// Elided articles and prepositions of French, Italian and Catalan ("l'Hôtel", "dell'anno",
// "d'Europa"): the word after the apostrophe is what a reader searches for, as in Lucene's
// ElisionFilter. Applied to Latin-script words whatever the language, on both sides.
bool elided_prefix(std::string_view term) {
    static constexpr std::string_view prefixes[] = {
        "l",  "d",   "j",    "m",    "n",    "s",    "t",    "c",    "v",  "qu",  "jusqu", "lorsqu", "puisqu", "quoiqu",
        "un", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl",  "degl",   "negl",   "sugl"};
    for (std::string_view p : prefixes)
        if (term == p) return true;
    return false;
}

// Drops an elided prefix from `word` (whose surface is `surface`); false when there is none.
bool drop_elision(Word& word, std::string_view surface) {
    if (word.script != Script::latin) return false;
    std::size_t apostrophe = word.term.find('\'');
    if (apostrophe == std::string::npos || apostrophe + 1 >= word.term.size()) return false;
    if (!elided_prefix(std::string_view(word.term).substr(0, apostrophe))) return false;
    // The prefix is ASCII letters; in the surface, an apostrophe must follow them (the folded
    // apostrophe may also come from a decomposed letter, "ŉ" = "ʼn": then nothing is elided).
    std::size_t at = apostrophe;
    std::string_view rest = surface.substr(std::min(at, surface.size()));
    std::size_t length = 0;
    for (std::string_view mark : {"'", "`", "\xE2\x80\x99", "\xE2\x80\x98", "\xCA\xBC", "\xEF\xBC\x87"})
        if (rest.starts_with(mark)) length = mark.size();
    if (length == 0 || at + length >= surface.size()) return false;
    word.begin += at + length;
    word.term.erase(0, apostrophe + 1);
    if (!word.lower.empty()) word.lower.erase(0, word.lower.find('\'') + 1);
    return true;
}

} // namespace

void Analyzer::words(std::string_view text, std::vector<Word>& out, std::uint32_t first_position) {
    out.reserve(out.size() + text.size() / 7); // about one word per 7 bytes in news text
    std::uint32_t position = first_position;
    std::size_t previous_end = 0;
    auto add = [&](const WordSpan& span) {
        Word word;
        std::string_view surface = text.substr(span.begin, span.end - span.begin);
        fold_word_compact(surface, word.lower, word.term);
        if (word.term.empty() || word.term.size() > max_term_bytes) return;
        word.position = position++;
        word.begin = span.begin;
        word.end = span.end;
        word.kind = span.kind;
        word.script = span.kind == WordKind::number ? Script::common : script_of_word(word.term);
        if (drop_elision(word, surface)) surface = text.substr(word.begin, word.end - word.begin);
        word.capitalised = span.kind == WordKind::letters && starts_upper(surface);
        word.sentence_start = after_sentence_end(text, previous_end, span.begin);
        previous_end = span.end;
        out.push_back(std::move(word));
    };
    m_breaker.for_each_word(text, [&](const WordSpan& span) {
        // Unicode joins words across U+202F NARROW NO-BREAK SPACE (Word_Break=ExtendNumLet),
        // but French typography puts it before "?", ":" and "»" and between digit groups: it
        // separates words for a reader.
        constexpr std::string_view nnbsp = "\xE2\x80\xAF";
        std::string_view surface = text.substr(span.begin, span.end - span.begin);
        if (surface.find(nnbsp) == std::string_view::npos) {
            add(span);
            return;
        }
        std::size_t at = span.begin;
        while (at < span.end) {
            std::size_t cut = text.substr(at, span.end - at).find(nnbsp);
            std::size_t stop = cut == std::string_view::npos ? span.end : at + cut;
            if (stop > at) add(WordSpan{at, stop, span.kind});
            at = stop + (cut == std::string_view::npos ? 0 : nnbsp.size());
        }
    });
}

std::string Analyzer::detect_language(std::string_view text, const std::vector<Word>& words) const {
    // CLD2 first (character n-grams, 80+ languages); where it is unsure, the script and
    // characteristic letters and words of the text decide.
    if (std::string lang = detect_language_cld2(text); !lang.empty()) return lang;
    LanguageGuesser guesser;
    for (const Word& word : words) {
        if (word.kind == WordKind::number) continue;
        guesser.add(text.substr(word.begin, word.end - word.begin), word.term, word.script);
        if (guesser.words() >= detection_words) break;
    }
    return guesser.guess();
}

const std::vector<std::string_view>& Analyzer::stems(std::string_view lang, const Word& word) {
    static const std::vector<std::string_view> none;
    if (word.kind != WordKind::letters) return none;
    return m_stemmers.stems(lang, word.lower_form());
}

const std::string& Analyzer::cross_script_key(const Word& word) {
    if (word.kind != WordKind::letters) return no_stem;
    return m_keys.key(word.term, word.script);
}

std::string Analyzer::name_key(std::string_view lang, const Word& word) {
    if (word.kind != WordKind::letters) return {};
    if (word.script != Script::latin && word.script != Script::cyrillic && word.script != Script::greek) return {};
    // Names too short for a sound key (Joe, Li, Бо) are their romanised letters.
    auto or_letters = [](std::string key, std::string_view base) {
        if (!key.empty()) return key;
        return romanise_letters(base);
    };
    if (word.script != Script::cyrillic) return or_letters(m_keys.key(word.term, word.script), word.term);
    std::string base;
    // Dictionary lemmas where the dictionary is the stemmer (Ukrainian); Snowball stems cut
    // names too short (Елена -> ел).
    if (stemmer_for(lang).empty() && !hunspell_dictionary_for(lang).empty()) {
        const auto& lemmas = stems(lang, word);
        if (!lemmas.empty()) base.assign(lemmas.front());
    }
    if (base.empty()) base.assign(strip_name_ending(word.lower_form()));
    return or_letters(m_keys.key(base, word.script), base);
}

Analyzer& thread_analyzer() {
    thread_local Analyzer analyzer;
    return analyzer;
}

} // namespace sova::detail

namespace sova {

Analysis analyze(std::string_view text, std::string_view lang) {
    Analysis result;
    std::string repaired;
    text = detail::repair_utf8(text, repaired, result.invalid_utf8);
    auto& analyzer = detail::thread_analyzer();
    std::vector<detail::Word> words;
    analyzer.words(text, words);
    result.lang = detail::normalise_language_code(lang);
    if (result.lang.empty()) {
        result.lang = analyzer.detect_language(text, words);
        result.lang_detected = true;
    }
    result.tokens.reserve(words.size());
    for (const auto& word : words) {
        Token token;
        token.position = word.position;
        token.begin = word.begin;
        token.end = word.end;
        token.surface.assign(text.substr(word.begin, word.end - word.begin));
        token.term = word.term;
        for (std::string_view stem : analyzer.stems(result.lang, word)) token.stems.emplace_back(stem);
        if (!token.stems.empty()) token.stem = token.stems.front();
        token.script = std::string(detail::script_code(word.script));
        token.capitalised = word.capitalised;
        token.entity_candidate = word.capitalised && !word.sentence_start;
        if (word.capitalised) token.key = analyzer.cross_script_key(word);
        result.tokens.push_back(std::move(token));
    }
    return result;
}

std::string detect_language(std::string_view text) {
    std::string repaired;
    std::size_t replaced = 0;
    text = detail::repair_utf8(text, repaired, replaced);
    auto& analyzer = detail::thread_analyzer();
    std::vector<detail::Word> words;
    analyzer.words(text.substr(0, std::min<std::size_t>(text.size(), 16384)), words);
    return analyzer.detect_language(text, words);
}

} // namespace sova
