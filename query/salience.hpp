// The entity boost of an index built before the aboutness terms (schema::aboutness_term): a
// posting source over an entity's XE term whose weight grows with the entity's salience in each
// article (the term's wdf). Indexes built since have the boost as terms Xapian's own
// FixedWeightPostingSource weighs (query/compiler.cpp), which a remote shard can run; this
// source is local only.
#pragma once

#include <xapian.h>

#include <string>

namespace sova::detail {

/// Matches the articles holding `term` (an XE term), weighted `scale * schema::aboutness(wdf)`.
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
