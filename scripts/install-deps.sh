#!/usr/bin/env bash
# Installs the Debian packages Sova needs to build, test and run; skips what is installed.
set -euo pipefail

packages=(
  g++ make cmake pkg-config gzip
  dpkg-dev           # dpkg-shlibdeps: the Depends of the Debian package (make deb, its test)
  clang libclang-rt-14-dev   # sanitizer build and libFuzzer targets (make test)
  clang-format clang-tidy    # make lint (part of make test)
  libicu-dev         # ICU: normalisation, word breaking, scripts
  libxapian-dev      # Xapian 1.4: the index, BM25, Snowball stemmers
  xapian-tools       # xapian-check, quest, xapian-delve, xapian-compact, xapian-tcpsrv (used by the tests)
  libsimdjson-dev    # JSON Lines parsing
  zlib1g-dev         # .gz input
  libhunspell-dev    # Hunspell: stemming for languages Snowball lacks (Ukrainian)
  hunspell-en-us     # English dictionary: is a capitalised sentence opener a name or a word?
  hunspell-uk        # the Ukrainian dictionary
  hunspell-ru        # the Russian dictionary (evaluated against Snowball)
  libcld2-dev        # CLD2: language detection
  unicode-data       # Unicode's WordBreakTest.txt (conformance test)
  libcli11-dev       # the command line
  libcpp-httplib-dev # sova serve: HTTP (server/)
  chromium           # the search page's test renders it in headless Chromium (tests/e2e/test_page.cpp)
  pybind11-dev       # the Python module sova (python/; -DSOVA_BUILD_PYTHON=OFF builds without it)
  python3-dev        # Python's headers, for the module (built for Debian's python3)
  doctest-dev        # unit and end-to-end tests
  libbenchmark-dev   # Google Benchmark, for bench/ (-DSOVA_BUILD_BENCH=ON)
  unicode-cldr-core  # gazetteer: CLDR territory, region and city names in many languages
  iso-codes          # gazetteer: ISO 3166-1/-2 countries and regions with gettext translations
  libgeonames-dev    # gazetteer: the GeoNames city library (pkg-config geonames)
  libgeonames-common # gazetteer: GeoNames city name translations (gettext domain geonames)
  # Peer comparison (bench/peers/compare.py, and its smoke test):
  python3            # the harness (standard library only)
  xapian-omega       # scriptindex: Xapian's own indexer
  libsqlite3-dev     # SQLite FTS5 (sova_peer_sqlite)
  libpq-dev          # PostgreSQL client library (sova_peer_postgres)
  postgresql         # the PostgreSQL server the harness starts in a temp folder
  liblucene8-java    # Apache Lucene (LuceneBench.java)
  openjdk-17-jdk-headless # javac and java for LuceneBench
  gnuplot-nox        # the comparison's chart
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "error: need root (or sudo) to install: ${missing[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
