#!/usr/bin/python3
"""Sova against its peers, on one corpus and one query log, in one run.

The engines: Sova; Xapian's own tools (scriptindex, searched in process by sova_peer_xapian);
SQLite FTS5 (sova_peer_sqlite); PostgreSQL full-text search in a throw-away server
(sova_peer_postgres); Apache Lucene (LuceneBench.java, compiled here with javac). For each one:
indexing time, MB/s, CPU time, peak memory, index size before and after compaction, batch query
latency (p50/p95/p99) and throughput, and the latency of one query per process (p50/p95). Writes
results.md, results.json and chart.png into --out, and prints the table and Sova's ratios.

--smoke runs every engine on a small generated corpus and fails (exit 1) unless every engine
indexed every article, answered every query, and found hits exactly for the queries that have
some. Configuration of each engine and what is measured: docs/BENCHMARKS.md, "Peer comparison".
Standard library only; run with Debian's /usr/bin/python3.
"""

import argparse
import glob
import json
import os
import pwd
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ENGINES = ["sova", "xapian", "sqlite", "postgres", "lucene"]


class Failure(Exception):
    """A run that cannot go on: the message says which command and why."""


# --- processes ------------------------------------------------------------------------------

class Run:
    """A finished child process: exit status, wall and CPU seconds, peak RSS, its output."""

    def __init__(self, argv, code, seconds, usage, stdout, stderr):
        self.argv, self.code, self.seconds = argv, code, seconds
        self.cpu_seconds = usage.ru_utime + usage.ru_stime
        self.max_rss_kib = usage.ru_maxrss  # Linux: KiB
        self.stdout, self.stderr = stdout, stderr


def run(argv, ok=(0,), cwd=None, stdout_path=None, new_session=False, rusage=None):
    """Runs argv to completion, timing it with a monotonic clock from spawn to reaped; its
    resource usage comes from wait4. Raises Failure unless the exit status is in `ok`.

    A process spawned from this one starts its peak RSS at this process's size (which holds
    the corpus), so where the peak matters, `rusage` names sova_peer_rusage: it spawns the
    command and reports the command's own peak RSS and CPU time."""
    usage_file, command = None, argv
    if rusage:
        fd, usage_file = tempfile.mkstemp(prefix="sova-peers-rusage-", suffix=".json")
        os.close(fd)
        argv = [rusage, usage_file, *argv]
    try:
        with tempfile.TemporaryFile() as err, (open(stdout_path, "w+b") if stdout_path
                                               else tempfile.TemporaryFile()) as out:
            start = time.perf_counter()
            try:
                child = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                         cwd=cwd, start_new_session=new_session)
            except OSError as e:
                raise Failure(f"cannot run {argv[0]}: {e}") from e
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            result = Run(argv, child.returncode, seconds, usage, out.read().decode("utf-8", "replace"),
                         err.read().decode("utf-8", "replace"))
        if usage_file:
            try:
                with open(usage_file, encoding="utf-8") as f:
                    own = json.load(f)
                result.max_rss_kib = own["max_rss_kib"]
                result.cpu_seconds = own["user_seconds"] + own["system_seconds"]
            except (OSError, ValueError, KeyError):
                result.max_rss_kib = result.cpu_seconds = None
    finally:
        if usage_file and os.path.exists(usage_file):
            os.unlink(usage_file)
    if result.code not in ok:
        tail = "\n".join(result.stderr.strip().splitlines()[-8:])
        raise Failure(f"{' '.join(map(str, command))[:300]}\n  exited with {result.code}:\n{tail}")
    return result


def tree_bytes(path):
    """The apparent size of a file or of all files under a folder (as `du -sb`)."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def version_in(text):
    """The first dotted version number in a program's --version output."""
    found = re.search(r"\d+(?:\.\d+)+", text)
    return found.group(0) if found else ""


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- corpus and query log ---------------------------------------------------------------------

class Corpus:
    """The JSON Lines corpus: its size, the articles every engine must index (objects with a
    title and a text) and, for the query log, their words."""

    def __init__(self, path):
        self.path = Path(path)
        self.bytes = self.path.stat().st_size
        self.articles = []  # (title, text) of each indexable article
        self.ids = []  # its id, in the same order
        with open(self.path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj, dict) and isinstance(obj.get("title"), str) \
                        and isinstance(obj.get("text"), str):
                    self.articles.append((obj["title"], obj["text"]))
                    self.ids.append(str(obj.get("id", "")))


STRIP = ".,;:!?()[]{}\"'«»„“”‘’…—–-"


def plain_words(text):
    """The words of a text that every engine's tokenizer sees whole: runs of letters between
    spaces, outer punctuation removed, lower-cased; None marks a break (punctuation inside or
    after a word), so that adjacent entries form a phrase."""
    words = []
    for piece in text.split():
        core = piece.strip(STRIP)
        if len(core) < 3 or not core.isalpha():
            words.append(None)
            continue
        if piece[0] in STRIP:
            words.append(None)
        words.append(core.lower())
        if piece[-1] in STRIP:
            words.append(None)
    return words


def absent_word(rng, vocabulary, cyrillic):
    """A made-up word that no article has and that no engine's folding, stemming or
    cross-script key can map to one: letters the generated corpus never uses (Latin q, x, j, f;
    Cyrillic ф, ж, щ), starting with f or ф, because Sova's cross-script key of a word keeps
    its first letter and no name of the corpus has a key starting with f (q and x fold to k,
    ks)."""
    while True:
        letters = "фжщюэу" if cyrillic else "qxjfuy"
        word = ("ф" if cyrillic else "f") + "".join(rng.choice(letters) for _ in range(rng.randint(5, 8)))
        if word not in vocabulary:
            return word


# The query log's mix (kind: share); every kind but the last two is drawn from one article, so
# that article matches it in every engine.
QUERY_MIX = [("word", 30), ("two words", 25), ("three words", 10), ("phrase", 15),
             ("title words", 10), ("absent word", 5), ("word and absent word", 5)]


def derive_queries(corpus, count, seed):
    """A deterministic query log: words sampled from random articles (frequent words often,
    as in real logs), some two-word phrases, and made-up words that match nothing. A query
    taken from an article names it as its `source`: every engine must find it."""
    rng = random.Random(seed)
    vocabulary = set()
    for title, text in corpus.articles:
        vocabulary.update(w for w in plain_words(title + " " + text) if w)
    total = sum(share for _, share in QUERY_MIX)
    kinds = []
    for kind, share in QUERY_MIX:  # exact counts, then shuffled: small logs get every kind
        kinds += [kind] * max(1, round(count * share / total))
    kinds = kinds[:count] if len(kinds) >= count else kinds + ["word"] * (count - len(kinds))
    rng.shuffle(kinds)
    seen, queries = set(), []
    for kind in kinds:
        for _ in range(1000):
            source = rng.randrange(len(corpus.articles))
            title, text = corpus.articles[source]
            body = [w for w in plain_words(text) if w]
            if len(body) < 3:
                continue
            expect, source_id = True, corpus.ids[source] or None
            if kind == "word":
                query = rng.choice(body)
            elif kind in ("two words", "three words"):
                query = " ".join(rng.sample(body, 2 if kind == "two words" else 3))
            elif kind == "title words":
                words = [w for w in plain_words(title) if w]
                if len(words) < 2:
                    continue
                query = " ".join(rng.sample(words, 2))
            elif kind == "phrase":
                words = plain_words(text)
                pairs = [(a, b) for a, b in zip(words, words[1:]) if a and b and a != b]
                if not pairs:
                    continue
                query = '"%s %s"' % rng.choice(pairs)
            elif kind == "absent word":
                query, expect, source_id = absent_word(rng, vocabulary, len(queries) % 2 == 1), False, None
            else:
                query = rng.choice(body) + " " + absent_word(rng, vocabulary, len(queries) % 2 == 0)
                expect, source_id = False, None
            if query not in seen and len(set(query.strip('"').split())) == len(query.split()):
                break
        seen.add(query)
        queries.append({"qid": f"q{len(queries) + 1}", "query": query, "kind": kind,
                        "expect_hits": expect, "source": source_id})
    return queries


def read_queries(path):
    """A query log: `query` or `qid<TAB>query` per line; blank lines and # comments skipped."""
    queries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            qid, _, text = line.partition("\t") if "\t" in line else (str(number), "", line)
            queries.append({"qid": qid.strip(), "query": text.strip(), "kind": "given",
                            "expect_hits": None, "source": None})
    return queries


# --- engines ----------------------------------------------------------------------------------

class Engine:
    """One engine: how to build its index, search a batch of queries, search one query in a
    process of its own, and clean up."""
    name = label = ""
    compaction = "—"

    def __init__(self, settings, work):
        self.s, self.work = settings, Path(work) / self.name

    def prepare(self):
        self.work.mkdir(parents=True, exist_ok=True)

    def version(self):
        return ""

    def index(self, corpus):
        """Builds the index; returns {seconds, cpu_seconds, max_rss_kib, articles, size_bytes,
        compact_seconds, compact_bytes, ...}."""
        raise NotImplementedError

    def batch(self, query_file, raw_path):
        """Runs the query file in one process; returns (Run, [{qid, ms, ids}])."""
        raise NotImplementedError

    def single(self, query):
        """argv and accepted exit statuses of one query in its own process."""
        raise NotImplementedError

    def single_hits(self, stdout):
        return len(json_lines(stdout)[0]["ids"]) if stdout.strip() else 0

    def cleanup(self):
        pass


class Sova(Engine):
    name, label, compaction = "sova", "Sova", "`sova compact`"
    index_options = []

    def __init__(self, settings, work):
        super().__init__(settings, work)
        self.sova = settings.sova
        self.index_dir = self.work / "index"

    def version(self):
        return version_in(run([self.sova, "--version"]).stdout)

    def index(self, corpus):
        shutil.rmtree(self.index_dir, ignore_errors=True)
        # Exit status 1: some article was skipped; the article count shows it.
        threads = ["--threads", str(self.s.sova_threads)] if self.s.sova_threads else []
        r = run([self.sova, "index", "--index", self.index_dir, *threads, *self.index_options,
                 corpus.path], ok=(0, 1), rusage=self.s.rusage)
        held = re.search(r"holds ([\d,]+) articles", r.stdout)
        size = tree_bytes(self.index_dir)
        c = run([self.sova, "compact", "--index", self.index_dir])
        return {"seconds": r.seconds, "cpu_seconds": r.cpu_seconds, "max_rss_kib": r.max_rss_kib,
                "articles": int(held.group(1).replace(",", "")) if held else -1,
                "size_bytes": size, "compact_seconds": c.seconds,
                "compact_bytes": tree_bytes(self.index_dir)}

    def search_options(self):
        return ["-n", str(self.s.limit), "--all"]

    def batch(self, query_file, raw_path):
        # Exit status 1: some query failed to parse; the answer count shows which.
        r = run([self.sova, "search", "--index", self.index_dir, "--batch", query_file,
                 "--format", "json", *self.search_options()], stdout_path=raw_path, ok=(0, 1),
                rusage=self.s.rusage)
        return r, [{"qid": o["qid"], "ms": o["ms"], "ids": [h["id"] for h in o["hits"]]}
                   for o in json_lines(r.stdout)]

    def single(self, query):
        return [self.sova, "search", "--index", self.index_dir, *self.search_options(),
                "--json", "--", query], (0, 1)

    def single_hits(self, stdout):
        return len(json_lines(stdout))


class SovaLean(Sova):
    """Sova without the work the peers do not do: no entities, no cross-script keys (not in
    the default set; --engines sova,sova-lean,... shows what those features cost)."""
    name, label = "sova-lean", "Sova (no entities, no cross-script)"
    index_options = ["--no-entities", "--no-cross-script-keys"]

    def search_options(self):
        return super().search_options() + ["--no-entities", "--no-cross-script"]


class Xapian(Engine):
    name, label, compaction = "xapian", "Xapian (scriptindex)", "`xapian-compact`"

    def __init__(self, settings, work):
        super().__init__(settings, work)
        self.db = self.work / "db"
        self.compacted = self.work / "db-compact"
        self.program = str(Path(settings.peer_bin) / "sova_peer_xapian")

    def version(self):
        return version_in(run(["scriptindex", "--version"]).stdout)

    def convert(self, corpus):
        """The corpus as scriptindex records: `name=value` lines, a line break inside a value
        continued by a line starting with `=`, a blank line after each record."""
        records = self.work / "articles.records"
        with open(corpus.path, encoding="utf-8", errors="replace") as f, \
                open(records, "w", encoding="utf-8") as out:
            for line in f:
                try:
                    obj = json.loads(line) if line.strip() else None
                except ValueError:
                    obj = None
                if not isinstance(obj, dict) or not isinstance(obj.get("title"), str) \
                        or not isinstance(obj.get("text"), str):
                    continue
                for field in ("id", "title", "text"):
                    value = str(obj.get(field, "")).replace("\r", "").replace("\n", "\n=")
                    out.write(f"{field}={value}\n")
                out.write("\n")
        return records

    def index(self, corpus):
        start = time.perf_counter()
        records = self.convert(corpus)
        convert_seconds = time.perf_counter() - start
        r = run(["scriptindex", "--overwrite", "--stemmer", self.s.stemmer, self.db,
                 HERE / "articles.script", records], rusage=self.s.rusage)
        size = tree_bytes(self.db)
        shutil.rmtree(self.compacted, ignore_errors=True)
        c = run(["xapian-compact", self.db, self.compacted])
        count = run([self.program, "count", "--index", self.compacted]).stdout.strip()
        return {"seconds": r.seconds, "cpu_seconds": r.cpu_seconds, "max_rss_kib": r.max_rss_kib,
                "articles": int(count), "size_bytes": size, "compact_seconds": c.seconds,
                "compact_bytes": tree_bytes(self.compacted),
                "convert_seconds": convert_seconds}

    def argv(self):
        return [self.program, "search", "--index", self.compacted, "--limit", str(self.s.limit),
                "--stemmer", self.s.stemmer]

    def batch(self, query_file, raw_path):
        r = run(self.argv() + ["--batch", query_file], stdout_path=raw_path, rusage=self.s.rusage)
        return r, json_lines(r.stdout)

    def single(self, query):
        return self.argv() + ["--query", query], (0,)


class Sqlite(Engine):
    name, label, compaction = "sqlite", "SQLite FTS5", "`optimize` + `VACUUM`"

    def __init__(self, settings, work):
        super().__init__(settings, work)
        self.db = self.work / "fts5.db"
        self.program = str(Path(settings.peer_bin) / "sova_peer_sqlite")

    def version(self):
        return sqlite3.sqlite_version

    def index(self, corpus):
        if self.db.exists():
            self.db.unlink()
        r = run([self.program, "index", "--db", self.db, corpus.path], rusage=self.s.rusage)
        size = tree_bytes(self.db)
        c = run([self.program, "optimize", "--db", self.db])
        count = run([self.program, "count", "--db", self.db]).stdout.strip()
        return {"seconds": r.seconds, "cpu_seconds": r.cpu_seconds, "max_rss_kib": r.max_rss_kib,
                "articles": int(count), "size_bytes": size, "compact_seconds": c.seconds,
                "compact_bytes": tree_bytes(self.db)}

    def batch(self, query_file, raw_path):
        r = run([self.program, "search", "--db", self.db, "--limit", str(self.s.limit),
                 "--batch", query_file], stdout_path=raw_path, rusage=self.s.rusage)
        return r, json_lines(r.stdout)

    def single(self, query):
        return [self.program, "search", "--db", self.db, "--limit", str(self.s.limit),
                "--query", query], (0,)


class Postgres(Engine):
    """A server of its own: initdb into a temp folder, listening on 127.0.0.1 at a free port
    with its socket in that folder; stopped and removed by cleanup(). PostgreSQL refuses to run
    as root, so as root the server runs as the `postgres` system user."""
    name, label = "postgres", "PostgreSQL FTS"

    def __init__(self, settings, work):
        super().__init__(settings, work)
        self.program = str(Path(settings.peer_bin) / "sova_peer_postgres")
        self.root = None
        self.started = False

    def pg(self, tool):
        return str(Path(self.s.pg_bin) / tool)

    def as_server_user(self, argv):
        if os.geteuid() != 0:
            return argv
        if shutil.which("runuser"):
            return ["runuser", "-u", self.s.pg_user, "--", *argv]
        return ["setpriv", f"--reuid={self.s.pg_user}", f"--regid={self.s.pg_user}",
                "--init-groups", *argv]

    def version(self):
        return version_in(run([self.pg("postgres"), "--version"]).stdout)

    def prepare(self):
        super().prepare()
        self.root = Path(tempfile.mkdtemp(prefix="sova-peers-pg-"))
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam(self.s.pg_user)
            except KeyError:
                raise Failure(f"PostgreSQL does not run as root, and there is no system user "
                              f"'{self.s.pg_user}' to run it as (Debian's postgresql package "
                              f"creates 'postgres'; see --pg-user)") from None
            os.chown(self.root, user.pw_uid, user.pw_gid)
        data = self.root / "data"
        run(self.as_server_user([self.pg("initdb"), "-D", data, "-U", "sova", "--auth=trust",
                                 "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]), cwd=self.root)
        port = free_port()
        options = (f"-c listen_addresses=127.0.0.1 -c port={port} "
                   f"-c unix_socket_directories={self.root} "
                   f"-c maintenance_work_mem={self.s.pg_maintenance_work_mem} -c autovacuum=off")
        self.started = True
        run(self.as_server_user([self.pg("pg_ctl"), "-D", data, "-l", self.root / "server.log",
                                 "-w", "-t", "60", "-o", options, "start"]),
            cwd=self.root, new_session=True)
        self.conninfo = f"host={self.root} port={port} user=sova dbname=postgres"

    def index(self, corpus):
        r = run([self.program, "load", "--conninfo", self.conninfo, corpus.path],
                rusage=self.s.rusage)
        load = json_lines(r.stdout)[0]
        return {"seconds": r.seconds, "cpu_seconds": r.cpu_seconds + load["backend_cpu_seconds"],
                "max_rss_kib": load["backend_peak_rss_kib"], "client_max_rss_kib": r.max_rss_kib,
                "articles": load["articles"], "size_bytes": load["total_bytes"],
                "compact_seconds": None, "compact_bytes": None, "load": load}

    def batch(self, query_file, raw_path):
        r = run([self.program, "search", "--conninfo", self.conninfo, "--limit",
                 str(self.s.limit), "--batch", query_file], stdout_path=raw_path,
                rusage=self.s.rusage)
        return r, json_lines(r.stdout)

    def single(self, query):
        return [self.program, "search", "--conninfo", self.conninfo, "--limit", str(self.s.limit),
                "--query", query], (0,)

    def cleanup(self):
        if self.root is None:
            return
        if self.started:
            try:
                run(self.as_server_user([self.pg("pg_ctl"), "-D", self.root / "data", "-m", "fast",
                                         "-w", "stop"]), cwd=self.root, ok=(0, 1, 3))
            except Failure as e:
                print(f"compare.py: warning: stopping PostgreSQL: {e}", file=sys.stderr)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


class Lucene(Engine):
    name, label, compaction = "lucene", "Lucene", "`forceMerge(1)`"
    JARS = ["lucene-core", "lucene-analyzers-common", "lucene-queryparser", "lucene-queries",
            "lucene-sandbox"]

    def __init__(self, settings, work):
        super().__init__(settings, work)
        self.index_dir = self.work / "index"
        self.classes = self.work / "classes"

    def jars(self):
        found = []
        for jar in self.JARS:
            matches = sorted(glob.glob(os.path.join(self.s.lucene_jars, jar + "-[0-9]*.jar"))) or \
                sorted(glob.glob(os.path.join(self.s.lucene_jars, jar + ".jar")))
            if not matches:
                raise Failure(f"{jar}*.jar not found in {self.s.lucene_jars} (Debian: liblucene8-java)")
            found.append(matches[-1])
        return found

    def version(self):
        """The version in lucene-core's manifest (Debian's jar names can lag behind it)."""
        with zipfile.ZipFile(self.jars()[0]) as jar:
            manifest = jar.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
        found = re.search(r"Specification-Version: *(\S+)", manifest)
        return found.group(1) if found else version_in(Path(self.jars()[0]).stem)

    def prepare(self):
        super().prepare()
        self.classpath = ":".join([str(self.classes)] + self.jars())
        run([self.s.javac, "-nowarn", "-d", self.classes, "-cp", self.classpath,
             HERE / "LuceneBench.java"])

    def java(self, *args):
        return [self.s.java, f"-Xmx{self.s.java_heap}", "-cp", self.classpath, "LuceneBench", *args]

    def index(self, corpus):
        r = run(self.java("index", "--index", self.index_dir, "--ram-mb", str(self.s.lucene_ram_mb),
                          "--store-text", self.s.lucene_store_text, corpus.path),
                rusage=self.s.rusage)
        size = tree_bytes(self.index_dir)
        c = run(self.java("merge", "--index", self.index_dir))
        count = run(self.java("count", "--index", self.index_dir)).stdout.strip()
        return {"seconds": r.seconds, "cpu_seconds": r.cpu_seconds, "max_rss_kib": r.max_rss_kib,
                "articles": int(count), "size_bytes": size, "compact_seconds": c.seconds,
                "compact_bytes": tree_bytes(self.index_dir)}

    def batch(self, query_file, raw_path):
        r = run(self.java("search", "--index", self.index_dir, "--limit", str(self.s.limit),
                          "--batch", query_file), stdout_path=raw_path, rusage=self.s.rusage)
        return r, json_lines(r.stdout)

    def single(self, query):
        return self.java("search", "--index", self.index_dir, "--limit", str(self.s.limit),
                         "--query", query), (0,)


ENGINE_CLASSES = {e.name: e for e in (Sova, SovaLean, Xapian, Sqlite, Postgres, Lucene)}


# --- statistics and report --------------------------------------------------------------------

def percentile(values, p):
    """The p-th percentile, interpolating between the closest ranks."""
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def fmt(value, digits=1, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float) and value < 10 ** -digits and value != 0:
        return f"{value:.{digits + 2}f}{unit}"
    return f"{value:,.{digits}f}{unit}"


def markdown(report):
    c = report["corpus"]
    lines = [f"Corpus: {c['path_name']}, {c['articles']:,} articles, {c['bytes'] / 1e6:.1f} MB; "
             f"{report['queries']['count']} queries ({report['queries']['source']}), "
             f"batch: {report['settings']['rounds']} rounds, the last one timed; one process per "
             f"query: {report['queries']['single_sample']} queries; top {report['settings']['limit']}"
             + (f"; each figure the median of {report['settings']['repeat']} runs, the engines "
                "taking turns." if report['settings']['repeat'] > 1 else "."),
             "",
             "| engine | index time | MB/s | CPU | peak RSS | index size | compacted (time) "
             "| batch p50 | p95 | p99 | queries/s | 1 query/process p50 | p95 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for e in report["engines"]:
        i, b, s = e["index"], e["batch"], e["single"]
        rss = "—" if i["max_rss_kib"] is None else \
            fmt(i["max_rss_kib"] / 1024, 0, " MB") + (" ¹" if e["engine"] == "postgres" else "")
        compacted = "—" if i.get("compact_bytes") is None else \
            f"{i['compact_bytes'] / 1e6:,.1f} MB ({i['compact_seconds']:.1f} s)"
        lines.append(
            f"| {e['label']} {e['version']} | {i['seconds']:.1f} s | {i['mb_per_s']:.2f} | "
            f"{fmt(i['cpu_seconds'], 1, ' s')} | {rss} | {i['size_bytes'] / 1e6:,.1f} MB | {compacted} | "
            f"{fmt(b['p50_ms'], 2, ' ms')} | {fmt(b['p95_ms'], 2, ' ms')} | "
            f"{fmt(b['p99_ms'], 2, ' ms')} | {fmt(b['qps'], 0)} | {fmt(s['p50_ms'], 1, ' ms')} | "
            f"{fmt(s['p95_ms'], 1, ' ms')} |")
    if any(e["engine"] == "postgres" for e in report["engines"]):
        lines += ["", "¹ PostgreSQL: peak RSS of the server process that ran COPY, CREATE INDEX "
                  "and ANALYZE (VmHWM, with the shared buffers it touched); its CPU time is that "
                  "process's plus the loading client's; the size is table, TOAST and GIN index."]
    if report["ratios"]:
        lines += ["", "Ratios (Sova against each peer):", ""]
        lines += [f"- {r}" for r in report["ratios"]]
    if report["problems"]:
        lines += ["", "Problems:", ""] + [f"- {p}" for p in report["problems"]]
    return "\n".join(lines) + "\n"


def ratios(report):
    """Sova against each peer, in sentences: speed as "A does X n× faster than B" (whichever
    is faster; "about as fast" within 5 %), size as a multiple of the peer's. Each sentence says
    what the figures compare: indexing is wall time with Sova on its threads and every peer on
    one; one query per process includes each program's start-up (a JVM's for Lucene)."""
    by = {e["engine"]: e for e in report["engines"]}
    if "sova" not in by:
        return []
    sova, out = by["sova"], []
    sova_threads = report["settings"].get("sova_threads") or report["settings"].get("cpus") or 1

    def faster(peer, ours, theirs, doing, higher_is_better):
        if not ours or not theirs:
            return
        r = ours / theirs if higher_is_better else theirs / ours
        if max(r, 1 / r) < 1.05:
            out.append(f"Sova {doing} about as fast as {peer}")
            return
        first, second = ("Sova", peer) if r >= 1 else (peer, "Sova")
        out.append(f"{first} {doing} {max(r, 1 / r):.1f}× faster than {second}")

    for e in report["engines"]:
        if e["engine"] == "sova":
            continue
        peer = e["label"]
        faster(peer, sova["index"]["mb_per_s"], e["index"]["mb_per_s"],
               f"indexes (wall time; Sova on {sova_threads} thread{'s' if sova_threads != 1 else ''}, "
               f"{peer} on one)", True)
        if sova["index"]["final_bytes"] and e["index"]["final_bytes"]:
            out.append(f"Sova's index is {sova['index']['final_bytes'] / e['index']['final_bytes']:.2f}× "
                       f"the size of {peer}'s (each after its compaction, if any)")
        faster(peer, sova["batch"]["p50_ms"], e["batch"]["p50_ms"],
               "answers batch queries (p50, one thread each, index open)", False)
        startup = "start-up included, a JVM's" if e["engine"] == "lucene" else "start-up included"
        faster(peer, sova["single"]["p50_ms"], e["single"]["p50_ms"],
               f"answers one query per process (p50, {startup})", False)
    return out


def chart(report, out_dir):
    """chart.png: indexing MB/s and batch p50 per engine, drawn by gnuplot (gnuplot-nox)."""
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        return "gnuplot not found: no chart"
    data = out_dir / "chart.dat"
    with open(data, "w", encoding="utf-8") as f:
        for e in report["engines"]:
            f.write('"%s" %.4f %.4f\n' % (e["label"], e["index"]["mb_per_s"], e["batch"]["p50_ms"] or 0))
    script = f"""
set terminal pngcairo size 1200,480 font ",10"
set output '{out_dir / "chart.png"}'
set multiplot layout 1,2 title "{report['corpus']['path_name']}: {report['corpus']['bytes'] / 1e6:.1f} MB, {report['queries']['count']} queries"
set style data histograms
set style histogram gap 1
set style fill solid 0.8 border -1
set grid ytics
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set xtics rotate by -20
set title "Indexing throughput, MB/s (higher is better)"
plot '{data}' using 2:xtic(1) notitle lc rgb '#4477aa', \
     '' using 0:2:(sprintf("%.2f", $2)) with labels offset 0,0.8 notitle
set title "Batch query latency p50, ms (lower is better)"
plot '{data}' using 3:xtic(1) notitle lc rgb '#cc6677', \
     '' using 0:3:(sprintf("%.2f", $3)) with labels offset 0,0.8 notitle
unset multiplot
"""
    try:
        subprocess.run([gnuplot], input=script, text=True, check=True, capture_output=True)
    except subprocess.CalledProcessError as e:
        return f"gnuplot failed: {e.stderr.strip()}"
    return None


# --- the run ----------------------------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Compare Sova with Xapian (scriptindex), SQLite FTS5, PostgreSQL full-text "
                    "search and Lucene on one corpus and one query log (docs/BENCHMARKS.md).")
    p.add_argument("--smoke", action="store_true",
                   help="small corpus and query log; fail unless every engine indexed every "
                        "article, answered every query and found hits exactly where expected")
    p.add_argument("--corpus", help="JSON Lines corpus (default: generated with "
                                    "sova_corpus_generate, --articles articles)")
    p.add_argument("--articles", type=int, help="articles to generate (default 15000, about "
                                                "48 MB; --smoke: 250)")
    p.add_argument("--seed", type=int, default=1, help="seed of the generated corpus and query log")
    p.add_argument("--queries", help="query log: `query` or `qid<TAB>query` per line (default: "
                                     "derived from the corpus)")
    p.add_argument("--query-count", type=int, help="queries to derive (default 1000; --smoke: 24)")
    p.add_argument("--single", type=int, help="queries run one process each, per engine "
                                              "(default 100; --smoke: 6)")
    p.add_argument("--rounds", type=int, default=2,
                   help="batch passes over the query log in one process; only the last is timed "
                        "(default 2: one warm-up)")
    p.add_argument("--repeat", type=int, default=1,
                   help="measure every engine this many times, the engines taking turns, and "
                        "report the median of each figure (default 1; an odd count gives true "
                        "medians)")
    p.add_argument("--limit", type=int, default=10, help="hits per query (default 10)")
    p.add_argument("--engines", default=",".join(ENGINES),
                   help="comma-separated, from " + ",".join(ENGINE_CLASSES) + " (default: "
                        + ",".join(ENGINES) + ")")
    p.add_argument("--build", default=str(REPO / "build"),
                   help="CMake build folder (default: build/ of the repository)")
    p.add_argument("--sova", help="the sova binary (default BUILD/cli/sova)")
    p.add_argument("--sova-threads", type=int,
                   help="sova index --threads (default: Sova's own, one per core)")
    p.add_argument("--generator", help="sova_corpus_generate (default BUILD/bench/sova_corpus_generate)")
    p.add_argument("--peer-bin", help="folder of sova_peer_* (default BUILD/bench/peers)")
    p.add_argument("--stemmer", default="english",
                   help="Xapian stemmer of scriptindex and sova_peer_xapian (default english)")
    p.add_argument("--pg-bin", help="PostgreSQL server programs (default: pg_config --bindir, "
                                    "else the newest /usr/lib/postgresql/*/bin)")
    p.add_argument("--pg-user", default="postgres",
                   help="system user the PostgreSQL server runs as when this runs as root "
                        "(default postgres)")
    p.add_argument("--pg-maintenance-work-mem", default="256MB",
                   help="maintenance_work_mem of the GIN index build (default 256MB)")
    p.add_argument("--lucene-jars", default="/usr/share/java",
                   help="folder of the Lucene jars (default /usr/share/java)")
    p.add_argument("--lucene-ram-mb", type=int, default=256, help="IndexWriter RAM buffer (default 256)")
    p.add_argument("--lucene-store-text", choices=["yes", "no"], default="yes",
                   help="keep the text in Lucene's stored fields, as the other engines keep it "
                        "(default yes)")
    p.add_argument("--java", default="java", help="the java launcher (default: java on PATH)")
    p.add_argument("--javac", default="javac", help="the Java compiler (default: javac on PATH)")
    p.add_argument("--java-heap", default="1g", help="-Xmx of the Lucene JVM (default 1g)")
    p.add_argument("--out", default="peers-out", help="output folder (default ./peers-out)")
    p.add_argument("--work", help="folder for corpus, indexes and scratch files (default: a "
                                   "temp folder, removed at the end)")
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    s = p.parse_args(argv)
    build = Path(s.build)
    s.sova = s.sova or str(build / "cli" / "sova")
    s.generator = s.generator or str(build / "bench" / "sova_corpus_generate")
    s.peer_bin = s.peer_bin or str(build / "bench" / "peers")
    s.rusage = str(Path(s.peer_bin) / "sova_peer_rusage")
    s.articles = s.articles or (250 if s.smoke else 15000)
    s.query_count = s.query_count or (24 if s.smoke else 1000)
    s.single = s.single if s.single is not None else (6 if s.smoke else 100)
    s.engines = [e.strip() for e in s.engines.split(",") if e.strip()]
    for e in s.engines:
        if e not in ENGINE_CLASSES:
            p.error(f"unknown engine '{e}' (known: {', '.join(ENGINE_CLASSES)})")
    if s.rounds < 1:
        p.error("--rounds must be at least 1")
    if s.repeat < 1:
        p.error("--repeat must be at least 1")
    if not s.pg_bin:
        s.pg_bin = find_pg_bin()
    return s


def find_pg_bin():
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        if out and Path(out, "initdb").exists():
            return out
    except OSError:
        pass
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(re.search(r"/(\d+)/bin", p).group(1)))
    return str(Path(found[-1]).parent) if found else "/usr/lib/postgresql/15/bin"


def require_programs(s):
    """Fails early, naming what is missing, rather than after minutes of indexing."""
    needed = [s.rusage]
    if not s.corpus:
        needed.append(s.generator)
    programs = {"sova": [s.sova], "sova-lean": [s.sova], "xapian": [str(Path(s.peer_bin) / "sova_peer_xapian"),
                                             "scriptindex", "xapian-compact"],
                "sqlite": [str(Path(s.peer_bin) / "sova_peer_sqlite")],
                "postgres": [str(Path(s.peer_bin) / "sova_peer_postgres"),
                             str(Path(s.pg_bin) / "initdb"), str(Path(s.pg_bin) / "pg_ctl")],
                "lucene": [s.java, s.javac]}
    for engine in s.engines:
        needed += programs[engine]
    missing = [p for p in needed if not shutil.which(p)]
    if missing:
        raise Failure("not found: " + ", ".join(missing) + " (build the project, e.g. "
                      "`cmake --build build`, and install scripts/install-deps.sh's packages; "
                      "--build, --sova, --peer-bin, --pg-bin name other places)")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_engine(engine, corpus, queries, rounds, single_sample, out_dir, work):
    result = {"engine": engine.name, "label": engine.label, "version": engine.version(),
              "compaction": engine.compaction}
    log(f"{engine.label}: indexing")
    index = engine.index(corpus)
    index["mb_per_s"] = corpus.bytes / 1e6 / index["seconds"]
    index["final_bytes"] = index["compact_bytes"] or index["size_bytes"]
    result["index"] = index

    log(f"{engine.label}: {len(queries)} queries × {rounds} rounds in one process")
    query_file = Path(work) / "batch.tsv"
    if not query_file.exists():
        with open(query_file, "w", encoding="utf-8") as f:
            for r in range(1, rounds + 1):
                for q in queries:
                    f.write(f"r{r}:{q['qid']}\t{q['query']}\n")
    run_, answers = engine.batch(query_file, out_dir / "raw" / f"{engine.name}-batch.jsonl")
    last = {a["qid"][len(f"r{rounds}:"):]: a for a in answers if a["qid"].startswith(f"r{rounds}:")}
    ms = [last[q["qid"]]["ms"] for q in queries if q["qid"] in last]
    total_ms = sum(ms)
    result["batch"] = {
        "queries": len(ms), "answered_all_rounds": len(answers), "wall_seconds": run_.seconds,
        "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95), "p99_ms": percentile(ms, 99),
        "mean_ms": total_ms / len(ms) if ms else None,
        "qps": len(ms) / (total_ms / 1000) if total_ms else None,
        "max_rss_kib": run_.max_rss_kib,
        "with_hits": sum(1 for a in last.values() if a["ids"])}
    result["answers"] = {qid: a["ids"] for qid, a in last.items()}

    log(f"{engine.label}: {len(single_sample)} queries, one process each")
    times, single_hits = [], {}
    for q in single_sample:
        argv, ok = engine.single(q["query"])
        r = run(argv, ok=ok)
        times.append(r.seconds * 1000)
        single_hits[q["qid"]] = engine.single_hits(r.stdout)
    result["single"] = {"queries": len(times), "p50_ms": percentile(times, 50),
                        "p95_ms": percentile(times, 95), "max_ms": max(times) if times else None}
    result["single_hits"] = single_hits
    return result


def median_of_runs(results):
    """One engine's runs as one result: each measurement the median over the runs (the lower
    middle one for an even count, so that it is a value some run measured); each count (articles
    indexed, queries answered) the smallest, so that check() sees a run that fell short. The
    answers are the last run's; the runs' own figures stay under "runs"."""
    counts = {"articles", "queries", "answered_all_rounds", "with_hits"}
    merged = dict(results[-1])
    for section in ("index", "batch", "single"):
        merged[section] = dict(results[-1][section])
        for key, value in merged[section].items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            values = [r[section][key] for r in results if r[section].get(key) is not None]
            if values:
                merged[section][key] = min(values) if key in counts else statistics.median_low(values)
    last = results[-1]["index"]  # the rate of the median time, not the median of the rates
    merged["index"]["mb_per_s"] = last["mb_per_s"] * last["seconds"] / merged["index"]["seconds"]
    if len(results) > 1:
        merged["runs"] = [{section: r[section] for section in ("index", "batch", "single")}
                          for r in results]
    return merged


def check(report, queries, corpus, single_sample):
    """What every engine must get right; each problem names the engine and the query."""
    problems = []
    for e in report["engines"]:
        if e["index"]["articles"] != len(corpus.articles):
            problems.append(f"{e['label']} indexed {e['index']['articles']} articles of "
                            f"{len(corpus.articles)}")
        expected_answers = len(queries) * report["settings"]["rounds"]
        if e["batch"]["answered_all_rounds"] != expected_answers:
            problems.append(f"{e['label']} answered {e['batch']['answered_all_rounds']} of "
                            f"{expected_answers} batch queries")
        for q in single_sample:
            got = e["single_hits"].get(q["qid"])
            batch = e["answers"].get(q["qid"])
            if batch is None:
                problems.append(f"{e['label']}: no batch answer to {q['qid']} `{q['query']}`")
            elif got is None or (got > 0) != (len(batch) > 0):
                problems.append(f"{e['label']}: {q['qid']} `{q['query']}` has {got} hits in its "
                                f"own process, {len(batch)} in the batch")
    # With every match listed (--smoke), what the engines found is compared: a query's source
    # article is found by every engine, and Sova finds every article all its peers find (it
    # may find more: stems in more languages, cross-script spellings).
    if report["settings"]["limit"] >= len(corpus.articles):
        sova = next((e for e in report["engines"] if e["engine"] == "sova"), None)
        peers = [e for e in report["engines"] if e["engine"] != "sova"]
        for q in queries:
            found = {e["label"]: set(e["answers"].get(q["qid"]) or []) for e in report["engines"]}
            if q.get("source"):
                missed = [label for label, ids in found.items() if q["source"] not in ids]
                if missed:
                    problems.append(f"{q['qid']} `{q['query']}` ({q['kind']}): its source "
                                    f"{q['source']} not found by {', '.join(missed)}")
            if sova and peers:
                agreed = set.intersection(*(found[e["label"]] for e in peers))
                if agreed - found[sova["label"]]:
                    problems.append(f"{q['qid']} `{q['query']}`: every peer finds "
                                    f"{', '.join(sorted(agreed - found[sova['label']]))}, Sova does not")
    for q in queries:
        has = {e["label"]: bool(e["answers"].get(q["qid"])) for e in report["engines"]}
        if q["expect_hits"] is not None:
            wrong = [label for label, h in has.items() if h != q["expect_hits"]]
            if wrong:
                problems.append(f"{q['qid']} `{q['query']}` ({q['kind']}): expected "
                                f"{'hits' if q['expect_hits'] else 'no hits'}, "
                                f"wrong in {', '.join(wrong)}")
        elif len(set(has.values())) > 1:
            problems.append(f"{q['qid']} `{q['query']}`: hits in "
                            f"{', '.join(k for k, v in has.items() if v) or 'none'}, none in "
                            f"{', '.join(k for k, v in has.items() if not v)}")
    return problems


def main(argv):
    s = parse_args(argv)
    out_dir = Path(s.out)
    (out_dir / "raw").mkdir(parents=True, exist_ok=True)
    work = Path(s.work) if s.work else Path(tempfile.mkdtemp(prefix="sova-peers-"))
    work.mkdir(parents=True, exist_ok=True)
    engines = []

    def terminate(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)

    started = time.perf_counter()
    try:
        require_programs(s)
        if s.corpus:
            corpus_path = Path(s.corpus)
        else:
            corpus_path = work / f"generated-{s.articles}-seed{s.seed}.jsonl"
            log(f"generating {s.articles} articles (seed {s.seed})")
            run([s.generator, "--articles", str(s.articles), "--seed", str(s.seed),
                 "--out", corpus_path])
        corpus = Corpus(corpus_path)
        if not corpus.articles:
            raise Failure(f"{corpus_path}: no article with a title and a text")
        if s.smoke:  # every match listed, so that check() can compare what the engines found
            s.limit = max(s.limit, len(corpus.articles))
        if s.queries:
            queries, source = read_queries(s.queries), s.queries
        else:
            queries = derive_queries(corpus, s.query_count, s.seed)
            source = f"derived from the corpus, seed {s.seed}"
        with open(out_dir / "queries.tsv", "w", encoding="utf-8") as f:
            for q in queries:
                f.write(f"{q['qid']}\t{q['query']}\n")
        step = max(1, len(queries) // max(1, s.single))
        single_sample = queries[::step][:s.single]
        if s.smoke:  # make sure a query without hits runs on its own too
            missing = [q for q in queries if q["expect_hits"] is False]
            if missing and all(q["expect_hits"] for q in single_sample) and single_sample:
                single_sample[-1] = missing[0]

        report = {"corpus": {"path": str(corpus_path), "path_name": corpus_path.name,
                             "bytes": corpus.bytes, "articles": len(corpus.articles)},
                  "queries": {"count": len(queries), "source": source,
                              "single_sample": len(single_sample),
                              "kinds": {k: sum(1 for q in queries if q["kind"] == k)
                                        for k in dict.fromkeys(q["kind"] for q in queries)}},
                  "settings": {"rounds": s.rounds, "repeat": s.repeat, "limit": s.limit,
                               "stemmer": s.stemmer,
                               "sova_threads": s.sova_threads,
                               "lucene_ram_mb": s.lucene_ram_mb,
                               "lucene_store_text": s.lucene_store_text, "java_heap": s.java_heap,
                               "pg_maintenance_work_mem": s.pg_maintenance_work_mem,
                               "smoke": s.smoke, "cpus": os.cpu_count()},
                  "engines": []}
        failed = []
        runs = {name: [] for name in s.engines}
        # The engines take turns, so that a busy spell of the machine falls on all of them.
        for repetition in range(1, s.repeat + 1):
            for name in s.engines:
                engine = ENGINE_CLASSES[name](s, work)
                engines.append(engine)
                turn = f" (run {repetition} of {s.repeat})" if s.repeat > 1 else ""
                log(f"{engine.label}: preparing{turn}")
                try:
                    engine.prepare()
                    runs[name].append(measure_engine(engine, corpus, queries, s.rounds,
                                                     single_sample, out_dir, work))
                except Failure as e:  # the other engines still run; the report names this one
                    log(f"{engine.label}: failed: {e}")
                    failed.append(f"{engine.label} failed{turn}: {e}")
                finally:
                    engine.cleanup()
        report["engines"] = [median_of_runs(runs[name]) for name in s.engines if runs[name]]
        report["problems"] = failed + check(report, queries, corpus, single_sample)
        report["ratios"] = ratios(report)
        report["seconds"] = time.perf_counter() - started
        table = markdown(report)
        (out_dir / "results.md").write_text(table, encoding="utf-8")
        for e in report["engines"]:
            e.pop("single_hits")
        report["query_log"] = queries
        (out_dir / "results.json").write_text(json.dumps(report, indent=1, ensure_ascii=False),
                                              encoding="utf-8")
        chart_problem = chart(report, out_dir)
        print(table)
        if chart_problem:
            print(f"compare.py: warning: {chart_problem}", file=sys.stderr)
        log(f"done in {report['seconds']:.0f} s: {out_dir}/results.md, results.json, chart.png")
        if failed or (report["problems"] and s.smoke):
            what = "smoke test failed" if s.smoke else "an engine failed"
            print(f"compare.py: {what}: {len(report['problems'])} problems (listed above)",
                  file=sys.stderr)
            return 1
        return 0
    except Failure as e:
        print(f"compare.py: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:
        print(f"compare.py: interrupted ({e or 'Ctrl-C'}); cleaning up", file=sys.stderr)
        return 130
    finally:
        for engine in engines:
            engine.cleanup()
        if not s.work and not s.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"work folder kept: {work}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
