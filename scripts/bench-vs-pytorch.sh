#!/usr/bin/env bash
# Every row of the performance targets, Descent against PyTorch in one sitting (BENCHMARKS.md):
# FMNIST-MLP training at batch 1, 16, 64, 1024, logistic regression at batch 64, MLP inference
# at batch 1024. Descent on JDK 17 and 25 with 1 and 2 threads where either could be best;
# PyTorch (../shared/bench/peers) in the settings that are best for each row: 1 thread +
# flush-to-zero (batch 1, 16), 2 threads + OMP passive (batch 64, 1024, inference), 2 threads
# default (logistic regression). ROUNDS interleaved rounds (default 3); one line per
# measurement, "tool config row run value". Needs python3-torch, dataset-fashion-mnist, the JDKs.
set -euo pipefail
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PEERS=${PEERS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/bench/peers}
ROUNDS=${ROUNDS:-3}
cd "$(dirname "$0")/.."
value() { python3 -c "import sys,json; print(round(json.load(sys.stdin)['samples_per_second']))"; }
descent() { # jdk row threads command...
  local jv=$1 row=$2 t=$3; shift 3
  local J=$([ "$jv" = 17 ] && echo "$J17" || echo "$J25")
  echo "descent jdk$jv,threads=$t $row run=$run $(flock /tmp/cpu.lock env DESCENT_JAVA="$J" ./descent "$@" --threads "$t" --json 2>/dev/null | value)"
}
torch() { # config parts batches
  (cd "$PEERS" && flock /tmp/cpu.lock /usr/bin/python3 torch_mlp.py $1 --parts "$2" --batches "$3" 2>/dev/null) \
    | python3 -c "
import sys,json
for l in sys.stdin:
    r=json.loads(l)
    row={'mlp_train_throughput':'mlp-B%d','logreg_train_throughput':'logreg-B%d','mlp_inference':'infer-B%d'}[r['task']] % r['batch']
    print('pytorch', r['config'], row, 'run=$run', round(r['value']), 'foreign', r.get('foreign_cores'))"
}
for run in $(seq 1 "$ROUNDS"); do
  for jv in 17 25; do
    for t in 1 2; do
      descent $jv mlp-B1 $t bench mlp --batch 1
      descent $jv mlp-B16 $t bench mlp --batch 16
      descent $jv logreg-B64 $t bench logreg --batch 64
    done
    descent $jv mlp-B64 2 bench mlp --batch 64
    descent $jv mlp-B1024 2 bench mlp --batch 1024
    descent $jv infer-B1024 2 bench infer --batch 1024
    descent $jv infer-B1024 1 bench infer --batch 1024
  done
  torch "--threads 1 --ftz" throughput 1,16
  torch "--threads 1" throughput 1,16
  torch "--threads 2 --omp-passive" throughput,inference 64,1024
  torch "--threads 2" logreg 64
done
