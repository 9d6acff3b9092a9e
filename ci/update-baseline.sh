#!/usr/bin/env bash
# Records a new committed baseline in results/baseline/, deliberately: it refuses to replace an
# existing one without --yes, shows how the new figures compare with the old, and leaves the
# commit to you. The baseline holds 3 repetitions of every PR-matrix cell (RSS series dropped
# to keep it small) plus README.md naming the machine, commit and command. The gate judges only
# new violations/crashes against it; its timings are reference figures from that machine.
# Usage: ci/update-baseline.sh [--yes] [CONTEND_BINARY]   (default binary: build/gate/release/contend)
set -euo pipefail
cd "$(dirname "$0")/.."
yes=0
[ "${1:-}" = "--yes" ] && { yes=1; shift; }
contend=${1:-build/gate/release/contend}
[ -x "$contend" ] || { echo "update-baseline: '$contend' is not built (run ci/pr-gate.sh once, or pass a binary)" >&2; exit 2; }
dest=results/baseline
if [ -d "$dest/runs" ] && [ $yes != 1 ]; then
  echo "update-baseline: $dest already holds a baseline ($(grep -m1 'commit' "$dest/README.md" 2>/dev/null || echo '?'))." >&2
  echo "update-baseline: rerun with --yes to replace it deliberately." >&2
  exit 2
fi
tmp=$(mktemp -d)
"$contend" matrix ci/pr-matrix.json --repetitions 3 --out "$tmp/runs" 2> "$tmp/matrix.log" || {
  rc=$?
  tail -5 "$tmp/matrix.log" >&2
  [ $rc = 1 ] && exit 1
  echo "update-baseline: the matrix found violations/failures (exit $rc); a baseline must be violation-free" >&2
  exit $rc
}
for f in "$tmp"/runs/*.json; do jq 'del(.rss.series)' "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done
rm -rf "$tmp/runs/logs"
if [ -d "$dest/runs" ]; then
  echo "update-baseline: old vs new (advisory):" >&2
  "$contend" compare "$dest/runs" "$tmp/runs" --outcomes-only | tail -3 >&2 || true
fi
rm -rf "$dest/runs"
mkdir -p "$dest"
mv "$tmp/runs" "$dest/runs"
cat > "$dest/README.md" <<EOT
# Committed baseline for the PR gate

Recorded by \`ci/update-baseline.sh\` on $(date -u +%Y-%m-%dT%H:%MZ).

- commit: $(git rev-parse --short=12 HEAD)$(git diff --quiet HEAD || echo ' (plus uncommitted changes)')
- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(uname -sr)
- command: \`$contend matrix ci/pr-matrix.json --repetitions 3\` (rss.series dropped)

The gate compares the candidate's PR-matrix results with \`runs/\` using \`contend compare
--outcomes-only\`: a violation kind, crash, timeout or deadlock that these runs did not have is a
regression; the timings here are reference figures from the machine above and are not judged.
EOT
echo "update-baseline: wrote $dest ($(ls "$dest/runs" | wc -l) results). Review, then commit it:" >&2
echo "  git add $dest && git commit -m 'Update the PR-gate baseline' -- $dest" >&2
