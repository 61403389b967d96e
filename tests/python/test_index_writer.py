"""sova.IndexWriter: adding, replacing, committing, the context manager, index_paths."""

import os
import unittest

import sova
from support import ARTICLES, TempIndex, ids


class IndexWriterTest(unittest.TestCase):
    def setUp(self):
        self.index = TempIndex(articles=())

    def tearDown(self):
        self.index.close()

    def count(self):
        with sova.Searcher(self.index.path) as searcher:
            return searcher.document_count

    def test_add_returns_the_id_and_whether_it_replaced(self):
        with sova.IndexWriter(self.index.path) as writer:
            first = writer.add(**ARTICLES[0])
            self.assertEqual((first.id, first.outcome, first.warnings), ("en-kyiv-power", "added", []))
            again = writer.add(**dict(ARTICLES[0], title="Kyiv braces for a cold winter"))
            self.assertEqual(again.outcome, "replaced")
            derived = writer.add(text="An article without an id gets one from its content.")
            self.assertTrue(derived.id)
            self.assertEqual(writer.document_count, 2)
        with sova.Searcher(self.index.path) as searcher:
            self.assertEqual(searcher.search("cold winter").hits[0].title, "Kyiv braces for a cold winter")
            self.assertEqual(ids(searcher.search("without an id")), [derived.id])

    def test_an_unreadable_date_is_a_warning(self):
        with sova.IndexWriter(self.index.path) as writer:
            result = writer.add(id="d", title="Dateless", text="Some text.", date="sometime")
        self.assertEqual(len(result.warnings), 1)
        self.assertIn("date", result.warnings[0])

    def test_further_fields_are_a_dict(self):
        with sova.IndexWriter(self.index.path) as writer:
            writer.add(id="f", title="Kyiv", text="Some text.", fields={"author": "Олена", "tags": ["a", "b"]})
            with self.assertRaises(TypeError):
                writer.add(id="g", title="Kyiv", text="Some text.", fields='{"author": "Олена"}')
        self.assertEqual(self.count(), 1)
        # They come back with the hit and the stored article.
        with sova.Searcher(self.index.path) as searcher:
            hit = searcher.search("Kyiv").hits[0]
            self.assertEqual(hit.fields, {"author": "Олена", "tags": ["a", "b"]})
            article = searcher.article("f")
            self.assertEqual((article["title"], article["text"]), ("Kyiv", "Some text."))
            self.assertEqual(article["fields"], {"author": "Олена", "tags": ["a", "b"]})
            self.assertIsNone(searcher.article("no-such-id"))

    def test_commit_makes_articles_visible_before_close(self):
        writer = sova.IndexWriter(self.index.path)
        writer.add(**ARTICLES[0])
        writer.commit()
        self.assertEqual(self.count(), 1)
        writer.close()

    def test_context_manager_commits_and_releases_the_lock(self):
        with sova.IndexWriter(self.index.path) as writer:
            for article in ARTICLES[:3]:
                writer.add(**article)
            self.assertIs(writer, writer.__enter__())
        self.assertTrue(writer.closed)
        self.assertEqual(self.count(), 3)
        with sova.IndexWriter(self.index.path) as again:  # the lock is free
            self.assertEqual(again.document_count, 3)

    def test_context_manager_on_an_exception_keeps_what_was_added_and_closes(self):
        # A writer commits by itself every batch_bytes, so an exception could never take all of
        # a block's articles back: the block's articles are committed, the exception goes on.
        with self.assertRaises(ZeroDivisionError):
            with sova.IndexWriter(self.index.path) as writer:
                writer.add(**ARTICLES[0])
                writer.add(**ARTICLES[1])
                1 / 0
        self.assertTrue(writer.closed)
        self.assertEqual(self.count(), 2)
        with sova.IndexWriter(self.index.path) as again:
            self.assertEqual(again.document_count, 2)

    def test_a_closed_writer_raises(self):
        writer = sova.IndexWriter(self.index.path)
        writer.close()
        writer.close()  # twice is harmless
        with self.assertRaisesRegex(sova.Error, "closed"):
            writer.add(id="x", text="text")
        self.assertEqual(repr(writer), "IndexWriter(%r, closed)" % self.index.path)

    def test_a_second_writer_is_refused(self):
        with sova.IndexWriter(self.index.path):
            with self.assertRaises(sova.IndexError) as caught:
                sova.IndexWriter(self.index.path)
        self.assertIn("locked", str(caught.exception))

    def test_index_paths_reports_problems_with_file_and_line(self):
        jsonl = os.path.join(self.index.folder, "news.jsonl")
        with open(jsonl, "w", encoding="utf-8") as out:
            out.write('{"id": "a", "title": "Київ", "text": "Енергетики Києва ремонтують підстанції."}\n')
            out.write('{"id": "b", "title": broken\n')
            out.write('{"id": "c", "title": "Kyiv", "text": "Engineers in Kyiv repair substations."}\n')
        notes = os.path.join(self.index.folder, "notes")
        os.mkdir(notes)
        with open(os.path.join(notes, "kharkiv.md"), "w", encoding="utf-8") as out:
            out.write("Kharkiv notes\n\nThe metro in Kharkiv reopened.\n")
        with sova.IndexWriter(self.index.path) as writer:
            stats = writer.index_paths([jsonl, notes], threads=1)
            self.assertEqual((stats.files, stats.added, stats.skipped), (2, 3, 1))
            self.assertEqual(len(stats.problems), 1)
            problem = stats.problems[0]
            self.assertEqual((problem.severity, problem.file, problem.line), ("error", jsonl, 2))
            self.assertTrue(str(problem).startswith(jsonl + ":2: "), str(problem))
            again = sova.index_paths(writer, [jsonl], threads=1)
            self.assertEqual((again.added, again.replaced), (0, 2))
        self.assertEqual(self.count(), 3)

    def test_index_paths_strict_raises_the_input_error(self):
        jsonl = os.path.join(self.index.folder, "bad.jsonl")
        with open(jsonl, "w", encoding="utf-8") as out:
            out.write('{"id": "a", "title": "ok", "text": "fine"}\nnot json\n')
        with sova.IndexWriter(self.index.path) as writer:
            with self.assertRaises(sova.InputError) as caught:
                writer.index_paths([jsonl], strict=True)
        self.assertEqual((caught.exception.file, caught.exception.line), (jsonl, 2))


if __name__ == "__main__":
    unittest.main()
