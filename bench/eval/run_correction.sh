#!/usr/bin/env bash
# run_correction.sh — spelling and keyboard-layout corrections measured in one command, on the
# Debian package descriptions (ru, uk, de, fr, en) and the judged entity collection; dev and
# held-out halves. See README.md, "Corrections".
#
# Usage: bench/eval/run_correction.sh [extra sova_eval_correction options, e.g. --runs 5]
# Environment:
#   CORPORA  where the collections are built (default /work/corpora; reused when present)
#   BUILD    build folder (default <repo>/build-eval; configured when it has no CMakeCache.txt)
#   WORK     indexes (default /tmp/sova-eval-correction; --reuse keeps them)
#   JOBS     build parallelism (default 2)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CORPORA=${CORPORA:-/work/corpora}
BUILD=${BUILD:-$ROOT/build-eval}
WORK=${WORK:-/tmp/sova-eval-correction}
JOBS=${JOBS:-2}
START=$(date +%s)

if [[ ! -s "$CORPORA/debian-descriptions/queries.tsv" ]]; then
  python3 "$ROOT/bench/corpus/collections.py" debian-descriptions "$CORPORA/debian-descriptions" \
    --cache "$CORPORA/cache"
fi
if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSOVA_BUILD_BENCH=ON -DSOVA_BUILD_TESTS=OFF >&2
fi
cmake --build "$BUILD" --target sova_eval_correction -j"$JOBS" >&2

mkdir -p "$WORK"
"$BUILD/bench/eval/sova_eval_correction" --collection "$CORPORA/debian-descriptions" \
  --collection "$ROOT/bench/eval/entities" --work "$WORK" --failures "$WORK/failures.md" "$@" | tee "$WORK.md"
echo "[run_correction] table: $WORK.md; dev queries a correction fails: $WORK/failures.md;" \
  "total $(( $(date +%s) - START )) s" >&2
