#!/usr/bin/env bash
# The README's test command: install what is missing, build twice (release
# with debug info, and AddressSanitizer + UndefinedBehaviorSanitizer), and run
# every CTest test in both builds; then build the libFuzzer targets with
# clang and give each a short run (tests/fuzz/run.sh --ci). Exits non-zero if
# anything fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/platform/setup/install-deps.sh" --tests

bash "$root/platform/setup/build.sh" "$root/build"
bash "$root/platform/setup/build.sh" "$root/build-asan" -DTRYGG_SANITIZE=ON

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for dir in build build-asan; do
  echo "=== ctest in $dir"
  ctest --test-dir "$root/$dir" --output-on-failure -j2 || status=1
done
echo "=== fuzz: clang + libFuzzer, short run"
CC=clang cmake -S "$root" -B "$root/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTRYGG_FUZZ=ON >/dev/null
cmake --build "$root/build-fuzz" -j"$(nproc)" \
  --target fuzz_csv fuzz_import fuzz_followup
bash "$root/tests/fuzz/run.sh" --ci --bin "$root/build-fuzz/tests/fuzz" || status=1
exit $status
