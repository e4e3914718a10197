#!/usr/bin/env bash
# Descent on Spark against Spark MLlib, same JVM, same local Spark context, Fashion-MNIST
# (dev.descent.spark.bench.MllibComparison): logistic regression to MLlib's final training
# objective, the FMNIST-MLP to MLlib's test accuracy and the cost of one synchronous step, in
# one JVM on local[2]; then a full-batch evaluation alone in fresh JVMs on local[2] and on
# local[1], so that both see the same warm-up.
#
# Usage: [MAIN=0] [ROUNDS=3] scripts/spark-vs-mllib.sh [OUT_DIR] [options for MllibComparison, e.g. --quick]
# Writes OUT_DIR/local2.{txt,json} (MAIN=0 skips that run), OUT_DIR/scaling-local{2,1}-r*.{txt,json},
# OUT_DIR/git.txt, OUT_DIR/load.txt and OUT_DIR/summary.txt.
# Needs: the Spark jars in ~/.m2 (mvn -o), Fashion-MNIST in /usr/share/datasets/fashion-mnist,
# Temurin 25. The full run takes about 20 minutes on 2 cores; --quick about 4.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-scripts/results/$(date +%F)-spark-mllib}
shift || true
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}

if [ "${BUILD:-1}" = 1 ]; then
  mvn -B -q -o install -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -pl descent-core,descent-spark
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -o dependency:build-classpath -pl descent-spark -Dmdep.outputFile="$work/cp.txt"
# Private copies of this checkout's Descent jars: a build in the shared target/ during the run
# must not swap classes under the JVM.
for module in descent-core descent-spark; do
  cp "$(ls "$module"/target/"$module"-*.jar | grep -v -e sources -e javadoc | head -1)" "$work/$module.jar"
done
# Spark's jars first (its Jackson must win), then the Descent jars.
spark_cp=$(tr ':' '\n' < "$work/cp.txt" | grep -v '/dev/descent/' | paste -sd:)
CP="$spark_cp:$work/descent-core.jar:$work/descent-spark.jar"
# The flags spark-submit would give the JVM, exactly as the tests get them.
SPARK_JVM_ARGS=$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' pom.xml)

# OMP/OPENBLAS_NUM_THREADS=1: what Spark sets on its executors (SPARK-41188), so that MLlib's
# native BLAS runs one thread per task; local mode runs the tasks in this JVM, which Spark does
# not set it for.
run() {
  flock /tmp/cpu.lock env SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    "$JAVA" --add-modules jdk.incubator.vector -Xmx6g $SPARK_JVM_ARGS -cp "$CP" \
    dev.descent.spark.bench.MllibComparison "$@"
}

mkdir -p "$OUT"
# What was measured: the commit, the files that differ from it, and a hash of the sources built.
{ git rev-parse HEAD; git status --short -- descent-core descent-spark pom.xml
  find descent-core/src/main descent-spark/src/main pom.xml -type f | sort | xargs sha256sum | sha256sum \
    | sed 's/^/sources sha256 /'; } > "$OUT/git.txt"
# The machine is shared: note every 5 s whether a Maven build (or anything else) was using the CPU.
(while true; do
   echo "$(date +%T) load $(cut -d' ' -f1 /proc/loadavg) maven $(pgrep -fc plexus-classworlds || true)"
   sleep 5
 done) > "$OUT/load.txt" &
monitor=$!
trap 'kill $monitor 2>/dev/null; rm -rf "$work"' EXIT
if [ "${MAIN:-1}" = 1 ]; then
  run --master 'local[2]' --parts lr,mlp,steps --json "$OUT/local2.json" "$@" 2>&1 | tee "$OUT/local2.txt"
fi
# A full-batch evaluation costs ~0.1 s and varies by ±30% between JVMs here: alternate fresh
# JVMs on local[2] and local[1], ROUNDS times each, and compare the medians.
for round in $(seq "${ROUNDS:-3}"); do
  for threads in 2 1; do
    run "$@" --master "local[$threads]" --parts scaling --json "$OUT/scaling-local$threads-r$round.json" 2>&1 \
      | tee "$OUT/scaling-local$threads-r$round.txt"
  done
done

python3 - "$OUT" <<'EOF' | tee "$OUT/summary.txt"
import glob, json, statistics, sys
out = sys.argv[1]
def load(path):
    return json.load(open(path))
def fmt(x, spec=".2f"):
    return "n/a" if x is None else format(x, spec)
scaling = {n: [load(f)["evaluation_scaling"] for f in sorted(glob.glob(f"{out}/scaling-local{n}-r*.json"))]
           for n in (1, 2)}
main = load(f"{out}/local2.json") if glob.glob(f"{out}/local2.json") else None
m = (main or load(glob.glob(f"{out}/scaling-local2-r*.json")[0]))["machine"]
print(f"machine: {m['cpu_model']} ({m['cores']} cores), {m['jdk']}, Spark {m['spark_version']},"
      f" MLlib BLAS {m['mllib_native_blas']}")
sources = (main or load(glob.glob(f"{out}/scaling-local2-r*.json")[0]))["settings"]["descent_data"]
for s in sources:
    if scaling[1] and scaling[2]:
        t = {n: [1e3 * r[f"spark_seconds_per_evaluation_{s}"] for r in scaling[n]] for n in (1, 2)}
        m1, m2 = statistics.median(t[1]), statistics.median(t[2])
        print(f"[{s}] lr full-batch evaluation, median of {len(t[1])}/{len(t[2])} JVMs: local[1] {m1:.1f} ms"
              f" {[round(v) for v in t[1]]}, local[2] {m2:.1f} ms {[round(v) for v in t[2]]}, speed-up {m1/m2:.2f}x")
    if main and "logistic_regression" in main:
        lr = main["logistic_regression"]
        d = lr[f"descent_{s}"]
        print(f"[{s}] lr: MLlib {lr['mllib_fit_seconds']:.2f} s to objective {lr['mllib_final_objective']:.6f};"
              f" Descent {fmt(d['seconds_to_mllib_objective'])} s; speed-up {fmt(d['speed_up_to_mllib_objective'])}x;"
              f" test accuracy MLlib {lr['mllib_test_accuracy']:.4f}, Descent {d['test_accuracy']:.4f}")
    if main and "mlp" in main:
        mlp = main["mlp"]
        d = mlp[f"descent_{s}"]
        print(f"[{s}] mlp: MLlib {mlp['mllib_fit_seconds']:.1f} s, test accuracy {mlp['mllib_test_accuracy']:.4f};"
              f" Descent reaches {mlp['target_accuracy']:.4f} at {fmt(d['seconds_to_target'])} s;"
              f" speed-up {fmt(d['speed_up_to_target'])}x;"
              f" Descent within MLlib's time {fmt(d['accuracy_within_mllib_time'], '.4f')}")
if scaling[1] and scaling[2]:
    t = {n: [1e3 * r["driver_seconds_per_evaluation_no_spark"] for r in scaling[n]] for n in (1, 2)}
    print(f"lr full-batch evaluation on the driver without Spark, 1 thread: {[round(v) for v in t[2] + t[1]]} ms")
EOF
echo "samples with a Maven build running: $(grep -vc 'maven 0$' "$OUT/load.txt") of $(wc -l < "$OUT/load.txt")" \
  | tee -a "$OUT/summary.txt"
