#!/usr/bin/env bash
# FMNIST-MLP training throughput, Descent against PyTorch in one sitting (see BENCHMARKS.md).
# Three interleaved runs of: Descent on JDK 17 and 25, batch 64 and 1024, 2 threads, with the
# benchmark's 50 warm-up steps and with 2000 (steady state); PyTorch (../shared/bench/peers)
# with 2 threads + OMP passive and with 1 thread. Prints one line per measurement.
# Needs: python3-torch, dataset-fashion-mnist, the JDKs below. Takes about 3 minutes.
set -euo pipefail
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PEERS=${PEERS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/bench/peers}
cd "$(dirname "$0")/.."
for run in 1 2 3; do
  for b in 64 1024; do
    for jv in 17 25; do
      J=$([ $jv = 17 ] && echo $J17 || echo $J25)
      for w in 50 2000; do
        v=$(flock /tmp/cpu.lock env DESCENT_JAVA=$J ./descent bench mlp --batch $b --threads 2 --warmup $w --json 2>/dev/null | python3 -c "import sys,json; print(round(json.load(sys.stdin)['samples_per_second']))")
        echo "descent jdk$jv B=$b warmup=$w run=$run $v"
      done
    done
  done
  (cd "$PEERS" && for cfg in "--threads 2 --omp-passive" "--threads 1"; do flock /tmp/cpu.lock /usr/bin/python3 torch_mlp.py $cfg --parts throughput --batches 64,1024 2>/dev/null | python3 -c "
import sys,json
for l in sys.stdin:
    r=json.loads(l); print('pytorch', r['config'].replace(' ',''), 'B=%d'%r['batch'], 'run=$run', round(r['value']), 'foreign', r.get('foreign_cores'))"; done)
done
