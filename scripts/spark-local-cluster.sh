#!/usr/bin/env bash
# The cost model's check (docs/distributed.md): the cost of one synchronous step and of one
# full-batch evaluation on local[1], local[2] and local-cluster[2,1,2048] (two executors in
# their own JVMs, as on a cluster: every result crosses a socket), Fashion-MNIST, MLP and
# logistic regression (dev.descent.spark.bench.MllibComparison --parts steps,scaling).
#
# local-cluster mode starts its executors from SPARK_HOME/jars: this script makes a temporary
# SPARK_HOME whose jars/ links Spark's jars and this checkout's Descent jars.
# Usage: scripts/spark-local-cluster.sh [OUT_DIR]   (about 4 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-scripts/results/$(date +%F)-spark-local-cluster}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
mvn -B -q -o install -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -pl descent-core,descent-spark
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/jars"
mvn -B -q -o dependency:build-classpath -pl descent-spark -Dmdep.outputFile="$home/cp.txt"
tr ':' '\n' < "$home/cp.txt" | grep -v '/dev/descent/' | while read -r jar; do ln -s "$jar" "$home/jars/"; done
for module in descent-core descent-spark; do
  cp "$(ls "$module"/target/"$module"-*.jar | grep -v -e sources -e javadoc | head -1)" "$home/jars/$module.jar"
done
SPARK_JVM_ARGS=$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' pom.xml)
mkdir -p "$OUT"
for master in 'local[1]' 'local[2]' 'local-cluster[2,1,2048]'; do
  name=$(echo "$master" | tr -c 'a-z0-9\n' '-' | sed 's/-*$//')
  flock /tmp/cpu.lock env SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    JAVA_HOME="${JAVA%/bin/java}" OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    "$JAVA" --add-modules jdk.incubator.vector -Xmx4g $SPARK_JVM_ARGS -cp "$home/jars/*" \
    -Dspark.executor.extraJavaOptions="--add-modules=jdk.incubator.vector $SPARK_JVM_ARGS" \
    dev.descent.spark.bench.MllibComparison --master "$master" --parts steps,rounds,scaling --descent-data arrays \
    --step-batches 256,1024,4096,0 --json "$OUT/$name.json" 2>&1 | tee "$OUT/$name.txt"
done
