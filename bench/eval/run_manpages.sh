#!/usr/bin/env bash
# run_manpages.sh — known-item evaluation of Sova against plain Xapian on Debian man pages
# (ru, uk, de, fr queries; en pages indexed too). Two runs: Sova with its default stemmers, then
# with Hunspell instead of Snowball for Russian. See bench/eval/README.md.
#
# Usage: bench/eval/run_manpages.sh [extra sova_eval_known_item options]
# Environment:
#   CORPUS       JSON Lines corpus (default /work/corpora/manpages.jsonl; built with
#                bench/corpus/manpages_to_jsonl.sh when missing)
#   BUILD        build folder (default <repo>/build-eval; configured when it has no CMakeCache.txt)
#   WORK         indexes and results (default /tmp/sova-eval)
#   JOBS         build parallelism (default 2)
#   MAX_QUERIES  queries per language, a fixed sample (default 0 = all)
#   VARIANTS     1 (default): also evaluate Sova without cross-script keys; 0: skip (faster)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CORPUS=${CORPUS:-/work/corpora/manpages.jsonl}
BUILD=${BUILD:-$ROOT/build-eval}
WORK=${WORK:-/tmp/sova-eval}
JOBS=${JOBS:-2}
MAX_QUERIES=${MAX_QUERIES:-0}
VARIANTS=${VARIANTS:-1}
START=$(date +%s)

log() { echo "[run_manpages] $*" >&2; }

if [[ ! -s "$CORPUS" ]]; then
  log "no corpus at $CORPUS; building it"
  JOBS=$JOBS "$ROOT/bench/corpus/manpages_to_jsonl.sh" "$CORPUS" ru uk de fr en
fi

if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSOVA_BUILD_BENCH=ON -DSOVA_BUILD_TESTS=OFF >&2
fi
cmake --build "$BUILD" --target sova_eval_known_item -j"$JOBS" >&2
EVAL=$BUILD/bench/eval/sova_eval_known_item

mkdir -p "$WORK"
COMMON=(--corpus "$CORPUS" --work "$WORK" --index-langs ru,uk,de,fr,en --eval-langs ru,uk,de,fr
        --max-queries "$MAX_QUERIES")
[[ "$VARIANTS" == 1 ]] && COMMON+=(--variants)

log "run 1/2: Sova with its default stemmers (Russian: Snowball)"
"$EVAL" "${COMMON[@]}" --json "$WORK/default.json" --failures "$WORK/failures-default.md" "$@" \
  > "$WORK/default.md"

log "run 2/2: Sova with Hunspell for Russian"
"$EVAL" "${COMMON[@]}" --ru-stemmer hunspell --json "$WORK/ru-hunspell.json" \
  --failures "$WORK/failures-ru-hunspell.md" --compare-with "$WORK/default.json" "$@" > "$WORK/ru-hunspell.md"

cat "$WORK/default.md" "$WORK/ru-hunspell.md"
log "results: $WORK/{default,ru-hunspell}.{md,json}; failing queries: $WORK/failures-*.md"
log "total $(( $(date +%s) - START )) s"
