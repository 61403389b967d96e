// sova_eval_correction: spelling and keyboard-layout corrections on the queries of judged
// collections (README.md, "Corrections"). For each query, in its dev or held-out half:
//   layout    the query retyped with the keys of the other layout (Cyrillic on QWERTY, Latin
//             on the Russian ЙЦУКЕН): is the top hit that of the query as meant?
//   spelling  two adjacent letters swapped in every long word: is the top hit recovered?
//   correct   the query as meant: is a correction proposed (applied or suggested)?
//   latency   a batch search of every query as meant, with and without corrections: p50.
#include "bench/eval/program.hpp"
#include "bench/eval/split.hpp"
#include "bench/eval/trec.hpp"
#include "query/keyboard_layout.hpp"

#include <sova/index.hpp>
#include <sova/search.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace ev = sova::eval;
namespace fs = std::filesystem;

const char* const usage = "Usage: sova_eval_correction --collection DIR [--collection DIR ...] [options]\n"
                          "  --collection DIR   articles.jsonl and queries.tsv (repeatable)\n"
                          "  --work DIR         indexes (default /tmp/sova-eval-correction)\n"
                          "  --reuse            keep an index built by an earlier run\n"
                          "  --min-letters N    a long word has N letters or more (default 5)\n"
                          "  --runs N           latency runs, with and without corrections in turn (default 5)\n"
                          "  --failures FILE    the dev queries a correction fails, with what was searched\n";

struct Settings {
    std::vector<std::string> collections;
    fs::path work = "/tmp/sova-eval-correction";
    bool reuse = false;
    std::size_t min_letters = 5;
    int runs = 5;
    std::string failures;
};

Settings parse(int argc, char** argv) {
    Settings s;
    ev::Arguments args(argc, argv);
    while (args.next()) {
        const std::string& flag = args.flag();
        if (flag == "--help" || flag == "-h") throw ev::HelpRequested{};
        if (flag == "--collection")
            s.collections.push_back(args.value());
        else if (flag == "--work")
            s.work = args.value();
        else if (flag == "--reuse")
            s.reuse = true;
        else if (flag == "--min-letters")
            s.min_letters = std::stoul(args.value());
        else if (flag == "--runs")
            s.runs = std::stoi(args.value());
        else if (flag == "--failures")
            s.failures = args.value();
        else
            throw ev::UsageError("unknown option " + flag);
    }
    if (s.collections.empty()) throw ev::UsageError("no --collection given");
    return s;
}

// The code points of UTF-8 text, each as its bytes.
std::vector<std::string> characters(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
        length = std::min(length, text.size() - at);
        out.push_back(text.substr(at, length));
        at += length;
    }
    return out;
}

// A letter of any alphabet: ASCII letters and every multi-byte character but punctuation
// (enough for the scripts of these collections).
bool is_letter(const std::string& c) {
    if (c.size() == 1) return std::isalpha(static_cast<unsigned char>(c[0])) != 0;
    return c != "\xC2\xAB" && c != "\xC2\xBB" && c.rfind("\xE2\x80", 0) != 0; // « » and – — ’ “ ”
}

// A fixed hash (FNV-1a) for the position of a swap.
std::uint64_t hash_of(const std::string& text) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// `query` with two adjacent, different letters swapped in every word of `min_letters` letters or
// more (the pair chosen by a hash of the query id and the word's place); "" when no word is long.
std::string transpose_long_words(const std::string& qid, const std::string& query, std::size_t min_letters) {
    std::string out;
    bool changed = false;
    std::vector<std::string> word;
    std::size_t index = 0;
    auto flush = [&] {
        if (word.size() >= min_letters) {
            const std::size_t pairs = word.size() - 1;
            const std::size_t start = hash_of(qid + "#" + std::to_string(index)) % pairs;
            for (std::size_t k = 0; k < pairs; ++k) {
                const std::size_t at = (start + k) % pairs;
                if (word[at] != word[at + 1]) {
                    std::swap(word[at], word[at + 1]);
                    changed = true;
                    break;
                }
            }
        }
        for (const auto& c : word) out += c;
        word.clear();
        ++index;
    };
    for (const std::string& c : characters(query)) {
        if (is_letter(c)) {
            word.push_back(c);
            continue;
        }
        flush();
        out += c;
    }
    flush();
    return changed ? out : "";
}

bool has_cyrillic(const std::string& text) {
    for (const std::string& c : characters(text)) {
        const auto lead = static_cast<unsigned char>(c[0]);
        if (c.size() == 2 && lead >= 0xD0 && lead <= 0xD3) return true;
    }
    return false;
}

struct Counter {
    std::size_t n = 0, ok = 0;
    void add(bool good) {
        ++n;
        ok += good;
    }
    std::string share() const {
        if (n == 0) return "–";
        std::ostringstream s;
        s << std::fixed << std::setprecision(1) << 100.0 * static_cast<double>(ok) / static_cast<double>(n) << " % ("
          << ok << "/" << n << ")";
        return s.str();
    }
};

struct HalfScores {
    Counter layout_cyrillic, layout_latin, spelling, corrected_correct;
    std::vector<double> with_ms, without_ms;
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string top_hit(sova::Searcher& searcher, const std::string& query, sova::SearchOptions options,
                    std::string* correction = nullptr) {
    try {
        sova::SearchResults results = searcher.search(query, options);
        if (correction && results.correction)
            *correction = std::string(results.correction->applied ? "searched " : "suggested ") + "«" +
                          results.correction->query + "» (" + results.correction->reason + ")";
        return results.hits.empty() ? "" : results.hits.front().id;
    } catch (const sova::QueryError& e) {
        if (correction) *correction = std::string("error: ") + e.what();
        return "";
    }
}

std::string fixed(double value, int digits) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << value;
    return s.str();
}

sova::SearchOptions batch_options(bool correct) {
    sova::SearchOptions options;
    options.snippets = false; // as `sova search --batch`
    options.count_matched = false;
    options.entity_scores = false;
    options.correct = correct;
    return options;
}

// Searches every query as meant `runs` times with and without corrections, the two one after
// the other (in turns, which goes first), so that a change in the machine's load weighs on
// both alike; the median of each query's times.
void measure_latency(sova::Searcher& searcher, const std::vector<ev::Topic>& topics, int runs,
                     std::map<ev::Half, HalfScores>& scores) {
    std::vector<std::vector<double>> with(topics.size()), without(topics.size());
    for (int run = 0; run < runs; ++run)
        for (std::size_t i = 0; i < topics.size(); ++i)
            for (int turn = 0; turn < 2; ++turn) {
                const bool correct = (turn + run + static_cast<int>(i % 2)) % 2 == 0;
                const auto begin = std::chrono::steady_clock::now();
                top_hit(searcher, topics[i].query, batch_options(correct));
                const double ms =
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
                (correct ? with : without)[i].push_back(ms);
            }
    for (std::size_t i = 0; i < topics.size(); ++i) {
        HalfScores& s = scores[ev::half_of(topics[i].qid)];
        s.with_ms.push_back(median(with[i]));
        s.without_ms.push_back(median(without[i]));
    }
}

std::string build_index(const fs::path& collection, const Settings& settings) {
    const fs::path index = settings.work / collection.filename() / "sova";
    if (settings.reuse && fs::exists(index)) return index.string();
    fs::remove_all(index);
    fs::create_directories(index.parent_path());
    sova::IndexingOptions options;
    options.strict = true;
    sova::IndexWriter writer = sova::IndexWriter::create_or_open(index.string());
    sova::index_paths(writer, {(collection / "articles.jsonl").string()}, options);
    return index.string();
}

void evaluate(const fs::path& collection, const Settings& settings, std::ostream& failures) {
    const std::string index = build_index(collection, settings);
    const std::vector<ev::Topic> topics = ev::read_topics((collection / "queries.tsv").string());
    sova::Searcher searcher = sova::Searcher::open(index);
    std::map<ev::Half, HalfScores> scores;
    auto fail = [&](const ev::Topic& topic, const char* task, const std::string& typed, const std::string& what,
                    const std::string& got, const std::string& want) {
        if (ev::half_of(topic.qid) != ev::Half::dev) return;
        failures << "- " << task << " `" << topic.qid << "` «" << topic.query << "» typed «" << typed
                 << "»: " << (what.empty() ? "no correction" : what) << "; top " << (got.empty() ? "none" : got)
                 << ", wanted " << want << "\n";
    };
    for (const ev::Topic& topic : topics) {
        HalfScores& s = scores[ev::half_of(topic.qid)];
        const std::string meant = top_hit(searcher, topic.query, batch_options(false));
        std::string proposed;
        top_hit(searcher, topic.query, batch_options(true), &proposed);
        s.corrected_correct.add(!proposed.empty());
        if (!proposed.empty()) fail(topic, "correct query corrected", topic.query, proposed, "", "none");
        if (meant.empty()) continue; // nothing to recover
        const bool cyrillic = has_cyrillic(topic.query);
        const std::string retyped =
            cyrillic ? sova::detail::cyrillic_as_qwerty(topic.query)
                     : sova::detail::qwerty_as_cyrillic(topic.query, sova::detail::CyrillicLayout::russian);
        std::string what;
        std::string got = top_hit(searcher, retyped, batch_options(true), &what);
        (cyrillic ? s.layout_cyrillic : s.layout_latin).add(got == meant);
        if (got != meant) fail(topic, "layout", retyped, what, got, meant);
        const std::string misspelt = transpose_long_words(topic.qid, topic.query, settings.min_letters);
        if (misspelt.empty()) continue;
        what.clear();
        got = top_hit(searcher, misspelt, batch_options(true), &what);
        s.spelling.add(got == meant);
        if (got != meant) fail(topic, "spelling", misspelt, what, got, meant);
    }
    measure_latency(searcher, topics, settings.runs, scores);
    const std::string name = collection.filename().string();
    for (ev::Half half : {ev::Half::dev, ev::Half::held_out}) {
        const HalfScores& s = scores[half];
        const double with = median(s.with_ms);
        const double without = median(s.without_ms);
        std::cout << "| " << name << " | " << ev::half_name(half) << " | " << s.layout_cyrillic.share() << " | "
                  << s.layout_latin.share() << " | " << s.spelling.share() << " | " << s.corrected_correct.share()
                  << " | " << fixed(without, 2) << " | " << fixed(with, 2) << " | "
                  << fixed(without > 0 ? with / without : 0, 3) << "× |\n";
    }
}

} // namespace

int main(int argc, char** argv) {
    return ev::program_main("sova_eval_correction", usage, [&] {
        const Settings settings = parse(argc, argv);
        std::ofstream failure_file;
        std::ostringstream discarded;
        if (!settings.failures.empty()) failure_file.open(settings.failures);
        std::ostream& failures = settings.failures.empty() ? static_cast<std::ostream&>(discarded) : failure_file;
        std::cout << "| collection | half | layout: Cyrillic typed on QWERTY | layout: Latin typed on ЙЦУКЕН | "
                     "spelling: a swap in every long word | correct queries corrected | p50 ms without | p50 ms "
                     "with | ratio |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
        for (const std::string& collection : settings.collections) evaluate(collection, settings, failures);
        return 0;
    });
}
