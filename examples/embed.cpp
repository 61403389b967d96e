// Embedding Sova: create an index, add a few articles, search them.
// Usage: embed_example INDEX_DIR
#include <sova/sova.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " INDEX_DIR\n";
        return 2;
    }
    try {
        // 1. Write: one writer per index; articles are replaced by id.
        {
            auto writer = sova::IndexWriter::create_or_open(argv[1]);
            writer.add({.id = "a1",
                        .title = "Kyiv braces for a cold winter",
                        .text = "Engineers in Kyiv repaired the damaged substations before the frost.",
                        .date = "2023-11-02",
                        .lang = "en",
                        .source = "Example Herald"});
            writer.add({.id = "a2",
                        .title = "Київ готується до зими",
                        .text = "Енергетики відновили пошкоджені підстанції до морозів.",
                        .date = "2023-11-03",
                        .source = "Приклад"}); // language detected
            writer.add({.id = "a3",
                        .title = "Зерно из Одессы",
                        .text = "Ещё пять судов с зерном вышли из порта.",
                        .lang = "ru"});
            writer.commit();
        }

        // 2. Search: the same analyser parses the query.
        auto searcher = sova::Searcher::open(argv[1]);
        sova::SearchOptions options;
        options.limit = 5;
        for (const char* query : {"substations winter", "зима OR зими", "\"еще пять\""}) {
            sova::SearchResults results = searcher.search(query, options);
            std::cout << "query: " << query << " (" << results.total << " hits)\n";
            for (const sova::Hit& hit : results.hits)
                std::cout << "  " << hit.rank << ". " << hit.title << " [" << hit.lang << ", " << hit.id << "]\n";
        }
    } catch (const sova::Error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
