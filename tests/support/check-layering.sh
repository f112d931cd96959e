#!/usr/bin/env bash
# Checks the folder order written down in ARCHITECTURE.md: a folder may include only itself and the folders
# before it in this list, so no lower folder includes a higher one and no two folders include each other.
# Also: core/ uses no Qt, and public core headers do not expose nlohmann, curl or sqlite3.
set -euo pipefail
root=${1:?source dir}

# Low to high. Every folder with sources must be listed: a new folder has to be given its place.
order=(core/common core/secrets core/model core/findings core/json core/docker core/remediation core/contents
       core/rules core/results core/cis core/host core/exposure core/store core/scan core/files core/hardening core/report
       ui/export ui/bridge ui/widgets ui/models ui/panels ui/dialogs ui/wizard ui/pages ui
       app/cli app)

bad=0
rank_of() { # folder of an include path ("core/scan/Scanner.h" -> rank of core/scan), -1 when unlisted
  local path=$1 i
  # the longest listed prefix wins ("ui/bridge/X.h" is ui/bridge, "ui/MainWindow.h" is ui)
  local longest=-1 len=0
  for i in "${!order[@]}"; do
    case "$path" in "${order[$i]}"/*) if [ "${#order[$i]}" -gt "$len" ]; then len=${#order[$i]}; longest=$i; fi ;; esac
  done
  echo "$longest"
}

declare -A rank
for i in "${!order[@]}"; do rank[${order[$i]}]=$i; done

while IFS= read -r file; do
  rel=${file#"$root"/}
  dir=$(dirname "$rel")
  # a file in a sub-folder of a listed folder (core/json/detail, core/rules/container) belongs to that folder
  own=$(rank_of "$rel")
  if [ "$own" -lt 0 ]; then
    echo "$rel: its folder $dir has no place in the folder order (tests/support/check-layering.sh, ARCHITECTURE.md)" >&2
    bad=1; continue
  fi
  while IFS= read -r inc; do
    target=$(rank_of "$inc")
    if [ "$target" -lt 0 ]; then
      echo "$rel includes $inc, whose folder has no place in the folder order" >&2; bad=1
    elif [ "$target" -gt "$own" ]; then
      echo "$rel (${order[$own]}) includes $inc (${order[$target]}), a higher folder" >&2; bad=1
    fi
  done < <(sed -nE 's/^\s*#\s*include\s*"((core|ui|app)\/[^"]+)".*/\1/p' "$file")
done < <(find "$root/core" "$root/ui" "$root/app" -type f \( -name '*.h' -o -name '*.cpp' \) | sort)

if grep -rnE '^\s*#\s*include\s*[<"](Q[A-Za-z]|qt)' "$root/core"; then
  echo "core/ must not include Qt headers" >&2; bad=1
fi
if grep -rnE "nlohmann|<curl/|sqlite3\.h|yaml-cpp" "$root"/core/*/*.h; then
  echo "public core headers must not expose nlohmann, curl or sqlite3" >&2; bad=1
fi
[ $bad -eq 0 ] && echo "layering ok: ${order[*]}"
exit $bad
