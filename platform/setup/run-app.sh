#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run trygg.
# The touch app is not built yet (issue 3), so for now this runs the demo
# walk through the command line on every machine and names its folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bash "$root/platform/setup/install-deps.sh"
bash "$root/platform/setup/build.sh" "$root/build"
bash "$root/platform/setup/demo.sh" "$root/build/trygg" "$@"
