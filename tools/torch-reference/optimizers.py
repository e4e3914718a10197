#!/usr/bin/python3
"""Reference trajectories of torch.optim optimizers, for Descent's Java tests.

Usage (from the repository root):

    /usr/bin/python3 tools/torch-reference/optimizers.py \
        --out descent-core/src/test/resources/dev/descent/optim/reference/

Writes one JSON file per optimizer (sgd.json, adagrad.json, rmsprop.json, adam.json,
adamw.json, adamax.json, nadam.json), each a list of runs. See README.md next to this
script for the format, the gradient formula, the NAdam patch and the float32 semantics.

Everything is deterministic: fixed seeds, one thread, ATen forced to its portable
("default", no AVX) CPU kernels so that every elementwise op is a plain IEEE float32 op
(with AVX2 kernels, torch contracts add_(alpha=)/addcmul_ into fused multiply-adds).

Besides running torch, the script re-implements every update in numpy float32, one
IEEE-rounded operation at a time, in the order torch performs them (the `emulate_*`
functions below), and fails unless the re-implementation agrees with torch bit for bit on
every step of every run. Those functions are therefore a checked specification of what a
Java implementation has to compute to reproduce these files exactly.
"""

import argparse
import os
import sys

# Must be set before torch is imported: the kernels are chosen at load time.
os.environ["ATEN_CPU_CAPABILITY"] = "default"

import inspect  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import subprocess  # noqa: E402
from decimal import Decimal, getcontext  # noqa: E402
from fractions import Fraction  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import importlib  # noqa: E402

# torch/optim/__init__.py deletes its submodule attributes; reach the module itself.
NADAM_MODULE = importlib.import_module("torch.optim.nadam")

STEPS = 25
PROBLEM_SEED = 20240601
FIXED_GRADIENT_SEED = 20240602
F32 = np.float32
PARAM_NAMES = ("weight", "bias")
SHAPES = {"weight": (3, 4), "bias": (4,)}


# --------------------------------------------------------------------------------------
# Exact float32 <-> decimal text
# --------------------------------------------------------------------------------------

def nearest_f32(q):
    """The float32 nearest to the exact rational q (ties to even), computed exactly."""
    guess = F32(float(q))
    best = None
    for c in (np.nextafter(guess, F32(-np.inf)), guess, np.nextafter(guess, F32(np.inf))):
        if not np.isfinite(c):
            continue
        d = abs(Fraction(float(c)) - q)
        even = (int(np.array(c, dtype=F32).view(np.uint32)) & 1) == 0
        if best is None or d < best[0] or (d == best[0] and even):
            best = (d, c)
    return best[1]


def f32_text(x):
    """Shortest decimal that reads back (correctly rounded) as exactly this float32."""
    x = F32(x)
    if not np.isfinite(x):
        raise ValueError("non-finite float32 %r" % x)
    s = repr(x)  # numpy >= 1.14: shortest round-tripping repr (Dragon4, unique=True)
    if s.startswith("np.float32("):  # numpy >= 2 repr
        s = s[len("np.float32("):-1]
    back = nearest_f32(Fraction(s))
    if np.array(back, dtype=F32).view(np.uint32) != np.array(x, dtype=F32).view(np.uint32):
        raise AssertionError("float32 round trip failed: %r -> %s -> %r" % (x, s, back))
    return s


def short_f32(x, digits=3):
    """A float32 close to x whose shortest decimal has at most `digits` significant digits."""
    return F32(float("%.*e" % (digits - 1, x)))


# --------------------------------------------------------------------------------------
# The problem: two parameters, elementwise quadratic gradient g = a * (w - c)
# --------------------------------------------------------------------------------------

def make_problem():
    rng = np.random.default_rng(PROBLEM_SEED)
    problem = {}
    for name in PARAM_NAMES:
        shape = SHAPES[name]
        n = int(np.prod(shape))
        init = np.array([short_f32(v) for v in rng.uniform(-1.5, 1.5, n)], dtype=F32)
        # curvatures log-uniform over [0.05, 20], both extremes present: ill-conditioned
        a = np.exp(rng.uniform(math.log(0.05), math.log(20.0), n))
        a[0], a[n - 1] = (0.05, 20.0) if name == "weight" else (20.0, 0.05)
        a = np.array([short_f32(v) for v in a], dtype=F32)
        c = np.array([short_f32(v) for v in rng.uniform(-2.0, 2.0, n)], dtype=F32)
        problem[name] = {"shape": shape, "init": init, "a": a, "c": c}
    return problem


def make_fixed_gradients(problem):
    """g_t per step and element, independent of w: scale_e * (offset_e + N(0,1)).

    Scales span 1e-3..10 (one bias element ~1e-8, so that eps matters), with a few exact
    zeros (eps-only denominators)."""
    rng = np.random.default_rng(FIXED_GRADIENT_SEED)
    grads = {}
    for name in PARAM_NAMES:
        n = int(np.prod(SHAPES[name]))
        scale = np.exp(rng.uniform(math.log(1e-3), math.log(10.0), n))
        offset = rng.uniform(-1.0, 1.0, n)
        if name == "bias":
            scale[1] = 1e-8
        rows = []
        for t in range(STEPS):
            g = scale * (offset + rng.standard_normal(n))
            row = np.array([short_f32(v) for v in g], dtype=F32)
            if name == "bias" and t < 3:
                row[2] = F32(0.0)  # exact zero gradients on the first steps
            if name == "weight" and t in (7, 8):
                row[5] = F32(0.0)
            rows.append(row)
        grads[name] = np.stack(rows)
    return grads


# --------------------------------------------------------------------------------------
# NAdam: torch 1.13's single-tensor NAdam with the PyTorch >= 2.0 fix of mu_product_next
# --------------------------------------------------------------------------------------

NADAM_BUGGY_LINE = "mu_product_next = mu_product * mu * mu_next"
NADAM_FIXED_LINE = "mu_product_next = mu_product * mu_next"
NADAM_NOTE = (
    "Generated with torch.optim.nadam._single_tensor_nadam monkeypatched: torch 1.13 computes "
    "mu_product_next = mu_product * mu * mu_next after mu_product *= mu (mu_t applied twice); "
    "the patched copy computes mu_product_next = mu_product * mu_next (the PyTorch >= 2.0 fix, "
    "pytorch/pytorch PR #92699), everything else identical. mu_product and mu_product_next "
    "are float32 0-dim tensors.")

_ORIGINAL_SINGLE_TENSOR_NADAM = NADAM_MODULE._single_tensor_nadam


def fixed_single_tensor_nadam():
    src = inspect.getsource(_ORIGINAL_SINGLE_TENSOR_NADAM)
    if src.count(NADAM_BUGGY_LINE) != 1:
        raise RuntimeError("unexpected torch NAdam source: the mu_product_next line was not found "
                           "exactly once (is this torch 1.13?)")
    src = src.replace(NADAM_BUGGY_LINE, NADAM_FIXED_LINE)
    namespace = {}
    exec(compile(src, "<patched _single_tensor_nadam>", "exec"),
         NADAM_MODULE.__dict__, namespace)
    return namespace["_single_tensor_nadam"]


_FIXED_SINGLE_TENSOR_NADAM = fixed_single_tensor_nadam()


class NadamPatch:
    """Context manager: torch.optim.nadam uses the fixed single-tensor function inside."""

    def __init__(self, fixed=True):
        self.fixed = fixed

    def __enter__(self):
        NADAM_MODULE._single_tensor_nadam = (
            _FIXED_SINGLE_TENSOR_NADAM if self.fixed else _ORIGINAL_SINGLE_TENSOR_NADAM)

    def __exit__(self, *exc):
        NADAM_MODULE._single_tensor_nadam = _ORIGINAL_SINGLE_TENSOR_NADAM


# --------------------------------------------------------------------------------------
# The run matrix
# --------------------------------------------------------------------------------------

def configs():
    """(file, optimizer class name, config name, kwargs, weight-decay kwargs, groups)."""
    out = []

    def add(file, opt, config, kwargs, wd_kwargs, groups=None):
        out.append((file, opt, config, kwargs, wd_kwargs, groups))

    sgd = {
        "plain": {"lr": 0.03},
        "momentum": {"lr": 0.03, "momentum": 0.9},
        "dampening": {"lr": 0.03, "momentum": 0.9, "dampening": 0.1},
        "nesterov": {"lr": 0.03, "momentum": 0.9, "dampening": 0.0, "nesterov": True},
    }
    for config, kw in sgd.items():
        add("sgd", "SGD", config, kw, {"weight_decay": 0.05})
    adagrad = {
        "default": {},
        "decay": {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1, "eps": 1e-6},
    }
    for config, kw in adagrad.items():
        add("adagrad", "Adagrad", config, kw, {"weight_decay": 0.05})
    rmsprop = {
        "default": {},
        "centered": {"lr": 0.005, "alpha": 0.9, "eps": 1e-6, "centered": True},
        "momentum": {"lr": 0.001, "momentum": 0.9},
        "centered-momentum": {"lr": 0.003, "alpha": 0.95, "eps": 1e-7, "momentum": 0.5,
                              "centered": True},
    }
    for config, kw in rmsprop.items():
        add("rmsprop", "RMSprop", config, kw, {"weight_decay": 0.01})
    adam = {
        "default": {},
        "custom": {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6},
        "amsgrad": {"lr": 0.01, "betas": (0.9, 0.95), "amsgrad": True},
    }
    for config, kw in adam.items():
        add("adam", "Adam", config, kw, {"weight_decay": 0.01})
    adamw = {
        "default": ({}, {}),  # AdamW's default weight_decay is 1e-2: "wd" passes nothing
        "custom": ({"lr": 0.01, "betas": (0.85, 0.995), "eps": 1e-7}, {"weight_decay": 0.1}),
        "amsgrad": ({"lr": 0.01, "betas": (0.9, 0.95), "amsgrad": True}, {}),
    }
    for config, (kw, wd) in adamw.items():
        add("adamw", "AdamW", config, kw, wd)
    adamax = {
        "default": {},
        "custom": {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6},
    }
    for config, kw in adamax.items():
        add("adamax", "Adamax", config, kw, {"weight_decay": 0.01})
    nadam = {
        "default": {},
        "custom": {"lr": 0.01, "betas": (0.85, 0.995), "eps": 1e-6, "momentum_decay": 0.01},
    }
    for config, kw in nadam.items():
        add("nadam", "NAdam", config, kw, {"weight_decay": 0.01})
    # two parameter groups: per-group weight decay and learning rate
    add("sgd", "SGD", "groups", {"lr": 0.03, "momentum": 0.9}, None,
        [{"params": ["weight"], "weight_decay": 0.05},
         {"params": ["bias"], "weight_decay": 0.0, "lr": 0.1}])
    add("adamw", "AdamW", "groups", {"lr": 0.01}, None,
        [{"params": ["weight"], "weight_decay": 0.05},
         {"params": ["bias"], "weight_decay": 0.0, "lr": 0.003}])
    return out


def runs():
    """All runs: name, file, optimizer, hyper, groups, gradient kind."""
    result = []
    for file, opt, config, kw, wd_kw, groups in configs():
        variants = []
        if groups is not None:
            variants.append(("", dict(kw), groups))
        else:
            nowd = dict(kw)
            if opt == "AdamW":
                nowd["weight_decay"] = 0.0  # AdamW's default is 1e-2
            variants.append(("-nowd", nowd, None))
            variants.append(("-wd", dict(kw, **wd_kw), None))
        for suffix, hyper, grp in variants:
            hyper["foreach"] = False  # the single-tensor implementation
            # every variant with the quadratic gradient; the fixed gradient sequence (which
            # isolates the update rule) with weight decay on and for the two-group runs only,
            # to keep the files small
            kinds = ("quadratic",) if suffix == "-nowd" else ("quadratic", "fixed")
            for gradient in kinds:
                name = "%s-%s%s-%s" % (file, config, suffix, gradient)
                result.append({"name": name, "file": file, "optimizer": opt, "hyper": hyper,
                               "groups": grp, "gradient": gradient})
    return result


# --------------------------------------------------------------------------------------
# Running torch
# --------------------------------------------------------------------------------------

def gradient_at(kind, name, step, w, problem, fixed):
    """Gradient for parameter `name` at 1-based step `step`, given its current value w."""
    if kind == "fixed":
        return torch.from_numpy(fixed[name][step - 1].reshape(SHAPES[name]).copy())
    a = torch.from_numpy(problem[name]["a"].reshape(SHAPES[name]).copy())
    c = torch.from_numpy(problem[name]["c"].reshape(SHAPES[name]).copy())
    return a * (w - c)  # float32: first the subtraction, then the product


def state_value(v):
    if v is None:
        return None
    if isinstance(v, int):
        return v
    if torch.is_tensor(v):
        if v.dim() == 0:
            return F32(v.item())
        return v.detach().numpy().astype(F32).reshape(-1).copy()
    raise TypeError("unexpected state value %r" % (v,))


def run_torch(run, problem, fixed, nadam_fixed=True):
    params = {name: torch.nn.Parameter(torch.from_numpy(
        problem[name]["init"].reshape(SHAPES[name]).copy())) for name in PARAM_NAMES}
    cls = getattr(torch.optim, run["optimizer"])
    hyper = dict(run["hyper"])
    if run["groups"] is None:
        opt = cls([params[n] for n in PARAM_NAMES], **hyper)
    else:
        groups = []
        for g in run["groups"]:
            g = dict(g)
            g["params"] = [params[n] for n in g["params"]]
            groups.append(g)
        opt = cls(groups, **hyper)
    trajectory = {n: [] for n in PARAM_NAMES}
    with NadamPatch(nadam_fixed):
        for step in range(1, STEPS + 1):
            for n in PARAM_NAMES:
                p = params[n]
                with torch.no_grad():
                    p.grad = gradient_at(run["gradient"], n, step, p.detach(), problem, fixed)
            opt.step()
            for n in PARAM_NAMES:
                trajectory[n].append(params[n].detach().numpy().reshape(-1).copy())
    final_state = {n: {k: state_value(v) for k, v in opt.state[params[n]].items()}
                   for n in PARAM_NAMES}
    resolved = []
    for g in opt.param_groups:
        names = [n for n in PARAM_NAMES if any(p is params[n] for p in g["params"])]
        r = {"params": names}
        for k, v in g.items():
            if k != "params":
                r[k] = list(v) if isinstance(v, tuple) else v
        resolved.append(r)
    return trajectory, final_state, resolved


# --------------------------------------------------------------------------------------
# The float32 re-implementation (specification) — must agree with torch bit for bit
# --------------------------------------------------------------------------------------
# Conventions, exactly as in ATen's CPU kernels (default capability):
#  * tensors are float32 numpy arrays, every numpy op below is one IEEE float32 op;
#  * a Python float passed to a tensor op is first rounded to float32 (f(x));
#  * t.add_(u, alpha=s)            ->  t + f(s)*u            (product rounded, then sum)
#  * t.addcmul_(u, v, value=s)     ->  t + (f(s)*u)*v
#  * t.addcdiv_(u, v, value=s)     ->  t + (f(s)*u)/v
#  * t.mul_(s), t / s, t.add_(s)   ->  t*f(s), t/f(s), t+f(s)
#  * scalar bookkeeping (bias corrections, step sizes) is Python double arithmetic,
#    pow is libm pow (see POW_CALLS, audited against correctly rounded values).

POW_CALLS = set()


def pw(base, exponent):
    r = base ** exponent
    POW_CALLS.add((base, exponent, r))
    return r


def f(x):
    return F32(x)


def emulate_sgd(w, g, st, h):
    d = g
    if h["weight_decay"] != 0:
        d = d + f(h["weight_decay"]) * w
    if h["momentum"] != 0:
        buf = st.get("momentum_buffer")
        if buf is None:
            buf = d.copy()  # first step: a copy, no dampening
        else:
            buf = buf * f(h["momentum"])
            buf = buf + f(1 - h["dampening"]) * d
        st["momentum_buffer"] = buf
        d = d + f(h["momentum"]) * buf if h["nesterov"] else buf
    else:
        st["momentum_buffer"] = None
    return w + f(-h["lr"]) * d


def emulate_adagrad(w, g, st, h):
    if "step" not in st:  # Adagrad creates its state in the constructor
        st["step"] = F32(0)
        st["sum"] = np.full_like(w, f(h["initial_accumulator_value"]))
    st["step"] = st["step"] + F32(1)
    step = float(st["step"])
    d = g
    if h["weight_decay"] != 0:
        d = d + f(h["weight_decay"]) * w
    clr = h["lr"] / (1 + (step - 1) * h["lr_decay"])
    st["sum"] = st["sum"] + (f(1) * d) * d
    std = np.sqrt(st["sum"]) + f(h["eps"])
    return w + (f(-clr) * d) / std


def emulate_rmsprop(w, g, st, h):
    if "step" not in st:
        st["step"] = 0  # a Python int in RMSprop
        st["square_avg"] = np.zeros_like(w)
        if h["momentum"] > 0:
            st["momentum_buffer"] = np.zeros_like(w)
        if h["centered"]:
            st["grad_avg"] = np.zeros_like(w)
    st["step"] += 1
    d = g
    if h["weight_decay"] != 0:
        d = d + f(h["weight_decay"]) * w
    alpha = h["alpha"]
    st["square_avg"] = st["square_avg"] * f(alpha)
    st["square_avg"] = st["square_avg"] + (f(1 - alpha) * d) * d
    if h["centered"]:
        st["grad_avg"] = st["grad_avg"] * f(alpha)
        st["grad_avg"] = st["grad_avg"] + f(1 - alpha) * d
        avg = np.sqrt(st["square_avg"] + (f(-1) * st["grad_avg"]) * st["grad_avg"])
    else:
        avg = np.sqrt(st["square_avg"])
    avg = avg + f(h["eps"])
    if h["momentum"] > 0:
        st["momentum_buffer"] = st["momentum_buffer"] * f(h["momentum"])
        st["momentum_buffer"] = st["momentum_buffer"] + (f(1) * d) / avg
        return w + f(-h["lr"]) * st["momentum_buffer"]
    return w + (f(-h["lr"]) * d) / avg


def _adam_core(w, d, st, h, beta1, beta2):
    st["exp_avg"] = st["exp_avg"] * f(beta1)
    st["exp_avg"] = st["exp_avg"] + f(1 - beta1) * d
    st["exp_avg_sq"] = st["exp_avg_sq"] * f(beta2)
    st["exp_avg_sq"] = st["exp_avg_sq"] + (f(1 - beta2) * d) * d
    step = float(st["step"])
    bias_correction1 = 1 - pw(beta1, step)
    bias_correction2 = 1 - pw(beta2, step)
    step_size = h["lr"] / bias_correction1
    bias_correction2_sqrt = math.sqrt(bias_correction2)
    if h["amsgrad"]:
        st["max_exp_avg_sq"] = np.maximum(st["max_exp_avg_sq"], st["exp_avg_sq"])
        denom = np.sqrt(st["max_exp_avg_sq"]) / f(bias_correction2_sqrt) + f(h["eps"])
    else:
        denom = np.sqrt(st["exp_avg_sq"]) / f(bias_correction2_sqrt) + f(h["eps"])
    return w + (f(-step_size) * st["exp_avg"]) / denom


def _adam_init(w, st, h):
    if "step" not in st:
        st["step"] = F32(0)
        st["exp_avg"] = np.zeros_like(w)
        st["exp_avg_sq"] = np.zeros_like(w)
        if h["amsgrad"]:
            st["max_exp_avg_sq"] = np.zeros_like(w)


def emulate_adam(w, g, st, h):
    _adam_init(w, st, h)
    st["step"] = st["step"] + F32(1)
    d = g
    if h["weight_decay"] != 0:
        d = d + f(h["weight_decay"]) * w
    return _adam_core(w, d, st, h, *h["betas"])


def emulate_adamw(w, g, st, h):
    _adam_init(w, st, h)
    st["step"] = st["step"] + F32(1)
    w = w * f(1 - h["lr"] * h["weight_decay"])  # always, also when weight_decay == 0
    return _adam_core(w, g, st, h, *h["betas"])


def emulate_adamax(w, g, st, h):
    if "step" not in st:
        st["step"] = F32(0)
        st["exp_avg"] = np.zeros_like(w)
        st["exp_inf"] = np.zeros_like(w)
    st["step"] = st["step"] + F32(1)
    step = float(st["step"])
    beta1, beta2 = h["betas"]
    d = g
    if h["weight_decay"] != 0:
        d = d + f(h["weight_decay"]) * w
    st["exp_avg"] = st["exp_avg"] * f(beta1)
    st["exp_avg"] = st["exp_avg"] + f(1 - beta1) * d
    st["exp_inf"] = np.maximum(st["exp_inf"] * f(beta2), np.abs(d) + f(h["eps"]))
    clr = h["lr"] / (1 - pw(beta1, step))
    return w + (f(-clr) * st["exp_avg"]) / st["exp_inf"]


def emulate_nadam(w, g, st, h):
    if "step" not in st:
        st["step"] = F32(0)
        st["mu_product"] = F32(1)
        st["exp_avg"] = np.zeros_like(w)
        st["exp_avg_sq"] = np.zeros_like(w)
    beta1, beta2 = h["betas"]
    md = h["momentum_decay"]
    st["step"] = st["step"] + F32(1)
    step = float(st["step"])
    bias_correction2 = 1 - pw(beta2, step)
    d = g
    if h["weight_decay"] != 0:
        d = d + f(h["weight_decay"]) * w
    mu = beta1 * (1. - 0.5 * pw(0.96, step * md))
    mu_next = beta1 * (1. - 0.5 * pw(0.96, (step + 1) * md))
    st["mu_product"] = st["mu_product"] * f(mu)           # float32 0-dim tensor
    mu_product_next = st["mu_product"] * f(mu_next)        # float32 (the fixed formula)
    st["exp_avg"] = st["exp_avg"] * f(beta1)
    st["exp_avg"] = st["exp_avg"] + f(1 - beta1) * d
    st["exp_avg_sq"] = st["exp_avg_sq"] * f(beta2)
    st["exp_avg_sq"] = st["exp_avg_sq"] + (f(1 - beta2) * d) * d
    denom = np.sqrt(st["exp_avg_sq"] / f(bias_correction2)) + f(h["eps"])
    w = w + (f(-h["lr"] * (1. - mu) / (1. - float(st["mu_product"]))) * d) / denom
    w = w + (f(-h["lr"] * mu_next / (1. - float(mu_product_next))) * st["exp_avg"]) / denom
    return w


EMULATORS = {"SGD": emulate_sgd, "Adagrad": emulate_adagrad, "RMSprop": emulate_rmsprop,
             "Adam": emulate_adam, "AdamW": emulate_adamw, "Adamax": emulate_adamax,
             "NAdam": emulate_nadam}


def run_emulation(run, problem, fixed, resolved):
    step_fn = EMULATORS[run["optimizer"]]
    group_of = {n: g for g in resolved for n in g["params"]}
    w = {n: problem[n]["init"].copy() for n in PARAM_NAMES}
    st = {n: {} for n in PARAM_NAMES}
    trajectory = {n: [] for n in PARAM_NAMES}
    for step in range(1, STEPS + 1):
        for n in PARAM_NAMES:  # torch: all gradients first, then one optimizer step
            if run["gradient"] == "fixed":
                g = fixed[n][step - 1].copy()
            else:
                g = problem[n]["a"] * (w[n] - problem[n]["c"])
            st[n]["_grad"] = g
        for n in PARAM_NAMES:
            g = st[n].pop("_grad")
            w[n] = step_fn(w[n], g, st[n], group_of[n]).astype(F32)
            trajectory[n].append(w[n].copy())
    return trajectory, st


def same_bits(x, y):
    if x is None or y is None:
        return x is None and y is None
    if isinstance(x, int) or isinstance(y, int):
        return isinstance(x, int) and isinstance(y, int) and x == y
    x = np.asarray(x, dtype=F32)
    y = np.asarray(y, dtype=F32)
    return x.shape == y.shape and np.array_equal(x.view(np.uint32), y.view(np.uint32))


# --------------------------------------------------------------------------------------
# Audit of the libm pow calls (Java must produce the same doubles)
# --------------------------------------------------------------------------------------

def correctly_rounded_pow(base, exponent):
    getcontext().prec = 80
    return float(Decimal(base) ** Decimal(exponent))


def audit_pow():
    bad = [(b, e, r) for (b, e, r) in sorted(POW_CALLS) if correctly_rounded_pow(b, e) != r]
    return len(POW_CALLS), bad


# --------------------------------------------------------------------------------------
# JSON output
# --------------------------------------------------------------------------------------

class Raw(str):
    """Text written verbatim into the JSON (already-formatted numbers)."""


def f32_list(values):
    return Raw("[" + ",".join(f32_text(v) for v in np.asarray(values, dtype=F32).reshape(-1)) + "]")


def f32_rows(rows):
    return [f32_list(r) for r in rows]


def json_value(v, indent, level):
    pad = " " * (indent * level)
    inner = " " * (indent * (level + 1))
    if isinstance(v, Raw):
        return str(v)
    if v is None or isinstance(v, (bool, int, str)):
        return json.dumps(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(v)
        s = repr(v)
        if float(s) != v:
            raise AssertionError(s)
        return s
    if isinstance(v, np.floating):
        return f32_text(v)
    if isinstance(v, (list, tuple)):
        if all(isinstance(x, (Raw, str, bool, int, float)) or x is None for x in v) and \
                not any(isinstance(x, Raw) for x in v):
            return "[" + ", ".join(json_value(x, indent, level + 1) for x in v) + "]"
        return "[\n" + ",\n".join(inner + json_value(x, indent, level + 1) for x in v) + \
            "\n" + pad + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        small = all(not isinstance(x, (dict, list, tuple)) or isinstance(x, Raw) or
                    (isinstance(x, (list, tuple)) and all(
                        isinstance(y, (int, float, bool, str)) for y in x))
                    for x in v.values())
        if small and sum(len(str(x)) for x in v.values()) < 160:
            return "{" + ", ".join(json.dumps(k) + ": " + json_value(x, indent, level + 1)
                                   for k, x in v.items()) + "}"
        return "{\n" + ",\n".join(inner + json.dumps(k) + ": " + json_value(x, indent, level + 1)
                                  for k, x in v.items()) + "\n" + pad + "}"
    raise TypeError(type(v))


def state_json(state):
    out = {}
    for k, v in state.items():
        if v is None or isinstance(v, int):
            out[k] = v
        elif np.ndim(v) == 0:
            out[k] = Raw(f32_text(v))
        else:
            out[k] = f32_list(v)
    return out


def run_json(run, problem, fixed, trajectory, final_state, resolved):
    quadratic = run["gradient"] == "quadratic"
    params = {}
    for n in PARAM_NAMES:
        params[n] = {"shape": list(SHAPES[n]), "init": f32_list(problem[n]["init"]),
                     "a": f32_list(problem[n]["a"]) if quadratic else None,
                     "c": f32_list(problem[n]["c"]) if quadratic else None}
    hyper = {k: list(v) if isinstance(v, tuple) else v for k, v in run["hyper"].items()}
    out = {
        "name": run["name"],
        "optimizer": run["optimizer"],
        "hyper": hyper,
        "groups": run["groups"],
        "resolved_groups": resolved,
        "gradient": run["gradient"],
        "params": params,
        "fixed_gradients": None if quadratic else {n: f32_rows(fixed[n]) for n in PARAM_NAMES},
        "steps": STEPS,
        "trajectory": {n: f32_rows(trajectory[n]) for n in PARAM_NAMES},
        "final_state": {n: state_json(final_state[n]) for n in PARAM_NAMES},
    }
    if run["optimizer"] == "NAdam":
        out["note"] = NADAM_NOTE
    return out


def check_file_round_trip(path, expected_runs):
    """Re-read the written file with numbers kept as text; every float32 must read back exactly."""
    with open(path) as fh:
        data = json.load(fh, parse_float=str, parse_int=str)
    count = 0
    for run, (traj, state) in zip(data, expected_runs):
        for n in PARAM_NAMES:
            for row_text, row in zip(run["trajectory"][n], traj[n]):
                for s, x in zip(row_text, row):
                    if not same_bits(nearest_f32(Fraction(s)), x):
                        raise AssertionError("%s: %s does not read back as %r" % (path, s, x))
                    count += 1
    return count


# --------------------------------------------------------------------------------------

def torch_provenance():
    try:
        deb = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        deb = "unknown"
    capability = [line.split(":", 1)[1].strip() for line in torch.__config__.show().splitlines()
                  if "CPU capability usage" in line]
    return deb, capability[0] if capability else "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="directory for the JSON files")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(0)
    deb, capability = torch_provenance()
    if capability != "NO AVX":
        sys.exit("ATen did not select its default kernels (CPU capability usage: %s)" % capability)
    print("torch %s (Debian python3-torch %s), numpy %s, ATen CPU capability: %s"
          % (torch.__version__, deb, np.__version__, capability))

    problem = make_problem()
    fixed = make_fixed_gradients(problem)
    os.makedirs(args.out, exist_ok=True)

    by_file = {}
    checked = 0
    for run in runs():
        trajectory, final_state, resolved = run_torch(run, problem, fixed)
        for n in PARAM_NAMES:
            if not all(np.all(np.isfinite(r)) for r in trajectory[n]):
                raise AssertionError("%s: non-finite values" % run["name"])
        # the float32 specification must agree with torch bit for bit
        e_traj, e_state = run_emulation(run, problem, fixed, resolved)
        for n in PARAM_NAMES:
            for t in range(STEPS):
                if not same_bits(trajectory[n][t], e_traj[n][t]):
                    raise AssertionError("%s: emulation differs from torch at step %d (%s):\n%r\n%r"
                                         % (run["name"], t + 1, n, trajectory[n][t], e_traj[n][t]))
                checked += trajectory[n][t].size
            if set(final_state[n]) != set(e_state[n]):
                raise AssertionError("%s: state keys %s vs %s" % (run["name"], sorted(final_state[n]),
                                                                   sorted(e_state[n])))
            for k in final_state[n]:
                if not same_bits(final_state[n][k], e_state[n][k]):
                    raise AssertionError("%s: state %s.%s differs" % (run["name"], n, k))
        if run["optimizer"] == "NAdam":  # the patch must matter, and only through mu_product_next
            buggy, _, _ = run_torch(run, problem, fixed, nadam_fixed=False)
            if same_bits(buggy["weight"][0], trajectory["weight"][0]):
                raise AssertionError("NAdam patch had no effect")
        if run["hyper"].get("amsgrad"):
            for n in PARAM_NAMES:
                s = final_state[n]
                if same_bits(s["max_exp_avg_sq"], s["exp_avg_sq"]):
                    print("  note: %s/%s: max_exp_avg_sq == exp_avg_sq at the end" % (run["name"], n))
        by_file.setdefault(run["file"], []).append(
            (run, run_json(run, problem, fixed, trajectory, final_state, resolved),
             (trajectory, final_state)))

    total = 0
    for file, items in by_file.items():
        path = os.path.join(args.out, file + ".json")
        text = "[\n" + ",\n".join("  " + json_value(j, 2, 1) for _, j, _ in items) + "\n]\n"
        with open(path, "w") as fh:
            fh.write(text)
        json.loads(text)  # well-formed
        n = check_file_round_trip(path, [e for _, _, e in items])
        size = os.path.getsize(path)
        total += size
        print("%-14s %3d runs %7d bytes  (%d trajectory floats re-read exactly)"
              % (file + ".json", len(items), size, n))
        for run, _, _ in items:
            print("    " + run["name"])
    calls, bad = audit_pow()
    print("total %d bytes; %d float32 values checked bit for bit against the numpy re-implementation"
          % (total, checked))
    print("pow audit: %d distinct libm pow calls, %d not correctly rounded %s"
          % (calls, len(bad), bad[:5]))


if __name__ == "__main__":
    main()
