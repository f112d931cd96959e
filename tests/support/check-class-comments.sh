#!/usr/bin/env bash
# Fails when a class or struct defined in core/, ui/ or app/ has no one-line comment saying its job: the line
# above its definition (a template<...> or [[attribute]] line may come in between) must be a // comment.
# A comment at the end of the definition line counts too. Forward declarations, `enum class` and
# `friend class` are not definitions and are left alone.
set -euo pipefail
root=${1:?source dir}
missing=$(find "$root/core" "$root/ui" "$root/app" -type f \( -name '*.h' -o -name '*.cpp' \) -print0 |
  sort -z | xargs -0 awk '
    FNR == 1 { n = 0 }
    {
      line[++n] = $0
      if ($0 ~ /^[ \t]*(template[ \t]*<.*>[ \t]*)?(class|struct)[ \t]+(\[\[[^]]*\]\][ \t]*)?[A-Za-z_][A-Za-z0-9_]*(<.*>)?([ \t]+final)?[ \t]*(\{.*|:.*)?$/ && $0 !~ /\/\//) {
        i = n - 1
        while (i > 0 && line[i] ~ /^[ \t]*(template[ \t]*<.*>|\[\[[^]]*\]\])[ \t]*$/) {
          i--
        }
        if (i == 0 || line[i] !~ /^[ \t]*\/\//) {
          def = $0
          sub(/^[ \t]+/, "", def)
          print FILENAME ":" FNR ": " def
        }
      }
    }')
if [ -n "$missing" ]; then
  printf '%s\n' "$missing" | sed "s|^$root/||"
  echo "$(printf '%s\n' "$missing" | wc -l) class(es)/struct(s) above have no one-line comment saying their job" >&2
  exit 1
fi
echo "every class and struct says its job"
