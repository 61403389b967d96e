// End to end: scripts written without spaces (Chinese, Thai) and inflected Ukrainian and
// Russian, searched with the real binary over a small corpus this file writes.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace sova::test;

namespace {

struct Article {
    const char* id;
    const char* lang;
    const char* title;
    const char* text;
};

// Original short news texts. Each search below has distractors: articles in the same script
// that hold only some of the query's words, or none.
const Article corpus[] = {
    {"zh-metro", "zh", "上海地铁新线路开通",
     "上海地铁十八号线二期工程今天正式开通运营。新线路连接浦东新区和杨浦区，全长约十七公里。"
     "市民表示，上班时间可以节省二十分钟。交通部门预计每天将有十万名乘客使用这条线路。"},
    // 北京 opens the text, 天气 comes four clauses later.
    {"zh-autumn", "zh", "香山红叶迎来游客",
     "北京的秋天来得很快。这个周末，香山的红叶吸引了很多游客。气象台说，下周天气晴朗，适合出游。"
     "公园管理处建议大家乘坐公共交通前往。"},
    {"zh-campus", "zh", "毕业典礼",
     "北京大学今天举行毕业典礼，三千多名学生参加。校长在讲话中鼓励毕业生到基层工作。典礼结束后，学生们在校园里拍照留念"
     "。"},
    {"zh-heat", "zh", "广州高温", "广州今天天气炎热，最高气温达到三十八度。医生提醒老人和儿童减少外出。"},
    {"th-flood", "th", "ฝนตกหนักในภาคเหนือ",
     "ฝนตกหนักต่อเนื่องสามวันทำให้เกิดน้ำท่วมในตัวเมืองเชียงใหม่ เจ้าหน้าที่ได้อพยพประชาชนออกจากพื้นที่เสี่ยงแล้ว "
     "โรงเรียนหลายแห่งประกาศปิดชั่วคราว กรมอุตุนิยมวิทยาคาดว่าฝนจะเริ่มลดลงในสัปดาห์หน้า"},
    {"th-train", "th", "รถไฟฟ้าสายใหม่",
     "กรุงเทพมหานครเปิดเส้นทางรถไฟฟ้าสายใหม่ในวันจันทร์ ผู้โดยสารสามารถเดินทางจากใจกลางเมืองไปสนามบินได้ภายในสามสิบนาที "
     "ค่าโดยสารเริ่มต้นที่สิบหกบาท"},
    // Київ appears only as "Києва", енергетика only as "енергетиці".
    {"uk-power", "uk", "Столиця знову зі світлом",
     "Ремонтні бригади працювали всю ніч у трьох районах Києва. Зранку електропостачання відновили, повідомила "
     "компанія, що постачає світло до столиці. Пошкоджену підстанцію замінили новою. Міністр наголосив, що реформи "
     "в енергетиці тривають."},
    {"uk-port", "uk", "Порт працює",
     "Одеський порт прийняв перші судна після шторму. Капітани кажуть, що хвилі були найвищими за десять років."},
    // Written "выставка", "художников", "Москве".
    {"ru-art", "ru", "Открытие в столице",
     "В Москве открылась выставка картин молодых художников. Посетители смогут увидеть более ста работ. "
     "Организаторы планируют показать экспозицию и в других городах."},
    {"ru-sport", "ru", "Футбол", "Местная команда выиграла кубок области. Болельщики встречали игроков на вокзале."},
};

std::string json_line(const Article& a) {
    return std::string("{\"id\":\"") + a.id + "\",\"lang\":\"" + a.lang + "\",\"title\":\"" + a.title +
           "\",\"text\":\"" + a.text + "\"}\n";
}

const Article& article(std::string_view id) {
    for (const Article& a : corpus)
        if (a.id == id) return a;
    FAIL("no article " << id);
    return corpus[0];
}

// One index of the corpus, shared by the read-only tests of this file.
const std::string& scripts_index() {
    static TempDir dir;
    static const std::string index = [] {
        std::string jsonl;
        for (const Article& a : corpus) jsonl += json_line(a);
        const std::string input = dir.write("corpus.jsonl", jsonl);
        const std::string path = dir / "index";
        ProcessResult r = run_sova({"index", "-i", path, input});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        REQUIRE(r.out.find("10 added") != std::string::npos);
        return path;
    }();
    return index;
}

// Hit ids with cross-script keys off, so that only exact terms and stems can match.
std::vector<std::string> stem_ids(const std::string& query) {
    ProcessResult r = run_sova({"search", "--json", "--no-cross-script", "-i", scripts_index(), "--", query});
    INFO("query: " << query << "\nstderr: " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return ids(parse_hits(r.out));
}

using Ids = std::vector<std::string>;

// The hits as a set, where the order of equally good hits is not the point.
std::set<std::string> id_set(const Ids& hits) {
    return {hits.begin(), hits.end()};
}

} // namespace

TEST_CASE("e2e: a Chinese article is found by a word in it, and the word is highlighted") {
    const std::string& index = scripts_index();
    CHECK(search_ids(index, "地铁") == Ids{"zh-metro"});
    CHECK(search_ids(index, "乘客") == Ids{"zh-metro"});
    CHECK(search_ids(index, "游客") == Ids{"zh-autumn"});

    auto hits = parse_hits(run_sova({"search", "--json", "-i", index, "地铁"}).out);
    REQUIRE(hits.size() == 1);
    REQUIRE(hits[0].highlights.size() == 1);
    auto [b, e] = hits[0].highlights[0];
    REQUIRE(e <= hits[0].snippet.size());
    CHECK(hits[0].snippet.substr(b, e - b) == "地铁");
}

TEST_CASE("e2e: a Chinese query typed without spaces finds its words wherever they are") {
    const std::string& index = scripts_index();
    // 北京天气 is split into 北京 and 天气; zh-autumn has them far apart. zh-campus has only
    // 北京 and zh-heat only 天气: split words must all occur, so neither is a hit.
    const std::string_view text = article("zh-autumn").text;
    REQUIRE(text.find("北京天气") == std::string_view::npos);
    CHECK(id_set(search_ids(index, "北京")) == std::set<std::string>{"zh-campus", "zh-autumn"});
    CHECK(id_set(search_ids(index, "天气")) == std::set<std::string>{"zh-heat", "zh-autumn"});
    CHECK(search_ids(index, "北京天气") == Ids{"zh-autumn"});
    CHECK(search_ids(index, "上海乘客") == Ids{"zh-metro"});

    auto hits = parse_hits(run_sova({"search", "--json", "-i", index, "北京天气"}).out);
    REQUIRE(hits.size() == 1);
    std::set<std::string> marked;
    for (auto [b, e] : hits[0].highlights) {
        REQUIRE(e <= hits[0].snippet.size());
        marked.insert(hits[0].snippet.substr(b, e - b));
    }
    CHECK(marked == std::set<std::string>{"北京", "天气"});
}

TEST_CASE("e2e: a Thai article is found by a word in it, and by words typed together") {
    const std::string& index = scripts_index();
    CHECK(search_ids(index, "เชียงใหม่") == Ids{"th-flood"}); // Chiang Mai
    CHECK(search_ids(index, "น้ำท่วม") == Ids{"th-flood"});   // flood
    CHECK(search_ids(index, "สนามบิน") == Ids{"th-train"});  // airport
    CHECK(search_ids(index, "น้ำท่วมเชียงใหม่") == Ids{"th-flood"});
    CHECK(search_ids(index, "รถไฟฟ้าเชียงใหม่") == Ids{}); // both words occur, never in one article
}

TEST_CASE("e2e: inflected Ukrainian queries find articles written with other forms") {
    // Hunspell lemmas: Києві and Києва -> київ; енергетики and енергетиці -> енергетика.
    const std::string_view text = article("uk-power").text;
    REQUIRE(text.find("Києві") == std::string_view::npos);
    REQUIRE(text.find("енергетики") == std::string_view::npos);
    CHECK(stem_ids("Києві") == Ids{"uk-power"});
    CHECK(stem_ids("енергетики") == Ids{"uk-power"});
    // A quoted word matches its exact form only, so the stem is what found the article.
    CHECK(stem_ids("\"Києві\"") == Ids{});
    // With cross-script keys (the default) the result is the same.
    CHECK(search_ids(scripts_index(), "Києві") == Ids{"uk-power"});
}

TEST_CASE("e2e: inflected Russian queries find articles written with other forms") {
    // Snowball: выставкой -> выставк, художниками -> художник, Москвой -> москв.
    const std::string_view text = article("ru-art").text;
    for (const char* form : {"выставкой", "художниками", "Москвой"}) REQUIRE(text.find(form) == std::string_view::npos);
    CHECK(stem_ids("выставкой") == Ids{"ru-art"});
    CHECK(stem_ids("художниками") == Ids{"ru-art"});
    CHECK(stem_ids("Москвой") == Ids{"ru-art"});
    CHECK(stem_ids("\"художниками\"") == Ids{});
}

TEST_CASE("e2e: sova analyze shows the words of a Chinese sentence") {
    ProcessResult text = run_sova({"analyze", "上海地铁今天正式开通。"});
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    CHECK(text.out.starts_with("language: zh (detected)\n"));
    CHECK(text.out.find("1    0-6    上海") != std::string::npos);
    CHECK(text.out.find("5    24-30  开通") != std::string::npos);

    ProcessResult json = run_sova({"analyze", "--json", "--lang", "zh", "上海地铁今天正式开通。"});
    REQUIRE_MESSAGE(json.exit_code == 0, json.err);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    REQUIRE(parser.parse(json.out).get(doc) == simdjson::SUCCESS);
    CHECK(std::string_view(doc["lang"]) == "zh");
    std::vector<std::string> words;
    for (simdjson::dom::element token : simdjson::dom::array(doc["tokens"])) {
        words.emplace_back(std::string_view(token["surface"]));
        CHECK(std::string_view(token["script"]) == "Hani");
        CHECK(std::string_view(token["stem"]).empty());
    }
    CHECK(words == std::vector<std::string>{"上海", "地铁", "今天", "正式", "开通"});
}
