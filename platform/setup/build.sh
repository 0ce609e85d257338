#!/usr/bin/env bash
# Configures and builds trygg into build/ (or $1). Used by run-app.sh and
# tests/run-all.sh so both build the same way.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$root/build}
shift || true
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
