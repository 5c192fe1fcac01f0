#!/usr/bin/env bash
# Smoke test of an installed or unpacked SOS Desk bundle: the program alone, in an empty folder,
# with a clean environment (no source tree, no virtualenv, no PYTHONPATH on the way).
#
#   packaging/linux/smoke-test.sh PATH/TO/sosdesk [OUT_DIR]
#
# OUT_DIR (default: a temporary folder) receives the unlock-screen picture and the timings.
# Needs pdffonts and pdftotext (poppler-utils). Prints one line per step and closes with
# "N passed, N failed"; exits non-zero if any step failed.
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 PATH/TO/sosdesk [OUT_DIR]" >&2
  exit 2
fi
# Absolute, but not resolved: /usr/bin/sosdesk is tested as the link the menu entry starts.
SOSDESK="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
OUT=${2:-}
for tool in pdffonts pdftotext; do
  if ! command -v "$tool" >/dev/null; then
    echo "smoke test: $tool is missing (Debian package poppler-utils: apt-get install poppler-utils)" >&2
    exit 2
  fi
done
[ -x "$SOSDESK" ] || { echo "smoke test: $SOSDESK is not an executable" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -n "$OUT" ] || OUT="$WORK/out"
mkdir -p "$OUT" "$WORK/home" "$WORK/run"
OUT=$(readlink -f "$OUT")
cd "$WORK/run"

PASS='Smoke test passphrase, 2026!'
passed=0
failed=0

# A clean environment: only what a desktop session would have, nothing of a build machine.
run() {
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    XDG_DATA_HOME="$WORK/home/data" XDG_CONFIG_HOME="$WORK/home/config" \
    XDG_RUNTIME_DIR="$WORK/home" QT_QPA_PLATFORM=offscreen SOSDESK_LANG=en \
    SOSDESK_PASSPHRASE="$PASS" "$@"
}

step() {  # step NAME COMMAND...: run it, keep its output, count it
  local name=$1
  shift
  if "$@" >"$WORK/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "ok      $name"
  else
    failed=$((failed + 1))
    echo "FAILED  $name"
    sed 's/^/        /' "$WORK/$name.log"
  fi
}

check_version() {
  local said
  said=$(run "$SOSDESK" --version) || return 1
  echo "$said"
  [[ $said == "sosdesk "[0-9]* ]]
}

check_no_python_around() {
  # The bundle must not find the build machine's interpreter or sources through the environment.
  run bash -c 'env | grep -E "^(PYTHON|VIRTUAL_ENV)" && exit 1; exit 0' || return 1
  [ ! -e "$WORK/run/src" ] && [ ! -e "$WORK/run/pyproject.toml" ]
}

check_init() {
  run "$SOSDESK" init --db desk.db --user operater --desk BG1 --name "Smoke Test" &&
    run "$SOSDESK" init --office --db office.db --user koordinatorka --desk HQ --name "Office Test"
}

check_demo() {
  run "$SOSDESK" demo --db desk.db --user operater --calls 200 --seed 2026 --into-existing
}

check_verify() {
  run "$SOSDESK" verify --db desk.db --user operater | tee "$WORK/verify.txt" &&
    grep -q "^ok" "$WORK/verify.txt" || return 1
  # A large file's pages are checked in a process of its own, which in the bundle is the
  # bundle's program started again: the size from which that happens, set to 0, tries it here.
  run env SOSDESK_PAGE_CHECK_PROCESS_FROM=0 "$SOSDESK" verify --db desk.db --user operater |
    tee "$WORK/verify-process.txt" && grep -q "^ok" "$WORK/verify-process.txt"
}

check_chronology() {
  run "$SOSDESK" document chronology --db desk.db --user operater --client BG1-2025-0002 \
    --lang sr-Cyrl --out chronology.pdf || return 1
  pdffonts chronology.pdf | tee "$WORK/fonts.txt"
  # Every font embedded: rows after the two header lines, column "emb" says yes.
  local rows not_embedded
  rows=$(tail -n +3 "$WORK/fonts.txt" | wc -l)
  not_embedded=$(tail -n +3 "$WORK/fonts.txt" | grep -cv " yes yes yes ")
  [ "$rows" -gt 0 ] && [ "$not_embedded" -eq 0 ] || { echo "fonts not embedded"; return 1; }
  pdftotext -enc UTF-8 chronology.pdf chronology.txt || return 1
  # Cyrillic text as text (not boxes, not transliterated): the title and the header.
  grep -q "Хронологија подршке" chronology.txt && grep -q "трговине људима" chronology.txt
}

check_sync_export() {
  mkdir -p outbox
  local fp_desk fp_office
  run "$SOSDESK" sync identity --db desk.db --user operater --out bg1.identity >desk-id.txt &&
    run "$SOSDESK" sync identity --db office.db --user koordinatorka --out hq.identity \
      >office-id.txt || return 1
  fp_desk=$(sed -n 's/^Fingerprint[^:]*: *//p' desk-id.txt)
  fp_office=$(sed -n 's/^Fingerprint[^:]*: *//p' office-id.txt)
  run "$SOSDESK" office enroll --db office.db --user koordinatorka --fingerprint "$fp_desk" \
    bg1.identity &&
    run "$SOSDESK" sync trust-office --db desk.db --user operater --fingerprint "$fp_office" \
      hq.identity &&
    run "$SOSDESK" sync export --db desk.db --user operater --out outbox || return 1
  ls outbox/*.sosbatch
}

check_gui_unlock() {
  local said
  said=$(run env SOSDESK_STARTUP_PROBE=unlock SOSDESK_USER=operater \
    SOSDESK_PROBE_SHOT="$OUT/unlock-screen.png" "$SOSDESK" --db desk.db) || {
    echo "$said"
    return 1
  }
  echo "$said" | tee "$OUT/gui-probe.txt"
  grep -q "^unlock-screen " <<<"$said" && grep -q "^unlocked " <<<"$said" &&
    [ -s "$OUT/unlock-screen.png" ]
}

echo "Smoke test of $SOSDESK"
step version check_version
step clean-environment check_no_python_around
step init check_init
step demo-200-calls check_demo
step verify check_verify
step chronology-pdf check_chronology
step sync-export check_sync_export
step gui-unlock check_gui_unlock
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
