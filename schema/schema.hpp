// The index schema: every term prefix and value slot, defined once (see docs/SCHEMA.md).
// Xapian's conventions (as in Omega) are followed, so Xapian's own tools can read the index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sova::schema {

inline constexpr std::string_view id_prefix = "Q";            ///< Q<id>: unique id, boolean
inline constexpr std::string_view stem_prefix = "Z";          ///< Z<stem>: body and title stems, no positions
inline constexpr std::string_view title_prefix = "S";         ///< S<term>: title words, with positions
inline constexpr std::string_view title_stem_prefix = "ZS";   ///< ZS<stem>: title stems
inline constexpr std::string_view lang_prefix = "L";          ///< L<iso639-1>: language, boolean
inline constexpr std::string_view day_prefix = "D";           ///< D<YYYYMMDD>: publication day, boolean
inline constexpr std::string_view month_prefix = "M";         ///< M<YYYYMM>
inline constexpr std::string_view year_prefix = "Y";          ///< Y<YYYY>
inline constexpr std::string_view host_prefix = "H";          ///< H<host>: host of the url, boolean
inline constexpr std::string_view source_prefix = "XS";       ///< XS<folded source name>, boolean
inline constexpr std::string_view cross_script_prefix = "XK"; ///< XK<key>: cross-script key of a capitalised word
inline constexpr std::string_view entity_prefix = "XE";       ///< XE<entity key>: wdf = salience, no positions
/// XA<band><entity key>: how much the article is about the entity, as a band of its salience
/// (aboutness_term), wdf 0: what the entity boost weighs with Xapian's own FixedWeightPostingSource,
/// so that a remote shard's stock server can run it.
inline constexpr std::string_view aboutness_prefix = "XA";
/// XN<name key>: a name key of the entity vocabulary (entity_name_key), wdf 0, in at least
/// one article that names the entity so: whether a name names anything is a term frequency,
/// which a search over remote shards asks for many names at once.
inline constexpr std::string_view name_key_prefix = "XN";
/// XL<term>, XL<stem>: the words of the article's lead (lead_words), wdf 0, no positions.
inline constexpr std::string_view lead_prefix = "XL";
inline constexpr std::string_view lead_key_prefix = "XLK"; ///< XLK<key>: cross-script keys of the lead's names

/// Words of an article's lead: from the start of its first paragraph of prose (lead_words in
/// indexer/lead.hpp), at most this many.
inline constexpr std::size_t lead_words = 50;

/// How much an article is about an entity, 0..1, from its salience s there (mentions, +3 in
/// the title, +2 in the lead; indexer/entities.hpp): (s - 1) / 8, capped. One passing mention
/// (s = 1) is 0; a mention in the lead 0.25; the title and a few mentions 1.
inline constexpr unsigned aboutness_full = 9; ///< the salience from which aboutness is 1
inline double aboutness(unsigned salience) noexcept {
    if (salience <= 1) return 0.0;
    if (salience >= aboutness_full) return 1.0;
    return (static_cast<double>(salience) - 1.0) / (aboutness_full - 1);
}

/// The XA term of an entity of this salience: the band is the salience, capped at
/// aboutness_full ("XA3place:kyiv.ua"); empty for a salience of 1 or less (no boost).
std::string aboutness_term(unsigned salience, std::string_view entity_key);

/// Metadata key listing what an index was built with, space-separated (feature_*); an
/// index built before a feature lacks its word.
inline constexpr std::string_view features_key = "features";
/// Feature: every article's entities have their XA terms (written since the index was created).
inline constexpr std::string_view feature_aboutness = "aboutness";
/// Feature: every article has its order_slot value.
inline constexpr std::string_view feature_order = "order";
/// Feature: every name key of the entity vocabulary has its XN term in an article.
inline constexpr std::string_view feature_names = "names";
/// Feature: every article has its lang_slot, source_slot and oldest_slot values.
inline constexpr std::string_view feature_facets = "facets";

/// Value slot holding the date as "YYYYMMDD" (00 for an unknown month or day): sorts and
/// range-filters as a string.
inline constexpr unsigned date_slot = 0;
/// Value slot holding the article's order among equals (order_value): hits of equal weight
/// are listed by it, newest first, then by id, so that shards searched as one list them as one
/// index would (Xapian would otherwise order them by document number, which differs).
inline constexpr unsigned order_slot = 1;
/// The order key of an article, ascending: its date key (date_slot) with every digit d written
/// 9 - d, so that newer sorts first ("99999999" without a date: last), then its id term.
std::string order_value(std::string_view date_key, std::string_view id);
inline constexpr std::size_t order_date_bytes = 8; ///< the date part of an order value; the id term follows
/// Value slot holding the article's language (ISO 639-1, "" when unknown): counted by the
/// language facet with Xapian's ValueCountMatchSpy, which a remote shard can run.
inline constexpr unsigned lang_slot = 2;
/// Value slot holding the article's source name as the input gave it (single-spaced): counted
/// by the source facet.
inline constexpr unsigned source_slot = 3;
/// Value slot holding the article's order oldest first (oldest_order_value): `--sort oldest`.
inline constexpr unsigned oldest_slot = 4;
/// Value slot holding the year and month of the article's date, "YYYYMM" ("00" for an unknown
/// month): the year and month facets count it (a few hundred values, where dates have thousands).
inline constexpr unsigned month_slot = 5;
/// The oldest-first order key of an article, ascending: its date key (date_slot; "99999999"
/// without a date, so undated articles come last as well), then its id term.
std::string oldest_order_value(std::string_view date_key, std::string_view id);
/// The source name kept in source_slot: white space runs as one space, trimmed.
std::string source_value(std::string_view source);

/// Positions left empty between the title and the body, so no phrase spans the two.
inline constexpr std::uint32_t title_body_gap = 100;

/// Document data format version, stored in the data JSON as "v".
inline constexpr int data_version = 1;

/// Entities kept in an article's stored data (the most salient; all are XE terms).
inline constexpr std::size_t max_stored_entities = 20;

/// Xapian refuses terms over 245 bytes; ids longer than this are hashed into the Q term.
inline constexpr std::size_t max_id_term_bytes = 200;

/// Metadata key under which the index keeps the dictionary stem of one of its words:
/// "lexicon:<lang>:<lower>"; the value is "s" followed by the stem (which may be empty).
std::string lexicon_key(std::string_view lang, std::string_view lower);

/// Metadata key of an entity's description: "entity:<key>" -> "<type>\t<name>".
std::string entity_key(std::string_view key);

/// Metadata key of a name form: "ename:<name key>" -> the entity keys it names, one per line.
/// Name keys: "t:<terms>" (exact terms), "s:<lang>:<stems>" (stems in one language) and
/// "k:<sound keys>" (cross-script keys of the base forms), words separated by spaces; built
/// only by the functions of tokenizers/names.hpp.
std::string entity_name_key(std::string_view name_key);

/// The unique-id term of an article id.
std::string id_term(std::string_view id);

/// A folded, single-spaced form of a source name, as stored under the XS prefix.
std::string source_key(std::string_view source);

/// The host of a URL (or of a bare host name), lower-cased, without "www.", or "".
std::string url_host(std::string_view url);

/// 128-bit FNV-1a hash of `data`, as 32 lower-case hex digits. Stable across platforms.
std::string content_hash(std::string_view data);

} // namespace sova::schema
