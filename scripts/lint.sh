#!/usr/bin/env bash
# `make lint`: every C++ file formatted as .clang-format says, and clang-tidy (.clang-tidy) clean
# on the product's code: everything but tests, bench, tools and examples.
# Usage: scripts/lint.sh BUILD_DIR [JOBS]   (BUILD_DIR holds CMake's compile_commands.json)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/lint.sh BUILD_DIR [JOBS]}
jobs=${2:-2}

if [[ ! -f "$build/compile_commands.json" ]]; then
    echo "lint: $build/compile_commands.json is missing; configure the build first" >&2
    exit 2
fi

mapfile -t all < <(find include cli indexer output python query schema server tokenizers tests bench tools examples \
    -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.inc' \) | sort)
echo "lint: clang-format on ${#all[@]} files"
if ! clang-format --dry-run --Werror "${all[@]}"; then
    echo "lint: the files above are not formatted; run: clang-format -i FILE..." >&2
    exit 1
fi

# CTest splits a discovered test's name at ';' and then runs nothing under either half.
if grep -rn --include='*.cpp' 'TEST_CASE("[^"]*;' tests; then
    echo "lint: the test names above contain ';', which CTest cannot run; use ':' or ','" >&2
    exit 1
fi

mapfile -t product < <(find cli indexer output python query schema server tokenizers -type f -name '*.cpp' | sort)
echo "lint: clang-tidy on ${#product[@]} files"
if ! run-clang-tidy -quiet -p "$build" -j "$jobs" "${product[@]/#/$PWD/}" > "$build/clang-tidy.log" 2>&1; then
    grep -E -A3 '(warning|error):' "$build/clang-tidy.log" | sed 's/\x1b\[[0-9;]*m//g' >&2 || cat "$build/clang-tidy.log" >&2
    echo "lint: clang-tidy found the problems above (full log: $build/clang-tidy.log)" >&2
    exit 1
fi
echo "lint: clean"
