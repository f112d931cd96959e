#!/usr/bin/env bash
# Fails when core/ includes Qt or anything from ui/ or app/, when ui/ includes app/, or when core/secrets
# includes anything above core/common.
set -euo pipefail
root=${1:?source dir}
bad=0
if grep -rnE '^\s*#\s*include\s*[<"](Q[A-Za-z]|qt)' "$root/core"; then
  echo "core/ must not include Qt headers" >&2; bad=1
fi
if grep -rnE '^\s*#\s*include\s*"(ui|app)/' "$root/core"; then
  echo "core/ must not include ui/ or app/ headers" >&2; bad=1
fi
if [ -d "$root/ui" ] && grep -rnE '^\s*#\s*include\s*"app/' "$root/ui"; then
  echo "ui/ must not include app/ headers" >&2; bad=1
fi
# core/secrets (the one secret classifier) sits below rules, remediation and json: it may use core/common only.
if grep -rnE '^\s*#\s*include\s*"core/' "$root/core/secrets" | grep -vE '"core/(common|secrets)/'; then
  echo "core/secrets/ may include only core/common and core/secrets headers" >&2; bad=1
fi
if grep -rnE "nlohmann|<curl/|sqlite3\.h" "$root"/core/*/*.h; then
  echo "public core headers must not expose nlohmann, curl or sqlite3" >&2; bad=1
fi
[ $bad -eq 0 ] && echo "layering ok"
exit $bad
