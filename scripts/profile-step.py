#!/usr/bin/env python3
"""Where a training or inference step's time goes: JFR execution samples grouped by operation.

Runs `./descent bench mlp|logreg|infer` under Java Flight Recorder (settings=profile, 10 ms
samples of running Java threads), groups each sample by the Descent method at the top of its
stack, and prints a table of share of samples, time per step (share x measured step time),
and for the matrix products their FLOPs and GFLOP/s.

Usage: scripts/profile-step.py mlp --batch 1024 --warmup 400 [--threads 2] [--java PATH]
       scripts/profile-step.py infer --batch 1024
       scripts/profile-step.py logreg --batch 64
The recording covers the whole command, so give it many untimed warm-up steps (--warmup) to
make the steady state dominate. Run it alone on the machine (flock /tmp/cpu.lock ...).
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


SAMPLE_PERIOD_S = 0.010  # jdk.ExecutionSample period in JFR's "profile" settings


def parse_time(text):
    """Seconds since the epoch of a JFR JSON time stamp such as 2026-12-06T14:40:01.123456789Z."""
    import datetime
    date, frac = (text.rstrip("Z") + ".0").split(".")[:2]
    base = datetime.datetime.strptime(date[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return base.timestamp() + float("0." + frac)


def category(frame):
    if frame.startswith("JDK: "):
        return "JDK (JIT-compiled glue, start-up, data load)"
    for name, test in CATEGORIES:
        if test(frame):
            return name
    return "other Descent code (start-up, data load, glue)"


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
    ap.add_argument("bench", choices=["mlp", "logreg", "infer", "cnn"])
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
    run = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("profile-step: %s failed:\n%s" % (" ".join(cmd), run.stderr.strip()))
    out = run.stdout
    result = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])

    java = args.java or "java"
    jfr_tool = os.path.join(os.path.dirname(os.path.realpath(subprocess.run(
        ["bash", "-c", "command -v " + java], capture_output=True, text=True).stdout.strip())), "jfr")
    if not os.path.exists(jfr_tool):
        jfr_tool = "jfr"
    events = json.loads(subprocess.run([jfr_tool, "print", "--json", "--stack-depth", "3",
                                        "--events", "jdk.ExecutionSample", jfr],
                                       capture_output=True, text=True, check=True).stdout)
    os.unlink(jfr)
    samples = events["recording"]["events"]
    # steady state only: the timed part and the warm-up steps just before it, measured back
    # from the last sample (the command ends right after its timed part)
    seconds_per_step = args.batch / result["samples_per_second"]
    if args.bench == "infer":
        timed_examples = result["timed_passes"] * result["examples"]
        warmup_examples = (args.warmup if args.warmup is not None else 1) * result["examples"]
        steps = (timed_examples + warmup_examples) / args.batch
    else:
        steps = result["timed_steps"] + (args.warmup if args.warmup is not None else 50)
    end = max(parse_time(e["values"]["startTime"]) for e in samples)
    begin = end - steps * seconds_per_step
    counts = collections.Counter()
    frames = collections.Counter()
    for e in samples:
        if parse_time(e["values"]["startTime"]) < begin:
            continue
        f = top_descent_frame(e["values"]["stackTrace"])
        frames[f] += 1
        counts[category(f)] += 1
    total = sum(counts.values())

    layer_flops = 784 * 256 + 256 * 128 + 128 * 10
    if args.bench == "infer":
        per_step_flops = 2 * layer_flops * args.batch
    elif args.bench == "mlp":
        per_step_flops = 6 * layer_flops * args.batch - 2 * 784 * 256 * args.batch  # no input gradient of layer 1
    else:
        per_step_flops = 4 * 784 * 10 * args.batch  # forward and weight gradient, no input gradient
    period = SAMPLE_PERIOD_S

    print("# %s, batch %d, %d threads: %s samples/s, %.0f us per step (wall); JDK %s, kernels %s"
          % (args.bench, args.batch, args.threads, format(round(result["samples_per_second"]), ","),
             seconds_per_step * 1e6, result.get("jdk", "?"), result.get("kernel_provider", "?")))
    sampled_us = total * period / steps * 1e6
    # JFR does not sample every running thread every period (here about 3 in 4 samples arrive):
    # scale the thread time to the threads that were busy (working or spinning) the whole step
    busy = args.threads if sampled_us > 1.2 * seconds_per_step * 1e6 else 1
    scale = busy * seconds_per_step * 1e6 / sampled_us if sampled_us > 0 else 0
    print("# %d JFR samples over the last %.0f steps (%.2f s); %d busy thread%s"
          % (total, steps, steps * seconds_per_step, busy, "" if busy == 1 else "s"))
    print()
    print("| where | share of samples | thread µs per step | FLOPs per step | GFLOP/s per thread |")
    print("|---|---|---|---|---|")
    for name, c in counts.most_common():
        us = c / total * busy * seconds_per_step * 1e6
        flops = per_step_flops if name == "GEMM micro-kernel" else None
        gf = "%.0f" % (flops / (us * 1e-6) / 1e9) if flops and us > 0 else ""
        print("| %s | %.1f%% | %.0f | %s | %s |" % (name, 100 * c / total, us,
                                                  format(flops, ",") if flops else "", gf))
    print()
    print("Thread time per step = share x busy threads x wall time per step (%.0f µs sampled, scaled by %.2f)."
          % (sampled_us, scale))
    print("Attribution between methods the JIT inlined into one another is approximate.")
    print("The step's FLOPs at the measured rate: %.1f GFLOP/s in all." % (per_step_flops / seconds_per_step / 1e9))
    print()
    print("Top frames:")
    for f, c in frames.most_common(15):
        print("  %5.1f%%  %s" % (100 * c / total, f))


if __name__ == "__main__":
    sys.exit(main())
