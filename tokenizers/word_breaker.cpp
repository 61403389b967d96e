#include "tokenizers/word_breaker.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <stdexcept>

namespace sova::detail {

struct WordBreaker::State {
    UText text = UTEXT_INITIALIZER;
    std::int32_t previous = 0;
    ~State() { utext_close(&text); }
};

WordBreaker::WordBreaker() : m_state(std::make_unique<State>()) {
    UErrorCode status = U_ZERO_ERROR;
    m_iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !m_iterator)
        throw std::runtime_error(std::string("ICU: cannot create a word break iterator: ") + u_errorName(status));
}

WordBreaker::~WordBreaker() = default;

void WordBreaker::start(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    // Reusing the UText object avoids an allocation per text; native indexes are byte offsets.
    utext_openUTF8(&m_state->text, text.data(), static_cast<std::int64_t>(text.size()), &status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: utext_openUTF8: ") + u_errorName(status));
    m_iterator->setText(&m_state->text, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: setText: ") + u_errorName(status));
    m_state->previous = m_iterator->first();
}

bool WordBreaker::next(WordSpan& span) {
    for (;;) {
        std::int32_t boundary = m_iterator->next();
        if (boundary == icu::BreakIterator::DONE) return false;
        std::int32_t begin = m_state->previous;
        m_state->previous = boundary;
        std::int32_t status = m_iterator->getRuleStatus();
        if (status < UBRK_WORD_NONE_LIMIT) continue;
        span.begin = static_cast<std::size_t>(begin);
        span.end = static_cast<std::size_t>(boundary);
        if (status < UBRK_WORD_NUMBER_LIMIT)
            span.kind = WordKind::number;
        else if (status < UBRK_WORD_LETTER_LIMIT)
            span.kind = WordKind::letters;
        else if (status < UBRK_WORD_KANA_LIMIT)
            span.kind = WordKind::kana;
        else
            span.kind = WordKind::ideographic;
        return true;
    }
}

} // namespace sova::detail
