"""A TREC run written from Python equals `sova search --batch FILE --format trec`, byte for byte.

The run is written here by the rules of the command (cli/output.cpp, format_trec; docs/CLI.md,
"--batch"): which lines of the batch file are queries, how fields are escaped, and how tied
weights are made to fall strictly with the rank."""

import os
import shutil
import subprocess
import tempfile
import unittest

import sova

SOVA_BINARY = os.environ.get("SOVA_BINARY")
SAMPLE_DIR = os.environ.get("SOVA_SAMPLE_DIR")

# The batch file: blank lines and comments, queries with and without a qid, qids with a space
# and a control character, one query that does not parse, queries in three scripts, and a filter
# alone, whose hits all weigh the same (the tie rule).
BATCH = (
    "# topics for the sample corpus\n"
    "\n"
    "1\tKyiv rolling blackouts\n"
    "2\tКиїв\n"
    "3\tКиев отключения\n"
    "q 4\tKharkiv metro\n"
    "q\x0b5\t\"всё ещё\"\n"
    "Marchuk\n"
    "7\tentity:\"Olena Marchuk\"\n"
    "grain\tgrain OR зерно OR зерна\n"
    "9\tenergy AND (\n"
    "10\tShahed OR Шахед OR шахедів\r\n"
    "11\tOdesa opera\n"
    "12\tlang:uk енергетика\n"
    "13\tнет-такого-слова-нигде\n"
    "ties\tlang:ru\n"
)

# Runs compared: the command's options and the same as keyword arguments of Searcher.search.
RUNS = [
    ([], {}),
    (["-n", "5", "--offset", "2", "--lang", "uk,ru", "--since", "2023-01-01", "--no-cross-script"],
     dict(n=5, offset=2, lang="uk,ru", since="2023-01-01", cross_script=False)),
    (["--all", "--no-entities", "--until", "2023-10-31", "--entity-weight", "3"],
     dict(all=True, entities=False, until="2023-10-31", entity_weight=3.0)),
]


def escape_controls(text):
    """detail::escape_controls (tokenizers/utf8.hpp) for a str, which is never invalid UTF-8."""
    out = []
    for char in text:
        c = ord(char)
        if 0x20 <= c < 0x7F:
            out.append(char)
        elif char in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char])
        elif c < 0x20 or c == 0x7F:
            out.append("\\x%02x" % c)
        elif 0x80 <= c <= 0x9F or c in (0x2028, 0x2029) or 0x202A <= c <= 0x202E or 0x2066 <= c <= 0x2069:
            out.append("\\u%04x" % c)
        else:
            out.append(char)
    return "".join(out)


def trec_field(text):
    field = escape_controls(text).replace(" ", "_")
    return field or "_"


def format_trec(qid, results, tag):
    lines, previous = [], 0.0
    for i, hit in enumerate(results.hits):
        score = hit.weight
        if i > 0 and score >= previous:
            score = previous - 1e-6  # ties (date order): keep the rank order
        previous = score
        lines.append("%s Q0 %s %d %.6f %s\n" % (trec_field(qid), trec_field(hit.id), hit.rank, score, trec_field(tag)))
    return "".join(lines)


def is_column_name(field, names):
    return field.replace(" ", "").lower() in names


def batch_queries(data):
    """The (qid, query) pairs of a batch file, as `sova search --batch` reads them."""
    first = True
    for number, line in enumerate(data.split("\n"), start=1):
        if line.endswith("\r"):
            line = line[:-1]
        if line.strip(" \t") == "" or line.startswith("#"):
            continue
        was_first, first = first, False
        fields = line.split("\t")
        if len(fields) > 2:
            continue
        if len(fields) == 1:
            yield str(number), line
            continue
        qid, query = fields
        if was_first and is_column_name(qid, ("qid", "id", "query_id", "topic", "topic_id", "num")) and \
                is_column_name(query, ("query", "text", "title", "question")):
            continue
        yield qid, query


def python_run(searcher, data, tag, options):
    out = []
    for qid, query in batch_queries(data):
        try:
            # The options a batch run turns off: none of them changes which hits come, or their order.
            results = searcher.search(query, snippets=False, count_matched=False, entity_scores=False, **options)
        except sova.QueryError:
            continue  # the command reports it and runs the others
        out.append(format_trec(qid, results, tag))
    return "".join(out).encode("utf-8")


@unittest.skipUnless(SOVA_BINARY and SAMPLE_DIR, "needs SOVA_BINARY and SOVA_SAMPLE_DIR (set by CTest)")
class TrecRunTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="sova-python-trec-")
        cls.index = os.path.join(cls.folder, "sample.idx")
        with sova.IndexWriter(cls.index) as writer:
            stats = writer.index_paths([os.path.join(SAMPLE_DIR, "news.jsonl"), os.path.join(SAMPLE_DIR, "notes")])
        assert stats.added == 39 and stats.skipped == 0, stats
        cls.batch = os.path.join(cls.folder, "queries.tsv")
        with open(cls.batch, "w", encoding="utf-8", newline="") as out:
            out.write(BATCH)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def command_run(self, tag, arguments):
        done = subprocess.run([SOVA_BINARY, "search", "--index", self.index, "--batch", self.batch,
                               "--format", "trec", "--run-tag", tag] + arguments,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        self.assertEqual(done.returncode, 1, done.stderr)  # 1: one query did not parse
        self.assertIn(b"queries.tsv:11: query, column 12", done.stderr)
        return done.stdout

    def test_python_run_equals_the_command_run(self):
        with sova.Searcher(self.index) as searcher:
            for arguments, options in RUNS:
                with self.subTest(arguments=arguments):
                    expected = self.command_run("py run", arguments)
                    got = python_run(searcher, BATCH, "py run", options)
                    self.assertGreater(expected.count(b"\n"), 5)
                    self.assertEqual(got.decode("utf-8").splitlines(), expected.decode("utf-8").splitlines())
                    self.assertEqual(got, expected)

    def test_the_run_has_the_fields_escaped(self):
        with sova.Searcher(self.index) as searcher:
            run = python_run(searcher, BATCH, "py run", {}).decode("utf-8")
        qids = {line.split(" ")[0] for line in run.splitlines()}
        self.assertTrue({"1", "q_4", "q\\x0b5", "8", "grain", "10"} <= qids, qids)  # "Marchuk" is line 8
        self.assertNotIn("9", qids)  # the query that does not parse
        ties = [line.split(" ")[4] for line in run.splitlines() if line.startswith("ties ")]
        self.assertEqual(ties[:3], ["0.000000", "-0.000001", "-0.000002"])
        for line in run.splitlines():
            fields = line.split(" ")
            self.assertEqual((len(fields), fields[1], fields[5]), (6, "Q0", "py_run"), line)


if __name__ == "__main__":
    unittest.main()
