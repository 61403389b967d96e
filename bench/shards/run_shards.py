#!/usr/bin/env python3
"""Shards searched as one archive, measured (docs/SHARDS.md, docs/BENCHMARKS.md "Shards").

The generated corpus (15,000 articles by default) is split by period into 1, 2, 3 and 4 shards
(consecutive runs of articles, as an archive split by year is). For each split it searches the
peer harness's query log (1,000 queries) with `sova search --batch` over the local shard folders
and over `xapian-tcpsrv` servers on 127.0.0.1, and reports:

- agreement: the share of queries whose top 10 (ids and order) equals that of one index of all
  the articles (and the largest score difference);
- batch latency (p50, p99 of each query's time, as `sova search --batch` measures it) and
  queries per second, the median of --repeat runs; the remote overhead (remote − local p50);
- the messages and round trips of one query between Sova and each server, counted by a proxy
  that reads Xapian's remote protocol, for a batch query and for a one-query `sova search`
  process (open, search, stored articles, snippets).

Usage: bench/shards/run_shards.py [--articles N] [--repeat R] [--build DIR] [--work DIR]
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "peers"))
from compare import Corpus, derive_queries  # noqa: E402  (the peer harness's query log)

# Xapian 1.4's remote protocol (version 39): client message types, in protocol order.
MESSAGES = ["ALLTERMS", "COLLFREQ", "DOCUMENT", "TERMEXISTS", "TERMFREQ", "VALUESTATS", "KEEPALIVE",
            "DOCLENGTH", "QUERY", "TERMLIST", "POSITIONLIST", "POSTLIST", "REOPEN", "UPDATE",
            "ADDDOCUMENT", "CANCEL", "DELETEDOCUMENTTERM", "COMMIT", "REPLACEDOCUMENT",
            "REPLACEDOCUMENTTERM", "DELETEDOCUMENT", "WRITEACCESS", "GETMETADATA", "SETMETADATA",
            "ADDSPELLING", "REMOVESPELLING", "GETMSET", "SHUTDOWN", "METADATAKEYLIST", "FREQS",
            "UNIQUETERMS"]


def log(message):
    print(f"[shards] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, process):
    for _ in range(6000):  # a hang guard: servers listen within milliseconds
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.01)
    return False


class Server:
    """xapian-tcpsrv on 127.0.0.1, a free port, one index folder."""

    def __init__(self, folder):
        for _ in range(5):
            self.port = free_port()
            self.process = subprocess.Popen(
                ["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(self.port), "--quiet", str(folder)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            if wait_listening(self.port, self.process):
                return
            self.stop()
        raise RuntimeError(f"xapian-tcpsrv did not start on {folder}")

    def stop(self):
        try:
            os.killpg(self.process.pid, 9)
        except ProcessLookupError:
            pass
        self.process.wait()


class CountingProxy:
    """Forwards 127.0.0.1:port to a server, reading the client's side as Xapian messages: counts
    each type, and the round trips (the client sending after the server has answered)."""

    def __init__(self, target_port):
        self.target = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.reset()
        threading.Thread(target=self.accept, daemon=True).start()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.counts, self.round_trips = {}, 0

    def accept(self):
        while True:
            client, _ = self.listener.accept()
            server = socket.create_connection(("127.0.0.1", self.target))
            state = {"last": "server", "buffer": b"", "greeted": False}
            threading.Thread(target=self.pump, args=(client, server, state, True), daemon=True).start()
            threading.Thread(target=self.pump, args=(server, client, state, False), daemon=True).start()

    def pump(self, source, sink, state, from_client):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                for s in (source, sink):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                return
            with self.lock:
                if from_client:
                    if state["last"] == "server":
                        self.round_trips += 1
                    state["last"] = "client"
                    state["buffer"] += data
                    self.parse(state)
                else:
                    state["last"] = "server"
            sink.sendall(data)

    def parse(self, state):
        buf = state["buffer"]
        while len(buf) >= 2:
            kind, length, at = buf[0], buf[1], 2
            if length == 255:  # Xapian's encode_length: 255, then 7-bit groups, last one flagged
                length, shift = 0, 0
                while True:
                    if at >= len(buf):
                        return
                    byte = buf[at]
                    at += 1
                    length |= (byte & 0x7f) << shift
                    shift += 7
                    if byte & 0x80:
                        break
                length += 255
            if len(buf) < at + length:
                break
            name = MESSAGES[kind] if kind < len(MESSAGES) else str(kind)
            if name == "GETMETADATA":  # by the key's kind: lexicon:, ename:, entity:, features
                name += " " + buf[at:at + length].decode("utf-8", "replace").split(":")[0]
            self.counts[name] = self.counts.get(name, 0) + 1
            buf = buf[at + length:]
        state["buffer"] = buf


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True, **kw)


def batch(sova, locations, queries_file, limit=10):
    args = [sova, "search"]
    for location in locations:
        args += ["-i", location]
    started = time.perf_counter()
    result = run(args + ["--batch", queries_file, "-n", str(limit)])
    seconds = time.perf_counter() - started
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    return answers, seconds


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=15000)
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3, help="batch runs per setting; the median is reported")
    p.add_argument("--shards", default="1,2,3,4")
    p.add_argument("--build", default=str(REPO / "build"))
    p.add_argument("--work", default="/tmp/sova-shards")
    s = p.parse_args()
    build, work = Path(s.build), Path(s.work)
    sova = build / "cli" / "sova"
    work.mkdir(parents=True, exist_ok=True)

    corpus_path = work / f"generated-{s.articles}-seed{s.seed}.jsonl"
    if not corpus_path.exists():
        log(f"generating {s.articles} articles")
        run([build / "bench" / "sova_corpus_generate", "--articles", s.articles, "--seed", s.seed,
             "--out", corpus_path])
    lines = corpus_path.read_text(encoding="utf-8").splitlines()
    queries = derive_queries(Corpus(corpus_path), s.queries, s.seed)
    queries_file = work / "queries.tsv"
    queries_file.write_text("".join(f"{q['qid']}\t{q['query']}\n" for q in queries), encoding="utf-8")

    splits = [int(n) for n in s.shards.split(",")]
    folders = {}
    for n in sorted(set(splits) | {1}):
        folders[n] = []
        for i in range(n):
            folder = work / f"split{n}-shard{i}"
            if not (folder / "XAPIANDB").exists():
                part = work / f"split{n}-part{i}.jsonl"
                part.write_text("\n".join(lines[i * len(lines) // n:(i + 1) * len(lines) // n]) + "\n",
                                encoding="utf-8")
                log(f"indexing {part.name}")
                run([sova, "index", "-q", "-i", folder, part])
            folders[n].append(str(folder))

    reference, _ = batch(sova, folders[1], queries_file)
    expected = {a["qid"]: a["hits"] for a in reference}
    rows, traffic = [], {}
    for n in splits:
        servers = [Server(folder) for folder in folders[n]]
        try:
            for mode, locations in (("local", folders[n]), ("remote", [f"tcp://127.0.0.1:{x.port}" for x in servers])):
                p50s, p99s, rates, agree, worst = [], [], [], 0, 0.0
                for r in range(s.repeat):
                    answers, seconds = batch(sova, locations, queries_file)
                    ms = [a["ms"] for a in answers]
                    p50s.append(statistics.median(ms))
                    p99s.append(percentile(ms, 99))
                    rates.append(len(answers) / seconds)
                    if r == 0:
                        for a in answers:
                            want = expected[a["qid"]]
                            if [h["id"] for h in a["hits"]] == [h["id"] for h in want]:
                                agree += 1
                            for h, w in zip(a["hits"], want):
                                worst = max(worst, abs(h["score"] - w["score"]))
                rows.append({"shards": n, "mode": mode, "agree": agree, "queries": len(queries),
                             "max_score_diff": worst, "p50": statistics.median(p50s),
                             "p99": statistics.median(p99s), "qps": statistics.median(rates)})
                log(f"{n} shards {mode}: {agree}/{len(queries)} identical, p50 {rows[-1]['p50']:.2f} ms")
            if n == 3:
                proxies = [CountingProxy(x.port) for x in servers]
                locations = [f"tcp://127.0.0.1:{x.port}" for x in proxies]
                sample = queries[:100]
                sample_file = work / "sample.tsv"
                sample_file.write_text("".join(f"{q['qid']}\t{q['query']}\n" for q in sample), encoding="utf-8")
                for proxy in proxies:
                    proxy.reset()
                batch(sova, locations, sample_file)
                traffic["batch"] = summarise(proxies, len(sample))
                for proxy in proxies:
                    proxy.reset()
                args = [sova, "search", "-n", "10"]
                for location in locations:
                    args += ["-i", location]
                for q in sample[:20]:
                    subprocess.run([str(a) for a in args] + ["--", q["query"]], capture_output=True)
                traffic["process"] = summarise(proxies, 20)
        finally:
            for server in servers:
                server.stop()

    report = {"articles": len(lines), "queries": len(queries), "repeat": s.repeat, "rows": rows, "traffic": traffic}
    (work / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"{len(lines)} articles, {len(queries)} queries, medians of {s.repeat} batch runs\n")
    print("| shards | where | top 10 identical to one index | largest score difference | batch p50 | p99 | queries/s |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['shards']} | {r['mode']} | {r['agree']}/{r['queries']} | {r['max_score_diff']:.1e} | "
              f"{r['p50']:.2f} ms | {r['p99']:.2f} ms | {r['qps']:.0f} |")
    local = {r["shards"]: r["p50"] for r in rows if r["mode"] == "local"}
    print()
    for r in rows:
        if r["mode"] == "remote":
            print(f"remote overhead, {r['shards']} shards: {r['p50'] - local[r['shards']]:+.2f} ms p50")
    disagreements = sum(r["queries"] - r["agree"] for r in rows)
    if disagreements:
        print(f"\n{disagreements} top tens differ from one index's", file=sys.stderr)
    for kind, t in traffic.items():
        print(f"\nmessages per query and server, 3 shards, {kind} ({t['queries']} queries): "
              f"{t['round_trips']:.1f} round trips; " +
              ", ".join(f"{k} {v:.1f}" for k, v in sorted(t["messages"].items(), key=lambda kv: -kv[1])))
    return 1 if disagreements else 0


def summarise(proxies, queries):
    messages, round_trips = {}, 0
    for proxy in proxies:
        with proxy.lock:
            round_trips += proxy.round_trips
            for k, v in proxy.counts.items():
                messages[k] = messages.get(k, 0) + v
    n = queries * len(proxies)
    return {"queries": queries, "round_trips": round_trips / n, "messages": {k: v / n for k, v in messages.items()}}


if __name__ == "__main__":
    sys.exit(main())
