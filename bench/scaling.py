#!/usr/bin/python3
"""Indexing time and peak memory against corpus size: the scaling curve of `sova index`.

Generates one corpus of the largest size with sova_corpus_generate (fixed seed), then indexes
its first N articles for every N given, each into a new index, and reports per size: wall
time, CPU time, articles/s, MB/s, peak memory (RSS of the indexing process) and index size.
Writes scaling.md, scaling.json and scaling.png (gnuplot) into --out.

    bench/scaling.py --build build --sizes 10000,30000,100000,300000,1000000 --out /tmp/scaling

Linear growth shows as flat articles/s across sizes; bounded memory as flat peak RSS.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time


def run_measured(command, **kwargs):
    """Runs a command; returns (wall seconds, cpu seconds, peak RSS in MiB)."""
    start = time.monotonic()
    process = subprocess.Popen(command, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"error: {' '.join(command)} exited with {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(root, name))
               for root, _, names in os.walk(folder) for name in names)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build", help="CMake build folder (with -DSOVA_BUILD_BENCH=ON)")
    parser.add_argument("--sizes", default="10000,30000,100000,300000,1000000",
                        help="article counts, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="scaling", help="folder for the corpus, indexes and results")
    parser.add_argument("--threads", type=int, default=0, help="sova index --threads (0: one per core)")
    parser.add_argument("--keep", action="store_true", help="keep the indexes")
    args = parser.parse_args()

    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    if not sizes or sizes[0] < 1:
        raise SystemExit("error: --sizes needs positive article counts")
    sova = os.path.join(args.build, "cli", "sova")
    generate = os.path.join(args.build, "bench", "sova_corpus_generate")
    for program in (sova, generate):
        if not os.access(program, os.X_OK):
            raise SystemExit(f"error: {program} not found; build with -DSOVA_BUILD_BENCH=ON")
    os.makedirs(args.out, exist_ok=True)

    corpus = os.path.join(args.out, f"corpus-{sizes[-1]}-seed{args.seed}.jsonl")
    if not os.path.exists(corpus):
        print(f"generating {sizes[-1]} articles into {corpus}", file=sys.stderr)
        subprocess.run([generate, "--articles", str(sizes[-1]), "--seed", str(args.seed), "--out", corpus + ".tmp"],
                       check=True)
        os.replace(corpus + ".tmp", corpus)

    rows = []
    for n in sizes:
        part = os.path.join(args.out, f"first-{n}.jsonl")
        with open(corpus, "rb") as src, open(part, "wb") as dst:
            for i, line in enumerate(src):
                if i == n:
                    break
                dst.write(line)
        size_mb = os.path.getsize(part) / 1e6
        index = os.path.join(args.out, f"index-{n}")
        shutil.rmtree(index, ignore_errors=True)
        command = [sova, "index", "-q", "-i", index, part]
        if args.threads:
            command[2:2] = ["--threads", str(args.threads)]
        wall, cpu, rss = run_measured(command)
        row = {"articles": n, "input_mb": round(size_mb, 1), "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
               "articles_per_s": round(n / wall), "mb_per_s": round(size_mb / wall, 2),
               "peak_rss_mb": round(rss), "index_mb": round(folder_bytes(index) / 1e6, 1)}
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
        os.remove(part)
        if not args.keep:
            shutil.rmtree(index, ignore_errors=True)

    machine = {"cores": os.cpu_count(), "threads": args.threads or os.cpu_count()}
    with open(os.path.join(args.out, "scaling.json"), "w") as f:
        json.dump({"machine": machine, "seed": args.seed, "rows": rows}, f, indent=2)
    lines = ["| articles | input MB | seconds | CPU s | articles/s | MB/s | peak RSS MB | index MB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['articles']:,} | {r['input_mb']} | {r['seconds']} | {r['cpu_seconds']} | "
                     f"{r['articles_per_s']:,} | {r['mb_per_s']} | {r['peak_rss_mb']} | {r['index_mb']} |")
    base = rows[0]
    per_article = [r["seconds"] / r["articles"] / (base["seconds"] / base["articles"]) for r in rows]
    lines.append("")
    lines.append("Time per article relative to the smallest size: " +
                 ", ".join(f"{r['articles']:,}: {p:.2f}" for r, p in zip(rows, per_article)))
    table = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "scaling.md"), "w") as f:
        f.write(table)
    print(table)

    if shutil.which("gnuplot"):
        data = os.path.join(args.out, "scaling.dat")
        with open(data, "w") as f:
            for r in rows:
                f.write(f"{r['articles']} {r['seconds']} {r['peak_rss_mb']}\n")
        script = f"""
set terminal pngcairo size 900,500 noenhanced
set output '{os.path.join(args.out, "scaling.png")}'
set title 'sova index: time and peak memory against corpus size'
set logscale xy
set xlabel 'articles'
set ylabel 'seconds'
set y2label 'peak RSS (MB)'
set y2tics
set y2range [0:*]
set ytics nomirror
set key left top
plot '{data}' using 1:2 with linespoints title 'indexing time (s)', \\
     '{data}' using 1:($1*{base['seconds']}/{base['articles']}) with lines dashtype 2 title 'linear from the smallest', \\
     '{data}' using 1:3 axes x1y2 with linespoints title 'peak RSS (MB)'
"""
        subprocess.run(["gnuplot"], input=script, text=True, check=True)


if __name__ == "__main__":
    main()
