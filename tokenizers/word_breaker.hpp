// ICU word breaking directly over UTF-8 (UText), yielding the byte ranges of words.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace sova::detail {

/// What kind of word ICU found.
enum class WordKind { number, letters, kana, ideographic };

/// A word's byte range and kind.
struct WordSpan {
    std::size_t begin;
    std::size_t end;
    WordKind kind;
};

/// Wraps one ICU word BreakIterator (rules of UAX #29 plus dictionaries for Chinese,
/// Japanese, Thai, ...). Expensive to create, cheap to reuse; not thread-safe.
class WordBreaker {
public:
    WordBreaker();
    ~WordBreaker();
    WordBreaker(const WordBreaker&) = delete;
    WordBreaker& operator=(const WordBreaker&) = delete;

    /// Calls `on_word(WordSpan)` for every word of `text` (valid UTF-8), in order.
    /// Spaces, punctuation and symbols are not words.
    template <class F> void for_each_word(std::string_view text, F&& on_word) {
        start(text);
        WordSpan span;
        while (next(span)) on_word(span);
    }

private:
    void start(std::string_view text);
    bool next(WordSpan& span);

    std::unique_ptr<icu::BreakIterator> m_iterator;
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace sova::detail
