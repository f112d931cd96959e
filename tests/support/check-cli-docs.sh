#!/usr/bin/env bash
# Keeps the man page and the bash completion true to the command line: every option that a help text
# (drydock --help, drydock COMMAND --help) names must appear in resources/man/drydock.1 and in
# resources/completion/drydock.bash, and the completion must offer commands, options and format values.
# Usage: check-cli-docs.sh DRYDOCK_BINARY SOURCE_DIR
set -euo pipefail
bin=${1:?drydock binary}
src=${2:?source dir}
man=$src/resources/man/drydock.1
completion=$src/resources/completion/drydock.bash
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# 1. Every command of the main help, and every option of every help text, is documented and completed.
commands=$("$bin" --help | sed -n 's/^  drydock \([a-z][a-z]*\) .*/\1/p' | sort -u)
[ -n "$commands" ] || fail "no commands found in drydock --help"
# Read once: `awk … | grep -q` fails under pipefail when grep stops reading before awk is done (SIGPIPE).
man_commands=$(awk '/^\.SH COMMANDS/{on=1;next} /^\.SH/{on=0} on' "$man")
for c in $commands; do
  grep -q "^\.BI\? \"\?$c\b" <<<"$man_commands" ||
    fail "man page: command '$c' missing from COMMANDS"
  grep -q "\b$c\b" "$completion" || fail "completion: command '$c' missing"
done
for c in "" $commands; do
  # shellcheck disable=SC2086
  help=$("$bin" $c --help)
  for opt in $(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u); do
    # Roff escapes hyphens: --fail-on is written \-\-fail\-on.
    roff=${opt//-/\\\\-}
    grep -q -- "$roff" "$man" || fail "man page: option $opt (from drydock $c --help) missing"
    grep -q -- "$opt\b" "$completion" || fail "completion: option $opt (from drydock $c --help) missing"
  done
done

# 2. Every exit code of --help is in the EXIT STATUS section.
for code in $("$bin" --help | sed -n 's/^  \([0-9]\)  .*/\1/p'); do
  awk '/^\.SH EXIT STATUS/{on=1;next} /^\.SH/{on=0} on' "$man" | grep -q "^\.B $code$" ||
    fail "man page: exit code $code missing from EXIT STATUS"
done

# 3. The completion completes. bash-completion's helpers are stubbed: only the words matter here.
complete_words() {
  bash -c '
    _init_completion() { words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; cur=${words[cword]}; prev=${words[cword-1]}; }
    _filedir() { COMPREPLY=(FILE); }
    compopt() { :; }
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _drydock
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
  ' _ "$completion" "$@"
}
expect() {
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  [ "$got" = "$want" ] || fail "completion of '$*': expected '$want', got '$got'"
}
expect "history " drydock hi
expect "inventory " drydock inv
expect "csv html json pdf sarif text " drydock scan --format ""
expect "json text " drydock inventory --format ""
expect "json text " drydock history list --format ""
expect "high " drydock scan --fail-on h
expect "high " drydock watch --threshold h
expect "alerts " drydock history al
expect "image,container " drydock scan --only image,con
expect "IMG-007=info " drydock scan --rule-severity IMG-007=i
expect "--reason --rule " drydock history waivers add --r
expect "add " drydock history waivers a
expect "previous " drydock report 3 --baseline ""
expect "--no-remediation --no-waived " drydock report 3 --no-
expect "FILE " drydock scan --format json --output ""
expect "1 2 " drydock report 3 --format json --schema ""

# 4. The page renders without a warning.
warnings=$(sed "s/@PROJECT_VERSION@/0.0.0/" "$man" | LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -E UTF-8 -l - 2>&1 >/dev/null)
[ -z "$warnings" ] || fail "man -l reports: $warnings"

if [ "$failures" -gt 0 ]; then
  echo "$failures problem(s)" >&2
  exit 1
fi
echo "man page and completion cover every command and option"
