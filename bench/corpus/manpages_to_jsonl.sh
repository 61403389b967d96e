#!/usr/bin/env bash
# manpages_to_jsonl.sh — build a multilingual JSON Lines corpus from Debian's
# (translated) man pages, for Sova benchmarks and relevance evaluation.
#
# Usage: bench/corpus/manpages_to_jsonl.sh OUT.jsonl [LANG...]
#   LANG defaults to: ru uk de fr en
#   "en" means the English pages from the `manpages` and `manpages-dev`
#   packages; any other LANG means the manpages-l10n package
#   `manpages-<lang>` (e.g. pt_BR -> manpages-pt-br, pages under
#   usr/share/man/pt_BR/).
#
# The packages are fetched with `apt-get download` into a temporary directory
# and unpacked with `dpkg -x`; nothing is installed (except groff-base, and
# only if groff is missing). Every page is rendered to plain UTF-8 text with
# groff and written as one JSON object per line:
#   {"id": "ru/1/ls", "title": "...", "text": "...", "lang": "ru",
#    "source": "manpages-ru", "name": "ls"}
#
# Environment:
#   JOBS      parallel groff renderers (default: nproc)
#   DEB_DIR   if set, .deb files are downloaded to / reused from this directory
#             instead of a throw-away temp dir (handy for offline re-runs)
#
# A summary (pages per language, skipped pages by reason, bytes, seconds) is
# printed to stderr. The output file is written atomically (OUT.tmp, then mv).
set -euo pipefail

usage() { echo "usage: $0 OUT.jsonl [LANG...]   (default LANGs: ru uk de fr en)" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
[[ "$1" != -h && "$1" != --help ]] || usage
OUT=$1; shift
if [[ $# -gt 0 ]]; then LANGS=("$@"); else LANGS=(ru uk de fr en); fi
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
START=$(date +%s.%N)

log() { echo "[manpages_to_jsonl] $*" >&2; }

command -v python3 >/dev/null || { log "python3 is required"; exit 1; }
if ! command -v dpkg >/dev/null || ! command -v apt-get >/dev/null; then
  log "needs a Debian-like system with dpkg and apt-get"; exit 1
fi

APT_UPDATED=0
apt_update_once() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "running apt-get update"
    apt-get update -qq >&2
    APT_UPDATED=1
  fi
}

# --- groff --------------------------------------------------------------------
if ! command -v groff >/dev/null; then
  log "groff not found; installing groff-base"
  if [[ $EUID -ne 0 ]]; then log "not root: install groff-base by hand"; exit 1; fi
  if ! apt-get install -y -qq groff-base >&2; then
    apt_update_once
    apt-get install -y -qq groff-base >&2
  fi
fi

# --- packages -----------------------------------------------------------------
pkg_for_lang() {  # en -> "manpages manpages-dev"; pt_BR -> manpages-pt-br
  if [[ $1 == en ]]; then echo "manpages manpages-dev"
  else echo "manpages-$(echo "$1" | tr 'A-Z_' 'a-z-')"; fi
}
has_candidate() {
  local c
  c=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [[ -n "$c" && "$c" != "(none)" ]]
}

PKGS=()
for l in "${LANGS[@]}"; do for p in $(pkg_for_lang "$l"); do PKGS+=("$p"); done; done
for p in "${PKGS[@]}"; do
  if ! has_candidate "$p"; then apt_update_once; break; fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/manpages_to_jsonl.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if [[ -n "${DEB_DIR:-}" ]]; then mkdir -p "$DEB_DIR"; DEBS=$(cd "$DEB_DIR" && pwd); else DEBS=$WORK/debs; mkdir -p "$DEBS"; fi
# apt-get download drops privileges to _apt; let it write the directory.
if [[ $EUID -eq 0 ]] && id _apt >/dev/null 2>&1; then chown _apt "$DEBS" 2>/dev/null || true; chmod 755 "$WORK"; fi

OK_LANGS=()
for l in "${LANGS[@]}"; do
  lang_ok=1
  for p in $(pkg_for_lang "$l"); do
    if ! has_candidate "$p"; then
      log "WARNING: no apt candidate for $p; skipping language $l"; lang_ok=0; continue
    fi
    if ! ls "$DEBS/${p}"_*.deb >/dev/null 2>&1; then
      (cd "$DEBS" && apt-get download -qq "$p" >&2) || { log "WARNING: download of $p failed; skipping $l"; lang_ok=0; continue; }
    fi
    deb=$(ls -t "$DEBS/${p}"_*.deb | head -n1)
    mkdir -p "$WORK/x/$p"
    dpkg -x "$deb" "$WORK/x/$p"
    log "unpacked $(basename "$deb")"
  done
  [[ $lang_ok -eq 1 ]] && OK_LANGS+=("$l")
done
[[ ${#OK_LANGS[@]} -gt 0 ]] || { log "no language could be fetched"; exit 1; }

# --- render + emit ------------------------------------------------------------
mkdir -p "$(dirname "$OUT")"
python3 - "$WORK/x" "$OUT" "$JOBS" "$START" "${OK_LANGS[@]}" <<'PY'
import concurrent.futures as cf, gzip, json, os, re, subprocess, sys, time

xroot, out, jobs, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
langs = sys.argv[5:]

def pkgs_for(lang):
    return ["manpages", "manpages-dev"] if lang == "en" else \
        ["manpages-" + lang.lower().replace("_", "-")]

# Collect (lang, pkg, path, section, name). Symlinks are aliases of another
# page (e.g. vdir -> ls) and are skipped like .so redirects.
stats = {}
def st(lang):
    return stats.setdefault(lang, {"pages": 0, "bytes": 0, "so_redirect": 0,
        "alias_symlink": 0, "bad_encoding": 0, "render_failed": 0,
        "empty": 0, "duplicate": 0})

work = []
for lang in langs:
    s = st(lang)
    for pkg in pkgs_for(lang):
        base = os.path.join(xroot, pkg, "usr/share/man")
        if lang != "en":
            base = os.path.join(base, lang)
        if not os.path.isdir(base):
            print(f"[manpages_to_jsonl] WARNING: {pkg} has no {base}", file=sys.stderr)
            continue
        for d in sorted(os.listdir(base)):
            if not re.fullmatch(r"man[0-9n][^/]*", d):
                continue
            for fn in sorted(os.listdir(os.path.join(base, d))):
                p = os.path.join(base, d, fn)
                if os.path.islink(p):
                    s["alias_symlink"] += 1
                    continue
                if not os.path.isfile(p):
                    continue
                stem = fn[:-3] if fn.endswith(".gz") else fn
                if "." not in stem:
                    continue
                name, sec = stem.rsplit(".", 1)
                work.append((lang, pkg, p, sec, name))

RENDER = ["groff", "-Kutf-8", "-t", "-Tutf8", "-man", "-P-c", "-P-b", "-P-u",
          "-rHY=0",        # no hyphenation: words are never split across lines
          "-rLL=2000n",    # very wide lines: a filled paragraph renders as one line
          "-rcR=1"]        # continuous page: one header, one footer
HEADFOOT = re.compile(r"\S+\([^()\s]+\)$")
CTRL = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|.\x08|[\x00-\x08\x0b-\x1f\x7f]")
WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
DASH = re.compile(r"\s+(?:-{1,2}|\u2014|\u2013|\u2212)\s+")

def is_so_redirect(src):
    body = [l for l in src.splitlines()
            if l.strip() and not l.lstrip().startswith(('.\\"', "'\\\"", '.\\#')) and l.strip() != "."]
    return bool(body) and all(l.startswith(".so ") or l.startswith(".so\t") for l in body)

def render(item):
    lang, pkg, path, sec, name = item
    raw = open(path, "rb").read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    try:
        src = raw.decode("utf-8")
    except UnicodeDecodeError:
        return item, "bad_encoding", None
    if is_so_redirect(src):
        return item, "so_redirect", None
    # cwd = the man root so that any embedded ".so manN/x.N" resolves.
    cwd = os.path.dirname(os.path.dirname(path))
    try:
        r = subprocess.run(RENDER, input=raw, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, cwd=cwd, timeout=120)
    except subprocess.TimeoutExpired:
        return item, "render_failed", None
    if r.returncode != 0 or not r.stdout.strip():
        return item, "render_failed", None
    txt = CTRL.sub("", r.stdout.decode("utf-8", "replace"))
    lines = [l.rstrip() for l in txt.split("\n")]
    nz = [i for i, l in enumerate(lines) if l.strip()]
    if nz and HEADFOOT.search(lines[nz[0]]):
        lines[nz[0]] = ""
    if len(nz) > 1 and HEADFOOT.search(lines[nz[-1]]):
        lines[nz[-1]] = ""
    # Title: the NAME section is the first unindented heading that has an
    # indented body. Lines are very wide, so each "name, ... - description"
    # entry is one line; a NAME section listing several commands (bzip2,
    # bzcat, ...) has one line each: take the first line that has a dash.
    title, in_name, name_buf = "", False, []
    for l in lines:
        if not l.strip():
            continue
        if not l[0].isspace():
            if in_name and name_buf:
                break
            in_name = True
            continue
        if in_name:
            name_buf.append(WS.sub(" ", l).strip())
    for nl in name_buf:
        parts = DASH.split(" " + nl, maxsplit=1)
        if len(parts) == 2 and parts[1].strip():
            title = parts[1].strip()
            break
    if not title:
        title = name
    # Body: paragraphs = runs of non-blank lines, joined by "\n\n"; whitespace
    # runs inside a line (indentation, justification, table padding) collapsed.
    paras, cur = [], []
    for l in lines:
        c = WS.sub(" ", l).strip()
        if c:
            cur.append(c)
        elif cur:
            paras.append("\n".join(cur)); cur = []
    if cur:
        paras.append("\n".join(cur))
    text = "\n\n".join(paras)
    if not text.strip():
        return item, "empty", None
    rec = {"id": f"{lang}/{sec}/{name}", "title": title, "text": text,
           "lang": lang, "source": pkg, "name": name}
    return item, "ok", rec

records = {}
with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
    for item, status, rec in ex.map(render, work, chunksize=8):
        s = st(item[0])
        if status != "ok":
            s[status] += 1
            continue
        if rec["id"] in records:
            s["duplicate"] += 1
            continue
        records[rec["id"]] = rec

tmp = out + ".tmp"
total = 0
with open(tmp, "w", encoding="utf-8") as f:
    for rid in sorted(records):
        rec = records[rid]
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        b = len(line.encode("utf-8"))
        s = st(rec["lang"]); s["pages"] += 1; s["bytes"] += b
        total += b
        f.write(line)
os.replace(tmp, out)

el = time.time() - start
print(f"[manpages_to_jsonl] wrote {out}", file=sys.stderr)
print(f"{'lang':<6}{'pages':>7}{'MB':>9}{'so-redir':>10}{'aliases':>9}{'bad-enc':>9}{'failed':>8}{'empty':>7}{'dup':>5}", file=sys.stderr)
for lang in langs:
    s = st(lang)
    print(f"{lang:<6}{s['pages']:>7}{s['bytes']/1e6:>9.2f}{s['so_redirect']:>10}{s['alias_symlink']:>9}"
          f"{s['bad_encoding']:>9}{s['render_failed']:>8}{s['empty']:>7}{s['duplicate']:>5}", file=sys.stderr)
print(f"total: {len(records)} pages, {total} bytes ({total/1e6:.2f} MB), {el:.1f} s", file=sys.stderr)
PY
