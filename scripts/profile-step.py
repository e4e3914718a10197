#!/usr/bin/env python3
"""Where a training or inference step's time goes: JFR execution samples grouped by operation.

Runs `./descent bench mlp|logreg|infer` under Java Flight Recorder (settings=profile, 10 ms
samples of running Java threads), groups each sample by the Descent method at the top of its
stack, and prints a table of share of samples, time per step (share x measured step time),
and for the matrix products their FLOPs and GFLOP/s.

Usage: scripts/profile-step.py mlp --batch 1024 [--threads 2] [--steps N] [--java PATH]
       scripts/profile-step.py infer --batch 1024
       scripts/profile-step.py logreg --batch 64
Run it alone on the machine (flock /tmp/cpu.lock ...): samples are wall-clock shares.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (category, test on the top Descent frame "Class.method"), first match wins
CATEGORIES = [
    ("GEMM micro-kernel", lambda f: "VectorGemm.microKernel" in f or "ScalarGemm.micro" in f),
    ("GEMM packing", lambda f: "VectorPacking." in f or "Packing" in f),
    ("GEMM tile write (C = alpha*tile + beta*C)", lambda f: "VectorGemm.update" in f),
    ("GEMM small shapes (row/column products, short sums)",
     lambda f: any(s in f for s in ("VectorRowProduct", "VectorColumnProduct", "VectorSmallK"))),
    ("GEMM other", lambda f: "Gemm" in f),
    ("optimizer update", lambda f: any(s in f for s in ("momentum", "Momentum", "Sgd", "optim."))),
    ("loss (softmax cross-entropy)", lambda f: any(s in f for s in ("Softmax", "softmax", "CrossEntropy", "loss."))),
    ("activation (ReLU forward/backward)", lambda f: "relu" in f.lower()),
    ("bias (add, gradient sum)", lambda f: "bias" in f.lower() or "sumRows" in f or "addRow" in f),
    ("thread hand-off (workers, spin, park)",
     lambda f: any(s in f for s in ("WorkerPool", "ComputeThreads", "GemmCall", "OutputSplit"))),
    ("data (batch gather, shuffle)", lambda f: any(s in f for s in ("data.", "Batch", "Sampler", "gather"))),
    ("tape, layers and dispatch", lambda f: any(s in f for s in ("autodiff", "Tape", "nn.", "Tensor", "Layer"))),
]


def category(frame):
    for name, test in CATEGORIES:
        if test(frame):
            return name
    return "other Descent code: " + frame


def top_descent_frame(stack):
    """The first frame in dev.descent, else the JDK frame at the top."""
    frames = stack.get("frames", [])
    for fr in frames:
        m = fr.get("method", {})
        t = m.get("type", {}).get("name", "")
        if t.startswith("dev.descent") or t.startswith("dev/descent"):
            return t.split(".")[-1].split("/")[-1] + "." + m.get("name", "?")
    if frames:
        m = frames[0].get("method", {})
        return "JDK: " + m.get("type", {}).get("name", "?") + "." + m.get("name", "?")
    return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", choices=["mlp", "logreg", "infer"])
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=None, help="timed steps (mlp, logreg)")
    ap.add_argument("--passes", type=int, default=None, help="timed passes (infer)")
    ap.add_argument("--warmup", type=int, default=None)
    ap.add_argument("--java", default=None, help="java binary (default: the launcher's choice)")
    args = ap.parse_args()

    jfr = tempfile.mktemp(suffix=".jfr")
    cmd = [os.path.join(ROOT, "descent"), "bench", args.bench, "--batch", str(args.batch),
           "--threads", str(args.threads), "--json"]
    if args.steps is not None:
        cmd += ["--steps", str(args.steps)]
    if args.passes is not None:
        cmd += ["--passes", str(args.passes)]
    if args.warmup is not None:
        cmd += ["--warmup", str(args.warmup)]
    env = dict(os.environ)
    env["DESCENT_JAVA_OPTS"] = (env.get("DESCENT_JAVA_OPTS", "") +
                                " -XX:StartFlightRecording=filename=%s,settings=profile" % jfr).strip()
    if args.java:
        env["DESCENT_JAVA"] = args.java
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    result = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])

    java = args.java or "java"
    jfr_tool = os.path.join(os.path.dirname(os.path.realpath(subprocess.run(
        ["bash", "-c", "command -v " + java], capture_output=True, text=True).stdout.strip())), "jfr")
    if not os.path.exists(jfr_tool):
        jfr_tool = "jfr"
    events = json.loads(subprocess.run([jfr_tool, "print", "--json", "--events", "jdk.ExecutionSample", jfr],
                                       capture_output=True, text=True, check=True).stdout)
    os.unlink(jfr)
    counts = collections.Counter()
    frames = collections.Counter()
    for e in events["recording"]["events"]:
        f = top_descent_frame(e["values"]["stackTrace"])
        frames[f] += 1
        counts[category(f)] += 1
    total = sum(counts.values())

    if args.bench == "infer":
        per_step_flops = 2 * (784 * 256 + 256 * 128 + 128 * 10) * args.batch
        seconds_per_step = args.batch / result["samples_per_second"]
    elif args.bench == "mlp":
        per_step_flops = 6 * (784 * 256 + 256 * 128 + 128 * 10) * args.batch
        seconds_per_step = args.batch / result["samples_per_second"]
    else:
        per_step_flops = 4 * 784 * 10 * args.batch  # forward and weight gradient (no input gradient)
        seconds_per_step = args.batch / result["samples_per_second"]

    print("# %s, batch %d, %d threads: %s samples/s, %.1f us per step, %d samples (JFR, 10 ms)"
          % (args.bench, args.batch, args.threads, format(round(result["samples_per_second"]), ","),
             seconds_per_step * 1e6, total))
    print("# JDK %s, kernels %s" % (result.get("jdk", "?"), result.get("kernel_provider", "?")))
    print()
    print("| where | share of samples | µs per step | FLOPs per step | GFLOP/s |")
    print("|---|---|---|---|---|")
    gemm_share = sum(c for k, c in counts.items() if k.startswith("GEMM")) / max(total, 1)
    for name, c in counts.most_common():
        share = c / total
        us = share * seconds_per_step * 1e6
        flops = per_step_flops if name == "GEMM micro-kernel" else None
        gf = "%.0f" % (flops / (us * 1e-6) / 1e9 / args.threads) + " per thread" if flops and us > 0 else ""
        print("| %s | %.1f%% | %.0f | %s | %s |" % (name, 100 * share, us,
                                                  format(flops, ",") if flops else "", gf))
    print()
    print("All GEMM: %.1f%% of samples; the step's FLOPs at the measured rate: %.1f GFLOP/s over %d threads."
          % (100 * gemm_share, per_step_flops / seconds_per_step / 1e9, args.threads))
    print()
    print("Top frames:")
    for f, c in frames.most_common(15):
        print("  %5.1f%%  %s" % (100 * c / total, f))


if __name__ == "__main__":
    sys.exit(main())
