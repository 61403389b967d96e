// The index keeps the dictionary stems of its words, so searches need not load the dictionary.
#include "schema/schema.hpp"
#include "tests/support/temp_dir.hpp"

#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>
#include <xapian.h>

TEST_CASE("lexicon: dictionary stems of indexed words are stored in the index and used by searches") {
    sova::test::TempDir dir;
    const std::string path = dir / "index";
    {
        auto writer = sova::IndexWriter::create_or_open(path);
        sova::Article uk;
        uk.id = "uk-1";
        uk.title = "Новини Києва";
        uk.text = "У Києві відновили живлення.";
        uk.lang = "uk";
        writer.add(uk);
        sova::Article en;
        en.id = "en-1";
        en.title = "Kyiv news";
        en.text = "Power restored in Kyiv.";
        en.lang = "en";
        writer.add(en);
        writer.commit();
    }
    Xapian::Database db(path);
    CHECK(db.get_metadata(sova::schema::lexicon_key("uk", "києва")) == "sкиїв");
    // Every reading the dictionary knows, the preferred first, separated by U+001F.
    CHECK(db.get_metadata(sova::schema::lexicon_key("uk", "києві")) == "sкиїв\x1fкий");
    CHECK(db.get_metadata(sova::schema::lexicon_key("uk", "відновили")) == "sвідновити");
    // Snowball languages need no lexicon: their stemmers load instantly.
    CHECK(db.get_metadata(sova::schema::lexicon_key("en", "news")).empty());

    // Query words the index has are stemmed from the lexicon, others by the dictionary: the
    // stems agree either way.
    auto searcher = sova::Searcher::open(path);
    for (const char* query : {"Києві", "Київ", "київ"}) {
        sova::SearchOptions options;
        options.langs = {"uk"};
        auto results = searcher.search(query, options);
        REQUIRE_MESSAGE(results.hits.size() == 1, query);
        CHECK(results.hits[0].id == "uk-1");
    }
}
