"""Python threads searching at once, each with its own Searcher and all through one shared
Searcher (whose calls take turns): no crash, and the answers of a single thread."""

import threading
import unittest

import sova
from support import TempIndex

QUERIES = ["Kyiv", "Київ", "Киев winter", "Kharkiv metro", "Харків", "grain Odesa", '"rolling blackouts"',
           "генератори", "football -cup", "Kyiv AND ("]
THREADS = 6
ROUNDS = 15


def answers(searcher):
    """What each query returns: its hits with weights and snippets, or its error."""
    out = []
    for query in QUERIES:
        try:
            results = searcher.search(query)
            out.append([(h.id, h.weight, h.snippet, h.highlights) for h in results])
        except sova.QueryError as e:
            out.append(("QueryError", e.column))
    return out


class ThreadsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.index = TempIndex()
        with sova.Searcher(cls.index.path) as searcher:
            cls.expected = answers(searcher)

    @classmethod
    def tearDownClass(cls):
        cls.index.close()

    def run_threads(self, work):
        """Runs work(thread number) on THREADS threads started together; returns their results."""
        start = threading.Barrier(THREADS)
        results, errors = [None] * THREADS, []

        def run(number):
            try:
                start.wait()
                results[number] = work(number)
            except BaseException as e:  # reported by the main thread
                errors.append(e)

        threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        return results

    def test_a_searcher_per_thread(self):
        def work(_):
            with sova.Searcher(self.index.path) as searcher:
                return [answers(searcher) for _ in range(ROUNDS)]

        for per_thread in self.run_threads(work):
            for got in per_thread:
                self.assertEqual(got, self.expected)

    def test_one_searcher_shared_by_every_thread(self):
        shared = sova.Searcher(self.index.path)

        def work(number):
            rounds = []
            for round_number in range(ROUNDS):
                rounds.append(answers(shared))
                if (number + round_number) % 5 == 0:
                    shared.reopen()
                    self.assertEqual(shared.document_count, 8)
            return rounds

        for per_thread in self.run_threads(work):
            for got in per_thread:
                self.assertEqual(got, self.expected)
        shared.close()

    def test_analyze_on_every_thread(self):
        text = "Олена Марчук прибула до Києва, а потім до Kharkiv."
        expected = [(t.term, t.stems, t.key) for t in sova.analyze(text).tokens]

        def work(_):
            return [[(t.term, t.stems, t.key) for t in sova.analyze(text).tokens] for _ in range(ROUNDS * 5)]

        for per_thread in self.run_threads(work):
            self.assertEqual(per_thread, [expected] * (ROUNDS * 5))

    def test_writer_shared_by_threads_adds_every_article(self):
        index = TempIndex(articles=())
        try:
            with sova.IndexWriter(index.path) as writer:
                self.run_threads(lambda n: [writer.add(id="t%d-%d" % (n, i), title="Kyiv %d" % i,
                                                       text="Енергетики Києва, стаття %d." % i) for i in range(20)])
                self.assertEqual(writer.document_count, THREADS * 20)
            with sova.Searcher(index.path) as searcher:
                self.assertEqual(searcher.search("Kyiv", n=0).total, THREADS * 20)
        finally:
            index.close()


if __name__ == "__main__":
    unittest.main()
