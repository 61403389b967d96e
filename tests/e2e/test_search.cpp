// End to end: index the bundled sample with the real binary and search it.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace sova::test;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// One indexed copy of the sample, shared by the read-only tests of this file.
const std::string& sample_index() {
    static TempDir dir;
    static const std::string index = [] {
        std::string path = dir / "index";
        ProcessResult r = run_sova({"index", "-i", path, sample_dir() + "/news.jsonl", sample_dir() + "/notes"});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return path;
    }();
    return index;
}

} // namespace

TEST_CASE("e2e: indexing the sample prints a summary and re-indexing replaces, never duplicates") {
    TempDir dir;
    const std::string index = dir / "index";
    ProcessResult first = run_sova({"index", "-i", index, sample_dir() + "/news.jsonl", sample_dir() + "/notes"});
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    CHECK(first.out.find("Indexed 39 articles (39 added, 0 replaced, 0 skipped) from 4 files") != std::string::npos);
    CHECK(first.out.find("holds 39 articles") != std::string::npos);
    CHECK(first.out.find("articles/s") != std::string::npos);
    const auto before = search_ids(index, "Shahed drones", 50);
    REQUIRE(before.size() >= 2);

    ProcessResult second = run_sova({"index", "-i", index, sample_dir() + "/news.jsonl", sample_dir() + "/notes"});
    REQUIRE_MESSAGE(second.exit_code == 0, second.err);
    CHECK(second.out.find("(0 added, 39 replaced, 0 skipped)") != std::string::npos);
    CHECK(second.out.find("holds 39 articles") != std::string::npos);

    // The same hits in the same order before and after: nothing was duplicated.
    const auto after = search_ids(index, "Shahed drones", 50);
    CHECK(after == before);
    std::vector<std::string> sorted = after;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("e2e: search prints ranked hits with the documented JSON fields") {
    ProcessResult r = run_sova({"search", "--json", "-i", sample_index(), "grain", "Odesa"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto hits = parse_hits(r.out);
    REQUIRE(hits.size() >= 2);
    CHECK(hits[0].rank == 1);
    CHECK(hits[1].rank == 2);
    CHECK(hits[0].clauses == 2);
    CHECK(hits[0].matched == 2);
    CHECK(hits[0].id == "en-0003");
    CHECK(hits[0].lang == "en");
    CHECK(hits[0].date == "2023-11-28");
    CHECK(hits[0].url.starts_with("https://"));
    CHECK_FALSE(hits[0].source.empty());
    // Highlights point at the matched words inside the snippet.
    REQUIRE_FALSE(hits[0].highlights.empty());
    for (auto [b, e] : hits[0].highlights) {
        REQUIRE(e <= hits[0].snippet.size());
        std::string word = hits[0].snippet.substr(b, e - b);
        std::string lower;
        for (char ch : word) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
        // "Greater" of Greater Odesa, an entity the query links (docs/QUERY.md, "Snippets").
        CHECK_MESSAGE((lower.starts_with("grain") || lower == "odesa" || lower == "greater"), word);
    }
    // Scores never increase down the list.
    for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i].score <= hits[i - 1].score + 1e-9);
}

TEST_CASE("e2e: plain text output, highlighting only where asked") {
    ProcessResult plain = run_sova({"search", "-i", sample_index(), "-n", "2", "Odesa"});
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.out.starts_with("1. "));
    CHECK(plain.out.find("\x1b[") == std::string::npos); // not a terminal: no escapes
    CHECK(plain.out.find(" \xC2\xB7 id ") != std::string::npos);
    CHECK(plain.out.find("Hits 1\xE2\x80\x93"
                         "2 of") != std::string::npos);

    ProcessResult color = run_sova({"search", "-i", sample_index(), "-n", "1", "--color", "always", "grain"});
    REQUIRE(color.exit_code == 0);
    CHECK(color.out.find("\x1b[1m") != std::string::npos);
}

TEST_CASE("e2e: exit codes: 0 for hits, 1 for none, 2 for errors") {
    CHECK(run_sova({"search", "-i", sample_index(), "grain"}).exit_code == 0);
    ProcessResult none = run_sova({"search", "-i", sample_index(), "xylophonequartet"});
    CHECK(none.exit_code == 1);
    CHECK(none.out.find("No articles match") != std::string::npos);

    ProcessResult quote = run_sova({"search", "-i", sample_index(), "\"rolling blackouts"});
    CHECK(quote.exit_code == 2);
    CHECK(quote.err.find("column 1") != std::string::npos);
    CHECK(quote.err.find("missing closing '\"'") != std::string::npos);

    ProcessResult paren = run_sova({"search", "-i", sample_index(), "--", "energy (Kyiv OR Київ"});
    CHECK(paren.exit_code == 2);
    CHECK(paren.err.find("column 8") != std::string::npos);

    ProcessResult lenient = run_sova({"search", "-i", sample_index(), "--lenient", "\"rolling blackouts"});
    CHECK(lenient.exit_code == 0);

    TempDir dir;
    ProcessResult missing = run_sova({"search", "-i", dir / "nope", "grain"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("no index here") != std::string::npos);

    // The library names the option's field; the command line names its flag.
    ProcessResult bad_date = run_sova({"search", "-i", sample_index(), "--since", "yesterday", "grain"});
    CHECK(bad_date.exit_code == 2);
    CHECK(has(bad_date.err, "sova: error: --since 'yesterday' is not a date"));
    ProcessResult reversed = run_sova({"search", "-i", sample_index(), "--since", "2024", "--until", "2023", "grain"});
    CHECK(reversed.exit_code == 2);
    CHECK(has(reversed.err, "sova: error: --until '2023' is before the since date '2024'"));
    ProcessResult bad_lang = run_sova({"search", "-i", sample_index(), "--lang", "1", "grain"});
    CHECK(bad_lang.exit_code == 2);
    CHECK(has(bad_lang.err, "sova: error: --lang '1' is not a language code"));
    CHECK(run_sova({"frobnicate"}).exit_code == 2);
}

TEST_CASE("e2e: Cyrillic queries find Cyrillic articles, ё/е and apostrophe variants are one") {
    const std::string& index = sample_index();
    auto yo = search_ids(index, "пошёл");
    auto ye = search_ids(index, "пошел");
    CHECK(yo == ye);
    CHECK(contains(yo, "ru-0003")); // written with ё
    CHECK(contains(yo, "ru-0005")); // written with е

    auto phrase_yo = search_ids(index, "\"всё ещё\"");
    CHECK(phrase_yo == search_ids(index, "\"все еще\""));
    CHECK(contains(phrase_yo, "ru-0002"));
    CHECK(contains(phrase_yo, "ru-0003"));

    auto right_quote = search_ids(index, "п’ять");
    CHECK(right_quote == search_ids(index, "п'ять"));
    CHECK(right_quote == search_ids(index, "пʼять"));
    CHECK(contains(right_quote, "uk-0001")); // U+2019 in the text
    CHECK(contains(right_quote, "uk-0002")); // U+0027
    CHECK(contains(right_quote, "uk-0003")); // U+02BC

    // Stress marks in the text do not hide the word.
    CHECK(contains(search_ids(index, "замок"), "ru-0009"));
    // Russian stemming: an inflected form no article holds finds every article holding another
    // form (отключения, отключений, отключении), and nothing else.
    auto stems = search_ids(index, "отключениями", 50);
    std::sort(stems.begin(), stems.end());
    CHECK(stems == std::vector<std::string>{"ru-0001", "ru-0002", "ru-0004", "ru-0006", "ru-0007", "ru-0012",
                                            "заметки/обзор-прессы.txt"});
}

TEST_CASE("e2e: filters: --lang, lang:, --since/--until, date:, source:, exclusion") {
    const std::string& index = sample_index();
    auto all =
        parse_hits(run_sova({"search", "--json", "-i", index, "-n", "100", "Kyiv OR Київ OR Києва OR Киев"}).out);
    REQUIRE(all.size() >= 3);

    auto uk = parse_hits(
        run_sova({"search", "--json", "-i", index, "-n", "100", "--lang", "uk", "Kyiv OR Київ OR Києва OR Киев"}).out);
    REQUIRE_FALSE(uk.empty());
    for (const auto& hit : uk) CHECK(hit.lang == "uk");
    CHECK(ids(uk) == search_ids(index, "(Kyiv OR Київ OR Києва OR Киев) lang:uk", 100));

    auto dated = parse_hits(run_sova({"search", "--json", "-i", index, "-n", "100", "--since", "2023-01-01", "--until",
                                      "2023-12-31", "Kyiv OR Київ OR Києва OR Киев"})
                                .out);
    REQUIRE_FALSE(dated.empty());
    for (const auto& hit : dated) CHECK(hit.date.starts_with("2023"));
    CHECK(ids(dated) == search_ids(index, "(Kyiv OR Київ OR Києва OR Киев) date:2023", 100));

    auto no_grain = search_ids(index, "Odesa -grain", 100);
    CHECK_FALSE(no_grain.empty());
    CHECK_FALSE(contains(no_grain, "en-0003"));
    CHECK(contains(search_ids(index, "Odesa", 100), "en-0003"));

    auto herald =
        parse_hits(run_sova({"search", "--json", "-i", index, "-n", "100", "source:\"Kyiv Herald\" winter"}).out);
    REQUIRE_FALSE(herald.empty());
    for (const auto& hit : herald) CHECK(hit.source == "Kyiv Herald");
}

TEST_CASE("e2e: all-word matches rank first, --all and +word require words") {
    const std::string& index = sample_index();
    auto ranked = parse_hits(run_sova({"search", "--json", "-i", index, "-n", "100", "Savchuk", "blackouts"}).out);
    REQUIRE(ranked.size() >= 3);
    bool seen_partial = false;
    for (const auto& hit : ranked) {
        if (hit.matched < hit.clauses)
            seen_partial = true;
        else
            CHECK_FALSE(seen_partial); // no full match after a partial one
    }
    CHECK(seen_partial); // partial matches are shown, not hidden

    auto all =
        parse_hits(run_sova({"search", "--json", "-i", index, "-n", "100", "--all", "Savchuk", "blackouts"}).out);
    REQUIRE_FALSE(all.empty());
    CHECK(all.size() < ranked.size());
    for (const auto& hit : all) CHECK(hit.matched == hit.clauses);
    CHECK(search_ids(index, "+Savchuk +blackouts", 100) == ids(all));
}

TEST_CASE("e2e: paging with --offset continues the ranking") {
    const std::string& index = sample_index();
    auto first = search_ids(index, "Kyiv OR Київ OR Киев", 6);
    REQUIRE(first.size() == 6);
    ProcessResult r = run_sova({"search", "--json", "-i", index, "-n", "3", "--offset", "3", "Kyiv OR Київ OR Киев"});
    auto page2 = parse_hits(r.out);
    REQUIRE(page2.size() == 3);
    CHECK(page2[0].rank == 4);
    CHECK(ids(page2) == std::vector<std::string>(first.begin() + 3, first.end()));
}

TEST_CASE("e2e: cross-script keys connect the spellings of a name across scripts") {
    const std::string& index = sample_index();
    auto langs_of = [&](const std::string& query, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"search", "--json", "-i", index, "-n", "100"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(query);
        std::set<std::string> langs;
        for (const auto& hit : parse_hits(run_sova(args).out)) langs.insert(hit.lang);
        return langs;
    };
    // A Latin query finds Cyrillic articles, and the other way round.
    for (const char* query : {"Kharkiv", "Харків", "Харьков", "Kharkov"}) {
        auto langs = langs_of(query);
        CHECK_MESSAGE(langs.count("en"), query);
        CHECK_MESSAGE(langs.count("ru"), query);
        CHECK_MESSAGE(langs.count("uk"), query);
    }
    auto shahed = search_ids(index, "Shahed", 100);
    CHECK(contains(shahed, "en-0002"));
    CHECK(contains(search_ids(index, "Шахед", 100), "en-0002"));
    // Exact spellings still rank first: an English query puts English articles on top.
    auto hits = parse_hits(run_sova({"search", "--json", "-i", index, "-n", "3", "Kharkiv"}).out);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].lang == "en");
    // Switched off, a Latin query finds only Latin spellings.
    auto plain = langs_of("Kharkiv", {"--no-cross-script"});
    CHECK(plain.count("ru") == 0);
}
