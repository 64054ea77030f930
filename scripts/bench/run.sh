#!/usr/bin/env bash
# Build storygen once and run its benchmark harness; extra arguments go to
# "storygen bench" (see "storygen bench -h").
#
#   scripts/bench/run.sh                                  # 1k and 10k full builds, edits at 10k
#   scripts/bench/run.sh -sizes 1k,10k -hugo -profile 10000
#   scripts/bench/run.sh -sizes 100k -edit-sizes none
#
# BENCH_DIR (default /tmp/storygen-bench) holds the generated archives, the
# binary, results.json and a log with uptime before and after.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${BENCH_DIR:-/tmp/storygen-bench}
mkdir -p "$dir"
bin="$dir/storygen"
# -buildvcs=true: the report names the revision measured (GOFLAGS may turn it off).
(cd "$repo" && go build -buildvcs=true -o "$bin" ./cmd/storygen)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
log="$dir/bench-$stamp.log"
{
  echo "# $(uptime)"
  echo "# source: $(git -C "$repo" describe --always --dirty), $(git -C "$repo" status --porcelain --untracked-files=no | wc -l) modified tracked files"
  echo "# $bin bench -dir $dir -json $dir/results-$stamp.json $*"
  "$bin" bench -dir "$dir" -bin "$bin" -json "$dir/results-$stamp.json" "$@"
  echo "# $(uptime)"
} 2>&1 | tee "$log"
echo "log: $log"
