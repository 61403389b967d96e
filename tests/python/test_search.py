"""sova.Searcher: hits and their attributes, cross-script matching, filters, paging, entities."""

import datetime
import os
import unittest

import sova
from support import ARTICLES, TempIndex, ids

KYIV_ARTICLES = {"en-kyiv-power", "uk-kyiv-power", "ru-kyiv-power"}


class SearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.index = TempIndex()
        cls.searcher = sova.Searcher(cls.index.path)

    @classmethod
    def tearDownClass(cls):
        cls.searcher.close()
        cls.index.close()

    def test_hit_has_the_fields_of_search_json(self):
        results = self.searcher.search("rolling blackouts")
        self.assertEqual((results.total, results.total_exact), (1, True))
        hit = results.hits[0]
        article = ARTICLES[0]
        for field in ("id", "title", "url", "date", "lang", "source"):
            self.assertEqual(getattr(hit, field), article[field], field)
        self.assertEqual(hit.rank, 1)
        self.assertGreater(hit.score, 0)
        self.assertEqual(hit.weight, hit.score)
        self.assertEqual((hit.matched, hit.clauses), (2, 2))
        self.assertIn("rolling blackouts", hit.snippet)
        self.assertEqual([hit.snippet[b:e] for b, e in hit.highlights], ["rolling", "blackouts"])
        self.assertIsInstance(hit.highlights[0], tuple)
        self.assertIn("Kyiv", [entity.name for entity in hit.entities])
        kyiv = next(e for e in hit.entities if e.name == "Kyiv")
        self.assertEqual((kyiv.key, kyiv.type), ("place:kyiv.ua", "place"))
        self.assertGreaterEqual(kyiv.mentions, 2)
        self.assertGreater(kyiv.salience, kyiv.mentions)  # in the title too
        self.assertEqual(hit.entity_score, 0)  # the query names no entity

    def test_highlights_are_string_indices_in_cyrillic_snippets(self):
        hit = self.searcher.search("Київ", lang="uk").hits[0]
        self.assertEqual(hit.id, "uk-kyiv-power")
        words = [hit.snippet[b:e] for b, e in hit.highlights]
        self.assertTrue(words)
        self.assertTrue(all(word.startswith("Киє") for word in words), words)

    def test_results_iterate_over_hits_and_have_reprs(self):
        results = self.searcher.search("Kharkiv")
        self.assertEqual(len(results), 2)
        self.assertEqual([hit.id for hit in results], ids(results))
        self.assertEqual(repr(results), "SearchResults(total=2, hits=2)")
        self.assertTrue(repr(results.hits[0]).startswith("Hit(rank=1, id='en-kharkiv-metro', score="))
        self.assertTrue(repr(results.hits[0].entities[0]).startswith("Entity(key='place:kharkiv.ua'"))
        self.assertEqual(repr(self.searcher), "Searcher(%r)" % self.index.path)

    def test_a_name_in_any_script_finds_the_articles_in_every_script(self):
        for query in ("Kyiv", "Київ", "Киев"):
            with self.subTest(query=query):
                results = self.searcher.search(query)
                self.assertEqual(set(ids(results)), KYIV_ARTICLES)
                self.assertEqual([e.key for e in results.entities], ["place:kyiv.ua"])
                self.assertEqual(results.entities[0].reason, "unique")
        self.assertEqual(ids(self.searcher.search("Киев"))[0], "ru-kyiv-power")  # its own spelling first

    def test_cross_script_and_entities_off_match_the_spelling_only(self):
        results = self.searcher.search("Київ", cross_script=False, entities=False)
        self.assertEqual(ids(results), ["uk-kyiv-power"])
        self.assertEqual(results.entities, [])

    def test_language_filter_takes_a_code_or_a_list(self):
        self.assertEqual(ids(self.searcher.search("Kyiv", lang="uk")), ["uk-kyiv-power"])
        self.assertEqual(set(ids(self.searcher.search("Kyiv", lang=["uk", "ru"]))), {"uk-kyiv-power", "ru-kyiv-power"})
        self.assertEqual(set(ids(self.searcher.search("Kyiv", lang=("en",)))), {"en-kyiv-power"})

    def test_date_filters_take_strings_and_dates(self):
        self.assertEqual(set(ids(self.searcher.search("Kyiv", since="2023-11-04"))), {"uk-kyiv-power", "ru-kyiv-power"})
        self.assertEqual(ids(self.searcher.search("Kyiv", until=datetime.date(2023, 11, 3))), ["en-kyiv-power"])
        moment = datetime.datetime(2023, 11, 4, 18, 30)
        self.assertEqual(ids(self.searcher.search("Kyiv", since=moment, until=moment)), ["uk-kyiv-power"])
        self.assertEqual(ids(self.searcher.search("Kyiv", since="2024")), [])

    def test_paging_counts_ranks_from_the_offset(self):
        everything = ids(self.searcher.search("Kyiv"))
        page = self.searcher.search("Kyiv", 2, offset=1)
        self.assertEqual(ids(page), everything[1:3])
        self.assertEqual([hit.rank for hit in page], [2, 3])
        self.assertEqual(page.total, 3)

    def test_all_requires_every_word(self):
        self.assertEqual(set(ids(self.searcher.search("Kyiv winter"))), KYIV_ARTICLES)
        self.assertEqual(ids(self.searcher.search("Kyiv winter", all=True)), ["en-kyiv-power"])

    def test_corrections_searched_suggested_or_off(self):
        results = self.searcher.search("rollign blackouts")  # a swap: searched corrected
        self.assertEqual((results.corrected, results.reason, results.suggestion),
                         ("rolling blackouts", "spelling", None))
        self.assertEqual(ids(results), ids(self.searcher.search("rolling blackouts")))
        results = self.searcher.search("Rb]d")  # Київ typed on QWERTY
        self.assertEqual((results.corrected, results.reason), ("Київ", "layout"))
        typed = self.searcher.search("Rb]d", correct=False)
        self.assertEqual((typed.corrected, typed.suggestion, typed.reason, len(typed)), (None, None, None, 0))
        self.assertIsNone(self.searcher.search("rolling blackouts").reason)

    def test_query_syntax(self):
        self.assertEqual(ids(self.searcher.search('"rolling blackouts"')), ["en-kyiv-power"])
        self.assertEqual(ids(self.searcher.search("grain -Odesa")), [])
        self.assertEqual(ids(self.searcher.search("lang:ru Odesa")), ["ru-grain"])
        self.assertEqual(set(ids(self.searcher.search("Kyiv AND (", lenient=True))), KYIV_ARTICLES)

    def test_batch_options_leave_the_ranking_alone(self):
        full = self.searcher.search("Kyiv winter generators")
        lean = self.searcher.search("Kyiv winter generators", snippets=False, count_matched=False,
                                    entity_scores=False)
        self.assertEqual(ids(lean), ids(full))
        self.assertEqual([h.weight for h in lean], [h.weight for h in full])
        self.assertEqual([h.snippet for h in lean], [""] * len(lean))
        self.assertGreater(full.hits[0].entity_score, 0)
        self.assertEqual(lean.hits[0].entity_score, 0)

    def test_entity_listing_and_facets(self):
        listing = self.searcher.entities(n=3)
        self.assertEqual(len(listing), 3)
        self.assertEqual((listing[0].key, listing[0].name, listing[0].articles), ("place:kyiv.ua", "Kyiv", 3))
        self.assertEqual(listing[0].entity.type, "place")
        self.assertEqual({e.key for e in self.searcher.entities(type="place", lang="ru")},
                         {"place:kyiv.ua", "place:odessa.ua"})
        self.assertEqual([e.key for e in self.searcher.entities(since="2023-08-01", until="2023-09-30")],
                         ["place:kharkiv.ua"])
        facets = self.searcher.search("Kyiv", facets=True).facets
        self.assertEqual([(f.key, f.articles) for f in facets], [("place:kyiv.ua", 3)])

    def test_facet_counts_and_sort(self):
        results = self.searcher.search("Kyiv", facets=["lang", "year", "source", "entity"])
        self.assertTrue(results.facet_counts_exact)
        self.assertEqual([(c.facet, c.key, c.articles) for c in results.facet_counts if c.facet == "lang"],
                         [("lang", "en", 1), ("lang", "ru", 1), ("lang", "uk", 1)])
        self.assertEqual([(c.key, c.articles) for c in results.facet_counts if c.facet == "year"], [("2023", 3)])
        self.assertEqual({c.key for c in results.facet_counts if c.facet == "source"},
                         {"Morning Wire", "Ранкові вісті", "Утренний выпуск"})
        self.assertEqual([f.key for f in results.facets], ["place:kyiv.ua"])
        self.assertEqual(ids(self.searcher.search("Kyiv", sort="oldest")),
                         ["en-kyiv-power", "uk-kyiv-power", "ru-kyiv-power"])
        self.assertEqual(ids(self.searcher.search("Kyiv", sort="newest")),
                         ["ru-kyiv-power", "uk-kyiv-power", "en-kyiv-power"])
        with self.assertRaises(sova.OptionError):
            self.searcher.search("Kyiv", facets=["colour"])
        with self.assertRaises(sova.OptionError):
            self.searcher.search("Kyiv", sort="random")

    def test_document_count_and_missing(self):
        self.assertEqual(self.searcher.document_count, len(ARTICLES))
        self.assertEqual(self.searcher.missing, [])
        self.assertEqual(self.searcher.search("Kyiv").missing, [])


class ShardsAndReopenTest(unittest.TestCase):
    def test_shards_answer_as_one_index(self):
        whole = TempIndex()
        first, second = TempIndex(ARTICLES[::2]), TempIndex(ARTICLES[1::2])
        try:
            one = sova.Searcher(whole.path)
            shards = sova.Searcher([first.path, second.path])
            self.assertEqual(shards.document_count, len(ARTICLES))
            for query in ("Kyiv", "grain Odesa", "Харків"):
                a, b = one.search(query), shards.search(query)
                # The same hits in the same order, the same weights up to float rounding
                # (docs/SHARDS.md): Xapian sums a hit's parts in an order the split decides.
                self.assertEqual([h.id for h in a], [h.id for h in b], query)
                for x, y in zip(a, b):
                    self.assertAlmostEqual(x.weight, y.weight, places=9, msg=query)
        finally:
            for index in (whole, first, second):
                index.close()

    def test_reopen_sees_new_commits_and_paths_may_be_pathlike(self):
        import pathlib
        index = TempIndex(ARTICLES[:2])
        try:
            searcher = sova.Searcher(pathlib.Path(index.path))
            self.assertEqual(searcher.document_count, 2)
            with sova.IndexWriter(pathlib.Path(index.path)) as writer:
                writer.add(**ARTICLES[2])
            self.assertEqual(searcher.document_count, 2)
            searcher.reopen()
            self.assertEqual(searcher.document_count, 3)
            self.assertIn("ru-kyiv-power", ids(searcher.search("Киев")))
        finally:
            index.close()

    def test_a_closed_searcher_raises(self):
        index = TempIndex(ARTICLES[:1])
        try:
            with sova.Searcher(index.path) as searcher:
                self.assertEqual(searcher.document_count, 1)
            self.assertTrue(searcher.closed)
            with self.assertRaisesRegex(sova.Error, "closed"):
                searcher.search("Kyiv")
        finally:
            index.close()


if __name__ == "__main__":
    unittest.main()
