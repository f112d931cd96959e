#!/usr/bin/env bash
# Fails when README.md's table of rules differs from the catalogue (drydock scan --list-rules).
set -euo pipefail
binary=${1:?drydock binary}
readme=${2:?README.md}
expected=$("$binary" scan --list-rules)
actual=$(sed -n '/<!-- rules:begin -->/,/<!-- rules:end -->/p' "$readme" | sed '1d;$d')
if [ "$expected" != "$actual" ]; then
  echo "README.md's rule table is out of date; regenerate it with: drydock scan --list-rules" >&2
  diff <(echo "$expected") <(echo "$actual") | head -20 >&2
  exit 1
fi
echo "README rule table matches the catalogue ($(echo "$expected" | wc -l) lines)"
