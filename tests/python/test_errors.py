"""The sova.Error hierarchy: each C++ exception as its Python class, with its context."""

import os
import tempfile
import unittest

import sova
from support import ARTICLES, TempIndex


class ErrorsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.index = TempIndex(ARTICLES[:2])
        cls.searcher = sova.Searcher(cls.index.path)

    @classmethod
    def tearDownClass(cls):
        cls.searcher.close()
        cls.index.close()

    def test_hierarchy(self):
        self.assertTrue(issubclass(sova.Error, Exception))
        for name in ("QueryError", "IndexError", "InputError", "OptionError"):
            self.assertTrue(issubclass(getattr(sova, name), sova.Error), name)
        self.assertFalse(issubclass(sova.IndexError, IndexError))
        self.assertEqual(sova.QueryError.__module__, "sova")

    def test_bad_query_raises_query_error_with_column(self):
        with self.assertRaises(sova.QueryError) as caught:
            self.searcher.search("Kyiv AND (")
        error = caught.exception
        self.assertEqual(error.column, 10)
        self.assertEqual(error.reason, "missing ')' to close this '('")
        self.assertIn("column 10", str(error))
        with self.assertRaises(sova.QueryError) as caught:
            self.searcher.search('Київ "відключення світла')
        self.assertEqual(caught.exception.column, 6)  # in characters, not bytes

    def test_missing_index_raises_index_error(self):
        missing = os.path.join(tempfile.gettempdir(), "sova-no-such-index-%d" % os.getpid())
        with self.assertRaises(sova.IndexError) as caught:
            sova.Searcher(missing)
        self.assertEqual(caught.exception.path, missing)
        with self.assertRaises(sova.IndexError):
            sova.Searcher([self.index.path, missing])

    def test_bad_option_raises_option_error_naming_it(self):
        with self.assertRaises(sova.OptionError) as caught:
            self.searcher.search("Kyiv", since="yesterday")
        self.assertEqual(caught.exception.option, "since")
        with self.assertRaises(sova.OptionError) as caught:
            self.searcher.search("Kyiv", lang="klingon")
        self.assertEqual(caught.exception.option, "langs")
        with self.assertRaises(sova.OptionError) as caught:
            sova.Searcher("")
        self.assertEqual(caught.exception.option, "path")

    def test_article_without_text_raises_input_error(self):
        index = TempIndex(articles=())
        try:
            with sova.IndexWriter(index.path) as writer:
                with self.assertRaises(sova.InputError) as caught:
                    writer.add(id="empty")
            self.assertEqual((caught.exception.file, caught.exception.line), ("", 0))
            self.assertIn("no text", caught.exception.reason)
        finally:
            index.close()

    def test_wrong_argument_types_raise_type_error(self):
        with self.assertRaises(TypeError):
            self.searcher.search("Kyiv", since=20230101)
        with self.assertRaises(TypeError):
            self.searcher.search("Kyiv", lang=7)

    def test_star_import_keeps_the_builtin_index_error(self):
        namespace = {}
        exec("from sova import *", namespace)
        self.assertIn("Searcher", namespace)
        self.assertIn("QueryError", namespace)
        self.assertNotIn("IndexError", namespace)


if __name__ == "__main__":
    unittest.main()
