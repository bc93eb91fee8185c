#!/usr/bin/env bash
# Builds the library, the CLI and the C++ tests with AddressSanitizer and UBSan (Debian's gcc,
# -O1, no benchmarks) into build-asan/ and runs CTest there: any memory error, leak or undefined
# behaviour fails the test that hit it. CI runs it after the normal build (scripts/test.sh).
#   scripts/sanitize.sh [ctest arguments, e.g. -R export]
set -euo pipefail
cd "$(dirname "$0")/.."
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize-recover=pointer-overflow"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" "${launcher[@]}" \
  -DAIKG_BUILD_TESTS=ON -DAIKG_BUILD_TOOLS=ON -DAIKG_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-asan -j2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/ubsan.supp}
# consumer.*: builds an outside project against the installed library, without the sanitizers.
ctest --test-dir build-asan --output-on-failure -j2 -E "^consumer\\." "$@"
