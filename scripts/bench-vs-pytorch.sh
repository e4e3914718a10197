#!/usr/bin/env bash
# Every row of the performance targets, Descent against PyTorch in one sitting (BENCHMARKS.md):
# FMNIST-MLP training at batch 1, 16, 64, 1024, logistic regression at batch 64, MLP inference
# at batch 1024. Descent on JDK 17 and 25 with 1 and 2 threads where either could be best;
# PyTorch (../shared/bench/peers) in the settings that are best for each row: 1 thread +
# flush-to-zero (batch 1, 16), 2 threads + OMP passive (batch 64, 1024, inference), 2 threads
# default (logistic regression). ROUNDS interleaved rounds (default 3); one line per
# measurement, "tool config row run value ...", then a summary: the machine (CPU model, AVX-512 or
# not, frequency, JDKs), each row's median per configuration and the ratio of the best Descent
# configuration to the best PyTorch one. The ratio is refused when the CPU has AVX-512 but
# OpenBLAS did not run its AVX-512 kernel (SkylakeX): PyTorch would be held back
# (../shared/bench/README.md, "PyTorch's best setting"). Needs python3-torch,
# dataset-fashion-mnist, the JDKs. OUT=FILE keeps the raw lines (default: a temporary file).
set -euo pipefail
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PEERS=${PEERS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/bench/peers}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-$(mktemp)}
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
    arch=(r.get('thread_info') or {}).get('openblas_arch')
    print('pytorch', r['config'], row, 'run=$run', round(r['value']), 'foreign', r.get('foreign_cores'), 'openblas_arch=%s' % arch)"
}
measure() {
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
}
measure | tee "$OUT"

# The summary, from the lines above.
python3 - "$OUT" "$J17" "$J25" <<'PY' | tee -a "$OUT"
import re, statistics, subprocess, sys
lines = [l.split() for l in open(sys.argv[1]) if l.startswith(("descent ", "pytorch "))]
cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
flags = open("/proc/cpuinfo").read()
avx512 = " avx512f" in flags
mhz = re.search(r"cpu MHz\s*:\s*([0-9.]+)", flags)
def jdk(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()
    return out[0] if out else java
print()
print("machine: %s; %s; %s MHz; %s; %s" % (cpu, "AVX-512" if avx512 else "no AVX-512 (avx2 only)"
      if " avx2" in flags else "no AVX2", mhz.group(1) if mhz else "?", jdk(sys.argv[2]), jdk(sys.argv[3])))
values, archs = {}, {}
for l in lines:
    tool, config, row, value = l[0], l[1], l[2], l[4]
    if value in ("None", "") or not value.replace(".", "").isdigit():
        continue
    values.setdefault(row, {}).setdefault((tool, config), []).append(float(value))
    if tool == "pytorch":
        archs.setdefault(row, set()).update(x.split("=", 1)[1] for x in l if x.startswith("openblas_arch="))
print("%-12s %-34s %10s   %-34s %10s  %s" % ("row", "Descent best (median)", "samples/s", "PyTorch best (median)",
                                              "samples/s", "ratio"))
for row in sorted(values):
    best = {}
    for (tool, config), v in values[row].items():
        m = statistics.median(v)
        if tool not in best or m > best[tool][1]:
            best[tool] = (config, m)
    if "descent" not in best or "pytorch" not in best:
        continue
    arch = ",".join(sorted(archs.get(row, {"?"})))
    honest = not avx512 or arch == "SkylakeX"
    ratio = "%.2fx" % (best["descent"][1] / best["pytorch"][1]) if honest else \
        "no ratio: the CPU has AVX-512 but OpenBLAS ran %s (set OPENBLAS_CORETYPE=SkylakeX)" % arch
    print("%-12s %-34s %10.0f   %-34s %10.0f  %s (openblas_arch=%s)" % (row, best["descent"][0], best["descent"][1],
          best["pytorch"][0], best["pytorch"][1], ratio, arch))
PY
