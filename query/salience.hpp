// The entity boost: a posting source over an entity's XE term whose weight grows with the
// entity's salience in each article (the term's wdf), not with BM25's saturation and length
// normalisation, so that an article about an entity outranks one that mentions it in passing.
#pragma once

#include <xapian.h>

#include <string>

namespace sova::detail {

/// How much an article is about an entity, 0..1, from its salience s (mentions, +3 in the
/// title, +2 in the lead; see indexer/entities.hpp): (s - 1) / 8, capped. One passing mention
/// (s = 1) is 0; a mention in the lead 0.25; the title and a few mentions 1.
double aboutness(unsigned salience) noexcept;

/// Matches the articles holding `term` (an XE term), weighted `scale * aboutness(wdf)`.
class SalienceSource : public Xapian::PostingSource {
public:
    SalienceSource(std::string term, double scale);

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return m_termfreq; }
    Xapian::doccount get_termfreq_est() const override { return m_termfreq; }
    Xapian::doccount get_termfreq_max() const override { return m_termfreq; }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return m_it == m_end; }
    Xapian::docid get_docid() const override { return *m_it; }
    double get_weight() const override;
    Xapian::PostingSource* clone() const override { return new SalienceSource(m_term, m_scale); }
    std::string name() const override { return "sova::SalienceSource"; }
    std::string get_description() const override;

private:
    std::string m_term;
    double m_scale;
    Xapian::doccount m_termfreq = 0;
    Xapian::PostingIterator m_it;
    Xapian::PostingIterator m_end;
    bool m_started = false;
};

} // namespace sova::detail
