#!/usr/bin/env bash
# Prints one "Kotlin: N passed, N failed, N skipped" line from the surefire reports in $1.
set -euo pipefail
dir=${1:?usage: summary.sh SUREFIRE_REPORTS_DIR}
tests=0 failed=0 skipped=0
for f in "$dir"/TEST-*.xml; do
  [ -e "$f" ] || continue
  line=$(grep -m1 -o '<testsuite [^>]*>' "$f")
  attr() { sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" <<<"$line"; }
  tests=$((tests + $(attr tests))); skipped=$((skipped + $(attr skipped)))
  failed=$((failed + $(attr failures) + $(attr errors)))
done
echo "Kotlin: $((tests - failed - skipped)) passed, $failed failed, $skipped skipped"
