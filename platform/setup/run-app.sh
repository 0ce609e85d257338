#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run trygg.
#
#   run-app.sh [APP_OPTIONS...]   with a display ($DISPLAY or
#                                 $WAYLAND_DISPLAY): the touch app in a
#                                 window, on the default database (options
#                                 as in trygg --help-app, e.g. --lang en)
#   run-app.sh                    without a display: the demo (demo.sh) in
#                                 a new folder out/demo-<time>/ that it
#                                 names: the touch app driven by
#                                 assets/demo/walk.script offscreen, with
#                                 its screenshots, database and synced
#                                 bundle, plus the command-line walk and
#                                 the municipal import
#   run-app.sh --demo [OUT_DIR]   the demo, also when there is a display
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bash "$root/platform/setup/install-deps.sh"
bash "$root/platform/setup/build.sh" "$root/build"

if [[ ${1:-} == --demo ]]; then
  shift
elif [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
  echo "run-app: starting the touch app (trygg --help-app for its options)"
  exec "$root/build/trygg" "$@"
fi
if [[ $# -gt 1 || ${1:-} == -* ]]; then
  echo "run-app: without a display this runs the demo: run-app.sh [--demo] [OUT_DIR]" >&2
  exit 2
fi
bash "$root/platform/setup/demo.sh" "$root/build/trygg" "$@"
