#include "query/salience.hpp"

#include "schema/schema.hpp"

namespace sova::detail {

SalienceSource::SalienceSource(std::string term, double scale) : m_term(std::move(term)), m_scale(scale) {}

void SalienceSource::init(const Xapian::Database& db) {
    m_it = db.postlist_begin(m_term);
    m_end = db.postlist_end(m_term);
    m_termfreq = db.get_termfreq(m_term);
    m_started = false;
    set_maxweight(m_scale);
}

void SalienceSource::next(double) {
    if (!m_started)
        m_started = true; // the first call moves onto the first posting
    else
        ++m_it;
}

void SalienceSource::skip_to(Xapian::docid did, double) {
    m_started = true;
    m_it.skip_to(did);
}

double SalienceSource::get_weight() const {
    return m_scale * schema::aboutness(m_it.get_wdf());
}

std::string SalienceSource::get_description() const {
    return "SalienceSource(" + m_term + ", " + std::to_string(m_scale) + ")";
}

} // namespace sova::detail
