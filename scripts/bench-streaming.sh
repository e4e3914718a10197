#!/usr/bin/env bash
# Streaming benchmark (BENCHMARKS.md): trains from a generated CSV file ten times larger than
# the heap limit and reports the peak heap, next to the same run on a file 100 times smaller.
# Usage: scripts/bench-streaming.sh [heap-MiB]   (default 64; the big file is ~10× that)
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-64}
dir=${TMPDIR:-/tmp}/descent-streaming
mkdir -p "$dir"
generate() { # rows file: 100 features, 10 classes, a linear signal plus noise
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, numpy as np
rows, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(0)
w = rng.normal(size=(100, 10))
with open(path, "w") as f:
    f.write(",".join(f"x{i}" for i in range(100)) + ",label\n")
    for start in range(0, rows, 20000):
        n = min(20000, rows - start)
        x = rng.normal(size=(n, 100)).astype(np.float32)
        y = np.argmax(x @ w + rng.normal(scale=2.0, size=(n, 10)), axis=1)
        lines = ["%s,%d" % (",".join("%.3f" % v for v in row), label) for row, label in zip(x, y)]
        f.write("\n".join(lines) + "\n")
PY
}
big_rows=$(( heap * 10 * 1024 * 1024 / 650 ))   # ~650 bytes a row
[ -f "$dir/big.csv" ] || generate "$big_rows" "$dir/big.csv"
[ -f "$dir/small.csv" ] || generate $(( big_rows / 100 )) "$dir/small.csv"
for file in small big; do
  size=$(du -m "$dir/$file.csv" | cut -f1)
  echo "== $file.csv: ${size} MiB, heap limit ${heap} MiB"
  DESCENT_JAVA_OPTS="-Xmx${heap}m -Xlog:gc:file=$dir/$file-gc.log" flock /tmp/cpu.lock ./descent train \
      --csv "$dir/$file.csv" --stream --classes 10 --epochs 1 --schedule constant --shuffle-buffer 5000 \
      --hidden 64 2>/dev/null | grep -E "^ +1 |peak heap"
  echo "   largest heap after a GC: $(grep -o '[0-9]*M->[0-9]*M' "$dir/$file-gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1) MiB"
done
