#!/usr/bin/env bash
# Installs the Debian packages trygg needs to build, run and test. Skips apt
# entirely when everything is already there, so repeated runs are quick.
# Needs root (or sudo) only when something is missing. With --tests it adds
# what only the tests need (a browser to render the report, clang for
# the fuzzers, valgrind for the benchmarks' instruction counts).
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config   # compiler and build
  libsqlite3-dev sqlite3             # the store; sqlite3 CLI for tests/bench
  libssl-dev                         # libcrypto: SHA-256 of bundles
  coreutils                          # sha256sum -c in tests
  util-linux procps                  # setsid, kill in the power-loss test
  libsdl2-dev libsdl2-ttf-dev        # the touch app: window, events, text
  fonts-dejavu-core                  # the app's font, found at run time
  libpng-dev                         # screenshots of --script runs
  libjson-c-dev                      # the base map (GeoJSON)
  libgps-dev                         # GPS from gpsd
  gpsd gpsd-clients python3-gps      # gpsfake for the GPS tests
  libproj-dev proj-data              # SWEREF 99 TM in exports (dlopen'ed)
  tzdata                             # Europe/Stockholm times in Excel export
)
if [ "${1:-}" = "--tests" ]; then
  PACKAGES+=(chromium)               # renders the HTML report in a test
  PACKAGES+=(clang libclang-rt-14-dev) # libFuzzer targets (tests/fuzz)
  PACKAGES+=(valgrind)               # callgrind rows of tests/bench/run.sh
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
