#!/usr/bin/env bash
# Fuzzes Descent's file readers with Jazzer, MINUTES per target (default 10), one target after
# another. The same @FuzzTest methods run as regression tests on their seed corpus in every
# `mvn verify` (no JAZZER_FUZZ there); this script is the long run. See docs/reliability.md,
# section "Fuzzing".
#
#   scripts/fuzz.sh                      # every target, 10 minutes each (about 1h40)
#   scripts/fuzz.sh 1 IdxReaderFuzzTest#read TextTableFuzzTest#libSvm
#
# Per target it prints one line: executions, seconds, corpus size, findings. A finding is a
# crash-<sha1> file under target/fuzz/findings/<Class>/<method>/ (the raw input) with the stack
# trace in the log next to it; reproduce it with `mvn test -Dtest=Class` after copying the file
# into the seed corpus, src/test/resources/<package>/<Class>Inputs/<method>/, where it stays as a
# regression input once the reader is fixed. The inputs the fuzzer found interesting go to
# target/fuzz/corpus/<Class>/<method>/ (kept between runs; not committed).
#
# Environment: JAVA (default: java on PATH, JDK 17+), KEEP_GOING (distinct findings before a
# target stops, default 5), FUZZ_XMX (heap, default 1g). Runs under `flock /tmp/cpu.lock` when
# flock exists, so it does not compete with benchmarks on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=${1:-10}
if [[ $# -gt 0 ]]; then shift; fi
JAVA=${JAVA:-java}
KEEP_GOING=${KEEP_GOING:-5}
FUZZ_XMX=${FUZZ_XMX:-1g}

ALL_TARGETS=(
  IdxReaderFuzzTest#read
  IdxReaderFuzzTest#mnistLayout
  TextTableFuzzTest#csvClassification
  TextTableFuzzTest#csvRegression
  TextTableFuzzTest#libSvm
  TextTableFuzzTest#tableSchemaJson
  TextTableFuzzTest#tableSchemaRows
  SafeTensorsFuzzTest#safeTensors
  SafeTensorsFuzzTest#checkpoint
  SafeTensorsFuzzTest#modelBundle
  ConfigLoaderFuzzTest#parse
)
if [[ $# -gt 0 ]]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

LOCK=()
if command -v flock >/dev/null; then LOCK=(flock /tmp/cpu.lock); fi

# Build the classes and write each module's test class path (plugin version pinned).
mvn -B -q -o install -DskipTests -pl descent-core,descent-cli -am
for module in descent-core descent-cli; do
  mkdir -p "$module/target/fuzz"
  mvn -B -q -o -pl "$module" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz/classpath.txt
done

for target in "${TARGETS[@]}"; do
  class=${target%%#*}
  method=${target#*#}
  if [[ $class == ConfigLoaderFuzzTest ]]; then
    module=descent-cli; package=dev.descent.cli.fuzz
  else
    module=descent-core; package=dev.descent.fuzz
  fi
  seeds="$module/src/test/resources/${package//.//}/${class}Inputs/$method"
  out="$module/target/fuzz"
  corpus="$out/corpus/$class/$method"
  findings="$out/findings/$class/$method"
  log="$findings/fuzz.log"
  mkdir -p "$corpus" "$findings"
  cp="$module/target/test-classes:$module/target/classes:$(cat "$out/classpath.txt")"
  echo "== $package.$class#$method: $MINUTES min, seeds $seeds, log $log"
  set +e
  # JAZZER_FUZZ=1 makes the JUnit integration fuzz instead of replaying the seeds.
  JAZZER_FUZZ=1 "${LOCK[@]}" "$JAVA" -Xmx"$FUZZ_XMX" --add-modules jdk.incubator.vector -cp "$cp" \
      com.code_intelligence.jazzer.Jazzer \
      --target_class="$package.$class" --target_method="$method" \
      --instrumentation_includes='dev.descent.**' --keep_going="$KEEP_GOING" \
      -max_total_time=$((MINUTES * 60)) -timeout=10 -rss_limit_mb=0 \
      -artifact_prefix="$findings/" "$corpus" "$seeds" >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  crashes=$(find "$findings" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
  echo "   exit $status; ${runs:-no final statistics (see the log)}; corpus $(ls "$corpus" | wc -l) inputs;" \
       "findings $crashes"
  grep -E '^== Java Exception|^Caused by|DEDUP_TOKEN|^\s+at dev\.descent' "$log" | head -20 || true
done
