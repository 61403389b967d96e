#!/usr/bin/env python3
"""collections.py: judged known-item collections for bench/eval, from text Debian ships.

Each collection is a folder in the format of bench/eval/entities: articles.jsonl (Sova's JSON
Lines), queries.tsv (qid, kind, lang, query) and qrels.txt (TREC qrels). The kind of every
query is its language; the evaluation splits queries by length itself.

  manpages      man pages in ru, uk, de, fr and en (built by manpages_to_jsonl.sh). Query: the
                NAME description ("ls - list directory contents" -> "list directory contents").
                The NAME section is removed from the page: a reader describes a page in their
                own words, and the page does not quote the description back.
  debian-descriptions
                Debian package descriptions in ru, uk, de, fr and en (the archive's
                main/i18n/Translation-<lang> files). Query: the one-line synopsis. Article: the
                package name as title and the long description as text: another field,
                written by the same maintainer, that rarely repeats the synopsis. Packages whose
                long description shares its first paragraph with another package's (0ad,
                0ad-data, 0ad-data-common) are left out: they could not be told apart.

Usage: collections.py manpages MANPAGES.jsonl OUT_DIR
       collections.py debian-descriptions OUT_DIR [--mirror URL] [--suite NAME]
                      [--queries-per-lang N] [--cache DIR]
"""
import argparse
import bz2
import hashlib
import json
import lzma
import os
import re
import sys
import urllib.request

LANGS = ["ru", "uk", "de", "fr", "en"]
WS = re.compile(r"\s+")


def log(message):
    print(f"[collections] {message}", file=sys.stderr)


def stable_order(key):
    """A fixed pseudo-random order: the sample does not depend on file order or Python's hash."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def words(text):
    return len(text.split())


def write_collection(out_dir, articles, topics, info):
    """articles: dicts; topics: (qid, kind, lang, query, docid)."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "articles.jsonl.tmp"), "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(os.path.join(out_dir, "queries.tsv.tmp"), "w", encoding="utf-8") as f:
        f.write(f"# {info}\n# qid\tkind\tlang\tquery (kind = the query's language)\n")
        for qid, kind, lang, query, _ in topics:
            f.write(f"{qid}\t{kind}\t{lang}\t{query}\n")
    with open(os.path.join(out_dir, "qrels.txt.tmp"), "w", encoding="utf-8") as f:
        for qid, _, _, _, docid in topics:
            f.write(f"{qid} 0 {docid} 1\n")
    for name in ("articles.jsonl", "queries.tsv", "qrels.txt"):
        os.replace(os.path.join(out_dir, name + ".tmp"), os.path.join(out_dir, name))
    per_lang = {}
    for t in topics:
        per_lang[t[2]] = per_lang.get(t[2], 0) + 1
    log(f"{out_dir}: {len(articles)} articles, {len(topics)} queries {per_lang}")


# --- man pages -----------------------------------------------------------------------------

def without_name_section(text, description):
    """The page without the paragraph of its NAME section (the one holding the description)."""
    paragraphs = text.split("\n\n")
    for i, paragraph in enumerate(paragraphs[:4]):
        if description in WS.sub(" ", paragraph):
            return "\n\n".join(paragraphs[:i] + paragraphs[i + 1:]), True
    return text, False


def manpages(source, out_dir):
    articles, topics = [], []
    kept = {lang: 0 for lang in LANGS}
    no_name = 0
    with open(source, encoding="utf-8") as f:
        for line in f:
            page = json.loads(line)
            lang = page["lang"]
            if lang not in kept:
                continue
            description = WS.sub(" ", page["title"]).strip()
            text, removed = without_name_section(page["text"], description)
            # A page without a NAME description (title = page name) is indexed but not asked for.
            if not removed or description == page["name"]:
                no_name += 1
            articles.append({"id": page["id"], "title": page["name"], "text": text, "lang": lang,
                             "source": page["source"]})
            if removed and description != page["name"] and words(description) >= 2:
                topics.append((page["id"], lang, lang, description, page["id"]))
                kept[lang] += 1
    info = (f"man pages ({os.path.basename(source)}): NAME descriptions as queries, NAME sections "
            f"removed from the pages; {no_name} pages without one are indexed but not asked for")
    write_collection(out_dir, articles, topics, info)


# --- Debian package descriptions -----------------------------------------------------------

def fetch(url, cache):
    path = os.path.join(cache, url.rsplit("/", 1)[1]) if cache else None
    if path and os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    log(f"fetching {url}")
    with urllib.request.urlopen(url, timeout=120) as response:
        data = response.read()
    if path:
        os.makedirs(cache, exist_ok=True)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
    return data


def translations(mirror, suite, lang, cache):
    base = f"{mirror.rstrip('/')}/dists/{suite}/main/i18n/Translation-{lang}"
    try:
        return bz2.decompress(fetch(base + ".bz2", cache)).decode("utf-8")
    except urllib.error.HTTPError as e:
        if e.code != 404:
            raise
    return lzma.decompress(fetch(base + ".xz", cache)).decode("utf-8")


def parse_translations(text, lang):
    """(package, synopsis, long description) of each stanza."""
    out = []
    for stanza in text.split("\n\n"):
        package, synopsis, body, in_description = None, None, [], False
        for line in stanza.split("\n"):
            if line.startswith("Package:"):
                package = line.split(":", 1)[1].strip()
            elif line.startswith(f"Description-{lang}:"):
                synopsis = line.split(":", 1)[1].strip()
                in_description = True
            elif in_description and line.startswith(" "):
                body.append("" if line.strip() == "." else line.strip())
            else:
                in_description = False
        if package and synopsis and body:
            paragraphs = "\n".join(body).split("\n\n")
            out.append((package, synopsis, "\n\n".join(p.strip() for p in paragraphs if p.strip())))
    return out


def debian_descriptions(out_dir, mirror, suite, per_lang, cache):
    entries = {lang: parse_translations(translations(mirror, suite, lang, cache), lang) for lang in LANGS}
    translated = {pkg for lang in LANGS if lang != "en" for pkg, _, _ in entries[lang]}
    articles, topics = [], []
    for lang in LANGS:
        rows = entries[lang]
        if lang == "en":  # the English twins of the translated packages, not all 64,000
            rows = [r for r in rows if r[0] in translated]
        first = {}
        for _, _, body in rows:
            key = WS.sub(" ", body.split("\n\n")[0]).lower()
            first[key] = first.get(key, 0) + 1
        synopses = {}
        for _, synopsis, _ in rows:
            synopses[synopsis.lower()] = synopses.get(synopsis.lower(), 0) + 1
        candidates = []
        for package, synopsis, body in rows:
            if first[WS.sub(" ", body.split("\n\n")[0]).lower()] > 1:
                continue
            docid = f"{lang}/{package}"
            articles.append({"id": docid, "title": package, "text": body, "lang": lang,
                             "source": f"Translation-{lang}"})
            if words(synopsis) >= 2 and synopses[synopsis.lower()] == 1:
                candidates.append((docid, lang, lang, synopsis, docid))
        candidates.sort(key=lambda t: stable_order(t[0]))
        topics.extend(candidates[:per_lang])
    topics.sort(key=lambda t: t[0])
    info = (f"Debian {suite} package descriptions (main/i18n/Translation-*): synopses as queries, "
            f"long descriptions as articles; at most {per_lang} queries a language, a fixed sample")
    write_collection(out_dir, articles, topics, info)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="collection", required=True)
    m = sub.add_parser("manpages")
    m.add_argument("source")
    m.add_argument("out_dir")
    d = sub.add_parser("debian-descriptions")
    d.add_argument("out_dir")
    d.add_argument("--mirror", default="http://deb.debian.org/debian")
    d.add_argument("--suite", default="bookworm")
    d.add_argument("--queries-per-lang", type=int, default=500)
    d.add_argument("--cache", default="", help="keep the downloaded Translation files here")
    args = parser.parse_args()
    if args.collection == "manpages":
        manpages(args.source, args.out_dir)
    else:
        debian_descriptions(args.out_dir, args.mirror, args.suite, args.queries_per_lang, args.cache)


if __name__ == "__main__":
    main()
