// End to end: the command line as a careful user meets it: mistyped commands, help, the index
// from the environment, ambiguous options, batch files that are not query lists, and the
// documentation (every flag of the help documented, every example printing what it shows).
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace sova::test;

const std::vector<std::string> commands = {"index", "search", "compact", "entities", "analyze"};

// The sample indexed as `make demo` and the examples of docs/CLI.md index it.
const std::string& sample_index() {
    static TempDir dir;
    static std::string index = [] {
        std::string path = dir / "news.idx";
        ProcessResult r = run_sova({"index", "-q", "-i", path, sample_dir() + "/news.jsonl", sample_dir() + "/notes"});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return path;
    }();
    return index;
}

std::string cli_doc() {
    std::string text = read_file(std::string(SOVA_DOCS_DIR) + "/CLI.md");
    REQUIRE_MESSAGE(!text.empty(), "cannot read docs/CLI.md");
    return text;
}

// The long option names (`--lang`) a help text lists, without --help.
std::vector<std::string> flags_in_help(const std::string& help) {
    std::vector<std::string> flags;
    std::istringstream in(help);
    for (std::string line; std::getline(in, line);) {
        std::size_t at = line.find_first_not_of(' ');
        if (at == std::string::npos || at == 0 || line[at] != '-') continue; // option lines are indented
        for (std::size_t dash = line.find("--", at); dash != std::string::npos && dash < line.find(' ', at);
             dash = line.find("--", dash + 2)) {
            std::size_t end = dash + 2;
            while (end < line.size() && (std::islower(static_cast<unsigned char>(line[end])) || line[end] == '-'))
                ++end;
            if (std::string flag = line.substr(dash, end - dash); flag != "--help") flags.push_back(flag);
        }
    }
    return flags;
}

// Whether `text` names `flag` (`--lang`, not `--language`).
bool names_flag(const std::string& text, const std::string& flag) {
    for (std::size_t at = text.find(flag); at != std::string::npos; at = text.find(flag, at + 1)) {
        std::size_t end = at + flag.size();
        if (end == text.size() || !(std::islower(static_cast<unsigned char>(text[end])) || text[end] == '-'))
            return true;
    }
    return false;
}

// What docs/CLI.md says of `command`: its lines of the synopsis and its section.
std::string documentation_of(const std::string& doc, const std::string& command) {
    std::string out;
    std::istringstream in(doc.substr(0, doc.find("\n## ")));
    bool in_command = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("sova "))
            in_command = line.starts_with("sova " + command + " ");
        else if (!line.starts_with(" "))
            in_command = false;
        if (in_command) out += line + "\n";
    }
    if (std::size_t section = doc.find("\n## sova " + command + "\n"); section != std::string::npos)
        out += doc.substr(section, doc.find("\n## ", section + 1) - section);
    return out;
}

// The words of an example command line, with '…' and "…" quoting as a shell reads them.
std::vector<std::string> shell_words(const std::string& line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (char c : line) {
        if (quote) {
            if (c == quote)
                quote = 0;
            else
                word += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == ' ') {
            if (in_word) words.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) words.push_back(word);
    return words;
}

struct Example {
    std::string command, output;
};

// The examples of a Markdown text: in code blocks, a line `$ sova …` and the lines after it up to
// the next `$ ` line or the end of the block, which are what it prints.
std::vector<Example> examples_in(const std::string& doc) {
    std::vector<Example> examples;
    std::istringstream in(doc);
    bool in_block = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("```")) {
            in_block = !in_block;
            continue;
        }
        if (!in_block) continue;
        if (line.starts_with("$ "))
            examples.push_back({line.substr(2), {}});
        else if (!examples.empty() && !examples.back().command.empty() && in_block)
            examples.back().output += line + "\n";
    }
    return examples;
}

} // namespace

TEST_CASE("e2e: a mistyped command is answered with the command it is nearest to") {
    ProcessResult r = run_sova({"serach", "Kyiv"});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "sova: error: unknown command 'serach'; did you mean 'search'?"));
    CHECK(has(run_sova({"entites", "-n", "3"}).err, "did you mean 'entities'?"));
    CHECK(has(run_sova({"compcat"}).err, "did you mean 'compact'?"));
    // So are mistyped options, the program's own and each command's.
    ProcessResult version = run_sova({"--versoin"});
    CHECK(version.exit_code == 2);
    CHECK(has(version.err, "sova: error: unknown option '--versoin' for `sova`; did you mean '--version'?"));
    ProcessResult limit = run_sova({"search", "-i", sample_index(), "--limt", "3", "Kyiv"});
    CHECK(limit.exit_code == 2);
    CHECK(has(limit.err, "sova: error: unknown option '--limt' for `sova search`; did you mean '--limit'?"));
    CHECK(has(run_sova({"index", "--strcit", "x.jsonl"}).err, "did you mean '--strict'?"));
    // After `--` everything is a query word, even what looks like an option.
    CHECK(run_sova({"search", "-i", sample_index(), "-n", "1", "--", "--limt"}).exit_code != 2);
    ProcessResult far = run_sova({"find", "Kyiv"});
    CHECK(far.exit_code == 2);
    CHECK(has(far.err, "unknown command 'find'; the commands are index, search, compact, entities, analyze"));
}

TEST_CASE("e2e: help names the program in its usage lines") {
    CHECK(has(run_sova({"--help"}).out, "Usage: sova [OPTIONS]"));
    for (const auto& command : commands) {
        ProcessResult r = run_sova({command, "--help"});
        CHECK(r.exit_code == 0);
        CHECK_MESSAGE(has(r.out, "\nUsage: sova " + command + " "), command << ":\n" << r.out);
    }
}

TEST_CASE("e2e: --index may come from $SOVA_INDEX: not marked required, and a missing index names both ways") {
    for (const auto& command : {"index", "search", "compact", "entities"}) {
        ProcessResult help = run_process({SOVA_BINARY, command, "--help"}, {}, -1, 0, {"SOVA_INDEX="});
        const std::size_t at = help.out.find("--index");
        REQUIRE(at != std::string::npos);
        const std::string line = help.out.substr(at, help.out.find('\n', at) - at);
        CHECK_MESSAGE(!has(line, "REQUIRED"), command << ": " << line);
        CHECK(has(help.out, "SOVA_INDEX"));
    }
    ProcessResult missing = run_process({SOVA_BINARY, "search", "Kyiv"}, {}, -1, 0, {"SOVA_INDEX="});
    CHECK(missing.exit_code == 2);
    CHECK(has(missing.err, "sova: error: no index given: use --index DIR (-i DIR) or set the environment variable "
                           "SOVA_INDEX"));
    ProcessResult from_env =
        run_process({SOVA_BINARY, "search", "-n", "0", "Kyiv"}, {}, -1, 0, {"SOVA_INDEX=" + sample_index()});
    CHECK_MESSAGE(from_env.exit_code == 0, from_env.err);
    CHECK(has(from_env.out, "articles match."));
}

TEST_CASE("e2e: --lang takes one value or a comma-separated list per flag: a language code after it is no query word") {
    const std::string& index = sample_index();
    ProcessResult ambiguous = run_sova({"search", "-i", index, "--lang", "uk", "ru", "Київ"});
    CHECK(ambiguous.exit_code == 2);
    CHECK(ambiguous.out.empty());
    CHECK(has(ambiguous.err, "sova: error: --lang uk ru: is ru a language or a query word?"));
    CHECK(has(ambiguous.err, "--lang uk,ru"));
    CHECK(has(run_sova({"search", "-i", index, "--lang=uk,ru", "en", "Київ"}).err, "--lang uk,ru,en"));

    auto count = [&](const std::vector<std::string>& args) {
        std::vector<std::string> all = {"search", "-i", index, "-n", "0"};
        all.insert(all.end(), args.begin(), args.end());
        ProcessResult r = run_sova(all);
        INFO(r.err);
        REQUIRE((r.exit_code == 0 || r.exit_code == 1));
        return r.out;
    };
    const std::string both = count({"--lang", "uk,ru", "Київ"});
    CHECK(both == count({"--lang", "uk", "--lang", "ru", "Київ"}));
    CHECK(both != count({"--lang", "uk", "Київ"}));
    CHECK(count({"--lang", "uk", "--", "ru", "Київ"}) == count({"--lang", "uk", "Київ", "ru"}));
    CHECK(count({"--lang", "uk", "Київ"}) == count({"Київ", "--lang", "uk"})); // a query word: not a code
    // After --, everything is query, also after a --lang (which used to take the -- as the end of its list).
    ProcessResult after = run_sova({"search", "-i", index, "--lang", "uk", "--", "Київ", "-n", "0"});
    CHECK_MESSAGE(has(after.out, "\nHits 1–"), after.out << after.err);
}

TEST_CASE("e2e: --format without --batch is an error, not ignored") {
    ProcessResult r = run_sova({"search", "-i", sample_index(), "--format", "trec", "Kyiv"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(has(r.err, "sova: error: --format trec applies to --batch runs only"));
    CHECK(run_sova({"search", "-i", sample_index(), "--format", "json", "Kyiv"}).exit_code == 2);
    CHECK(run_sova({"search", "-i", sample_index(), "--batch", "-", "--format", "json"}, "Kyiv\n").exit_code == 0);
    // So is a run tag that would tag nothing.
    ProcessResult tag = run_sova({"search", "-i", sample_index(), "--batch", "-", "--run-tag", "mine"}, "Kyiv\n");
    CHECK(tag.exit_code == 2);
    CHECK(has(tag.err, "sova: error: --run-tag tags TREC runs only"));
    ProcessResult trec =
        run_sova({"search", "-i", sample_index(), "--batch", "-", "--format", "trec", "--run-tag", "mine", "-n", "1"},
                 "q1\tKyiv\n");
    CHECK(trec.exit_code == 0);
    CHECK(has(trec.out, " mine\n"));
    ProcessResult plain =
        run_sova({"search", "-i", sample_index(), "--batch", "-", "--format", "trec", "-n", "1"}, "q1\tKyiv\n");
    CHECK(has(plain.out, " sova\n"));
}

TEST_CASE("e2e: a batch file's header line and lines with extra columns are reported by line, not run") {
    TempDir dir;
    const std::string queries =
        dir.write("queries.tsv", "# topics\nqid\tquery\nq1\tKyiv blackouts\nq2\tOdesa\tport grain\n\nq3\tKharkiv\n");
    ProcessResult r = run_sova({"search", "-i", sample_index(), "--batch", queries, "-n", "1"});
    CHECK(r.exit_code == 1); // some lines failed
    CHECK(has(r.err, "sova: error: " + queries + ":2: a header line, not a query"));
    CHECK(has(r.err, "sova: error: " + queries +
                         ":4: 3 tab-separated fields; a query line is \"query\" or "
                         "\"qid<TAB>query\""));
    CHECK(has(r.err, "2 queries (2 failed)"));
    CHECK(!has(r.out, "\"qid\":\"qid\""));
    CHECK(!has(r.out, "\"qid\":\"q2\""));
    CHECK(has(r.out, "\"qid\":\"q1\""));
    CHECK(has(r.out, "\"qid\":\"q3\""));

    // Only the first line can be a header: later, "id<TAB>text" is a query like any other.
    ProcessResult later = run_sova({"search", "-i", sample_index(), "--batch", "-"}, "Kyiv\nid\ttext\n");
    CHECK(later.exit_code == 0);
    CHECK(has(later.out, "\"qid\":\"id\",\"query\":\"text\""));
}

TEST_CASE("e2e: every flag that --help lists for a command is documented for it in docs/CLI.md") {
    const std::string doc = cli_doc();
    for (const auto& flag : flags_in_help(run_sova({"--help"}).out))
        CHECK_MESSAGE(names_flag(doc.substr(0, doc.find("\n## ")), flag), "sova " << flag << " is not in the synopsis");
    for (const auto& command : commands) {
        ProcessResult help = run_sova({command, "--help"});
        REQUIRE(help.exit_code == 0);
        const std::vector<std::string> flags = flags_in_help(help.out);
        CHECK(flags.size() >= 2);
        const std::string documented = documentation_of(doc, command);
        for (const auto& flag : flags)
            CHECK_MESSAGE(names_flag(documented, flag),
                          "sova " << command << " " << flag << " is not documented in docs/CLI.md");
    }
}

TEST_CASE("e2e: the examples in docs/CLI.md print what they show, run on the bundled sample") {
    const std::vector<Example> examples = examples_in(cli_doc());
    REQUIRE(examples.size() >= 2);
    for (const auto& example : examples) {
        std::vector<std::string> words = shell_words(example.command);
        REQUIRE(words.size() >= 2);
        REQUIRE(words.front() == "sova");
        words.erase(words.begin());
        for (auto& word : words)
            if (word == "news.idx") word = sample_index();
        ProcessResult r = run_sova(words);
        INFO("$ " << example.command << "\nstderr: " << r.err);
        CHECK((r.exit_code == 0 || r.exit_code == 1));
        CHECK(r.out == example.output);
    }
}
