#!/usr/bin/env bash
# run_ranking.sh — Sova's ranking against plain Xapian on every judged collection, in one command:
# man pages (NAME removed) and Debian package descriptions in ru, uk, de, fr, en, and the judged
# entity collection; dev and held-out halves; then each signal off in turn. See README.md.
#
# Usage: bench/eval/run_ranking.sh [extra sova_eval_ranking options, e.g. --set title=0.5]
# Environment:
#   CORPORA  where the collections are built (default /work/corpora; reused when present)
#   BUILD    build folder (default <repo>/build-eval; configured when it has no CMakeCache.txt)
#   WORK     indexes (default /tmp/sova-eval-ranking)
#   JOBS     build parallelism (default 2)
#   ABLATION 1 (default): also the ablation table; 0: skip (about 3 times faster)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CORPORA=${CORPORA:-/work/corpora}
BUILD=${BUILD:-$ROOT/build-eval}
WORK=${WORK:-/tmp/sova-eval-ranking}
JOBS=${JOBS:-2}
ABLATION=${ABLATION:-1}
START=$(date +%s)
log() { echo "[run_ranking] $*" >&2; }

mkdir -p "$CORPORA"
if [[ ! -s "$CORPORA/manpages/queries.tsv" ]]; then
  [[ -s "$CORPORA/manpages.jsonl" ]] || JOBS=$JOBS "$ROOT/bench/corpus/manpages_to_jsonl.sh" "$CORPORA/manpages.jsonl"
  python3 "$ROOT/bench/corpus/collections.py" manpages "$CORPORA/manpages.jsonl" "$CORPORA/manpages"
fi
if [[ ! -s "$CORPORA/debian-descriptions/queries.tsv" ]]; then
  python3 "$ROOT/bench/corpus/collections.py" debian-descriptions "$CORPORA/debian-descriptions" \
    --cache "$CORPORA/cache"
fi

if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSOVA_BUILD_BENCH=ON -DSOVA_BUILD_TESTS=OFF >&2
fi
cmake --build "$BUILD" --target sova_eval_ranking -j"$JOBS" >&2

ARGS=(--collection "$CORPORA/manpages" --collection "$CORPORA/debian-descriptions"
      --collection "$ROOT/bench/eval/entities" --work "$WORK" --failures "$WORK/failures.md")
[[ "$ABLATION" == 1 ]] && ARGS+=(--ablation)
"$BUILD/bench/eval/sova_eval_ranking" "${ARGS[@]}" "$@" | tee "$WORK.md"
log "tables: $WORK.md; dev queries Sova loses: $WORK/failures.md; total $(( $(date +%s) - START )) s"
