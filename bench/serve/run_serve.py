#!/usr/bin/env python3
"""`sova serve` under load (docs/SERVER.md, docs/BENCHMARKS.md "HTTP server").

On the generated corpus (15,000 articles by default) and the peer harness's query log (1,000
queries), in one run:

- `sova search --batch` over the same index: each query's latency as the batch measures it (no
  HTTP, no snippets), the baseline;
- `/api/search` with 1, 8 and 32 concurrent clients (bench/serve/load.cpp, kept-alive
  connections on 127.0.0.1): latency p50/p99 as the client sees it, requests per second, errors;
  with full hits (snippets, matched clauses, entity scores: what the page shows), and with
  `snippets=0`, the same work as the batch (which builds no snippets) plus matched clauses and
  entity scores.

Each figure is the median of --repeat runs. The server and the clients share the machine.

Usage: bench/serve/run_serve.py [--articles N] [--repeat R] [--build DIR] [--work DIR]
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "peers"))
from compare import Corpus, derive_queries  # noqa: E402  (the peer harness's query log)


def log(message):
    print(f"[serve] {message}", file=sys.stderr, flush=True)


def run(args, **kwargs):
    return subprocess.run([str(a) for a in args], check=True, **kwargs)


def batch_p50(sova, index, queries_file):
    out = run([sova, "search", "-i", index, "-n", "10", "--batch", queries_file],
              capture_output=True, text=True).stdout
    ms = [json.loads(line)["ms"] for line in out.splitlines() if line.strip()]
    return statistics.median(ms)


class Server:
    def __init__(self, sova, index, threads):
        self.process = subprocess.Popen([str(sova), "serve", "-i", str(index), "--port", "0", "--threads",
                                         str(threads), "--connections", "64"],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        found = re.search(r"127\.0\.0\.1:(\d+)/", line)
        if not found:
            self.stop()
            raise RuntimeError(f"sova serve did not start: {line!r}")
        self.port = int(found.group(1))

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=15000)
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--clients", default="1,8,32")
    p.add_argument("--build", default=str(REPO / "build-bench"), help="a build with -DSOVA_BUILD_BENCH=ON")
    p.add_argument("--work", default="/tmp/sova-serve-bench")
    s = p.parse_args()
    build, work = Path(s.build), Path(s.work)
    sova, load = build / "cli" / "sova", build / "bench" / "sova_serve_load"
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"generated-{s.articles}-seed{s.seed}.jsonl"
    if not corpus.exists():
        log(f"generating {s.articles} articles")
        run([build / "bench" / "sova_corpus_generate", "--articles", s.articles, "--seed", s.seed, "--out", corpus])
    index = work / f"index-{s.articles}"
    if not (index / "XAPIANDB").exists():
        log("indexing")
        run([sova, "index", "-q", "-i", index, corpus])
    queries = derive_queries(Corpus(corpus), s.queries, s.seed)
    queries_file = work / "queries.tsv"
    queries_file.write_text("".join(f"{q['qid']}\t{q['query']}\n" for q in queries), encoding="utf-8")

    rows = []
    baseline = statistics.median(batch_p50(sova, index, queries_file) for _ in range(s.repeat))
    log(f"batch p50 {baseline:.3f} ms")
    server = Server(sova, index, threads=2)
    try:
        run([load, "--port", server.port, "--queries", queries_file, "--clients", 1, "--requests", 200],
            capture_output=True)  # warm the page cache and the workers' analysers
        for hits, params in (("full", ""), ("snippets=0", "&snippets=0")):
            for clients in [int(c) for c in s.clients.split(",")]:
                results = []
                for _ in range(s.repeat):
                    out = run([load, "--port", server.port, "--queries", queries_file, "--clients", clients,
                               "--requests", max(1000, 250 * clients), "--params", params],
                              capture_output=True, text=True).stdout
                    results.append(json.loads(out))
                row = {key: statistics.median(r[key] for r in results) for key in ("p50", "p99", "rps")}
                row.update(hits=hits, clients=clients, errors=sum(r["errors"] for r in results),
                           requests=sum(r["requests"] for r in results))
                rows.append(row)
                log(f"{hits}, {clients} clients: p50 {row['p50']:.2f} ms, p99 {row['p99']:.2f} ms, "
                    f"{row['rps']:.0f}/s, {row['errors']} errors")
    finally:
        server.stop()
    report = {"articles": s.articles, "queries": len(queries), "repeat": s.repeat, "batch_p50": baseline,
              "rows": rows}
    (work / "report.json").write_text(json.dumps(report, indent=1))
    print("| hits | clients | p50 ms | p99 ms | requests/s | errors |\n|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['hits']} | {r['clients']} | {r['p50']:.2f} | {r['p99']:.2f} | {r['rps']:.0f} | "
              f"{r['errors']} of {r['requests']} |")
    print(f"\n`sova search --batch` p50: {baseline:.3f} ms")
    for r in rows:
        if r["clients"] == 1:
            print(f"/api/search ({r['hits']}) p50 at 1 client: {r['p50']:.3f} ms ({r['p50'] / baseline:.2f}x)")


if __name__ == "__main__":
    main()
