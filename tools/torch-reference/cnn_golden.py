#!/usr/bin/python3
"""Golden files made with PyTorch for Descent's convolutional layers.

Default mode writes, under descent-core/src/test/resources/dev/descent/cnn/:

* ops.safetensors + ops.json: forward outputs and every gradient of conv2d over a grid of
  shapes, strides, paddings, dilations and groups (depthwise included), of max/avg/global
  pooling (ties included), of layer norm, and of BatchNorm1d/2d over three training steps and
  one evaluation step, with the running statistics after each step. ops.json lists the cases
  and their settings; the tensors are named "<case>.<what>".
* torch-cnn.safetensors + torch-cnn.json: the state_dict of a small ResNet-style
  torch.nn.Sequential (convolutions, batch norm, residual blocks, channel dropout, pooling,
  layer norm, linear layers) after a few SGD steps in training mode, saved as torch saves it
  (num_batches_tracked as int64), with a fixed input batch and the model's logits in eval mode.

--check FILE --out JSON: loads FILE (the same architecture saved by Descent) into the torch
model with load_state_dict(strict=True) and writes its eval-mode logits on the input stored in
FILE (tensor "input") to JSON.

Run from the repository root with Debian's torch:

    /usr/bin/python3 tools/torch-reference/cnn_golden.py
"""
import os

os.environ.setdefault("ATEN_CPU_CAPABILITY", "default")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_golden import load_file, save_file  # noqa: E402

OUT = "descent-core/src/test/resources/dev/descent/cnn"

# name, N, C_in, H, W, C_out, kernel (h, w), stride, padding, dilation, groups, bias
CONV_CASES = [
    ("conv-fmnist", 2, 1, 8, 8, 4, (3, 3), (1, 1), (1, 1), (1, 1), 1, True),
    ("conv-stride2", 2, 3, 9, 7, 5, (3, 3), (2, 2), (1, 1), (1, 1), 1, True),
    ("conv-rect", 1, 2, 6, 9, 3, (2, 4), (1, 2), (0, 1), (1, 1), 1, False),
    ("conv-dilated", 2, 2, 9, 9, 4, (3, 3), (1, 1), (2, 2), (2, 2), 1, True),
    ("conv-groups", 2, 4, 7, 7, 6, (3, 3), (1, 1), (1, 1), (1, 1), 2, True),
    ("conv-depthwise", 2, 4, 6, 6, 4, (3, 3), (2, 1), (1, 1), (1, 1), 4, True),
    ("conv-depthwise-multiplier", 1, 3, 5, 6, 6, (3, 2), (1, 1), (1, 0), (1, 2), 3, False),
    ("conv-pointwise", 3, 5, 4, 4, 7, (1, 1), (1, 1), (0, 0), (1, 1), 1, True),
    ("conv-big-pad", 1, 2, 4, 5, 3, (3, 3), (3, 2), (2, 2), (1, 1), 1, True),
]

# name, kind, N, C, H, W, kernel, stride, padding, tied (values on a coarse grid, so windows tie)
POOL_CASES = [
    ("maxpool-2", "max", 2, 3, 8, 8, (2, 2), (2, 2), (0, 0), False),
    ("maxpool-overlap-pad", "max", 2, 2, 7, 6, (3, 3), (2, 2), (1, 1), False),
    ("maxpool-ties", "max", 2, 2, 6, 6, (3, 3), (1, 1), (1, 1), True),
    ("maxpool-rect", "max", 1, 3, 5, 9, (2, 3), (1, 2), (1, 0), True),
    ("avgpool-2", "avg", 2, 3, 8, 8, (2, 2), (2, 2), (0, 0), False),
    ("avgpool-pad", "avg", 2, 2, 7, 6, (3, 3), (2, 2), (1, 1), False),
    ("global-avgpool", "global", 2, 3, 5, 4, None, None, None, False),
]


def pair(values):
    return list(values) if values is not None else None


def conv_cases(tensors, cases):
    for name, n, cin, h, w, cout, k, s, p, d, g, bias in CONV_CASES:
        x = torch.randn(n, cin, h, w, requires_grad=True)
        weight = (torch.randn(cout, cin // g, *k) * 0.5).requires_grad_()
        b = (torch.randn(cout) * 0.5).requires_grad_() if bias else None
        y = F.conv2d(x, weight, b, s, p, d, g)
        grad = torch.randn_like(y)
        y.backward(grad)
        tensors.update({f"{name}.x": x.detach(), f"{name}.weight": weight.detach(), f"{name}.y": y.detach(),
                        f"{name}.g": grad, f"{name}.dx": x.grad, f"{name}.dweight": weight.grad})
        if bias:
            tensors.update({f"{name}.bias": b.detach(), f"{name}.dbias": b.grad})
        cases.append({"name": name, "op": "conv2d", "stride": pair(s), "padding": pair(p), "dilation": pair(d),
                      "groups": g, "bias": bias})


def pool_cases(tensors, cases):
    for name, kind, n, c, h, w, k, s, p, tied in POOL_CASES:
        x = torch.randn(n, c, h, w)
        if tied:
            x = torch.round(x * 2) / 2  # steps of 0.5: many windows hold their maximum twice
        x.requires_grad_()
        if kind == "max":
            y = F.max_pool2d(x, k, s, p)
        elif kind == "avg":
            y = F.avg_pool2d(x, k, s, p)  # count_include_pad=True, the default
        else:
            y = F.adaptive_avg_pool2d(x, 1)
        grad = torch.randn_like(y)
        y.backward(grad)
        tensors.update({f"{name}.x": x.detach(), f"{name}.y": y.detach(), f"{name}.g": grad, f"{name}.dx": x.grad})
        cases.append({"name": name, "op": kind + "_pool2d", "kernel": pair(k), "stride": pair(s),
                      "padding": pair(p)})


def layer_norm_cases(tensors, cases):
    for name, shape, normalized in [("layernorm-last", (3, 7), (7,)), ("layernorm-chw", (2, 3, 4, 5), (3, 4, 5))]:
        x = (torch.randn(*shape) * 2 + 1).requires_grad_()
        weight = (torch.randn(*normalized) * 0.5 + 1).requires_grad_()
        bias = (torch.randn(*normalized) * 0.5).requires_grad_()
        y = F.layer_norm(x, normalized, weight, bias, 1e-5)
        grad = torch.randn_like(y)
        y.backward(grad)
        tensors.update({f"{name}.x": x.detach(), f"{name}.weight": weight.detach(), f"{name}.bias": bias.detach(),
                        f"{name}.y": y.detach(), f"{name}.g": grad, f"{name}.dx": x.grad,
                        f"{name}.dweight": weight.grad, f"{name}.dbias": bias.grad})
        cases.append({"name": name, "op": "layer_norm", "normalized_shape": list(normalized), "eps": 1e-5})


def batch_norm_cases(tensors, cases):
    """Three training steps on different batches, then one evaluation step, of one module."""
    for name, module, shape in [("batchnorm2d", nn.BatchNorm2d(3, eps=1e-5, momentum=0.1), (4, 3, 5, 5)),
                                ("batchnorm1d", nn.BatchNorm1d(5, eps=1e-3, momentum=0.3), (6, 5)),
                                ("batchnorm1d-seq", nn.BatchNorm1d(2), (3, 2, 4))]:
        with torch.no_grad():
            module.weight.copy_(torch.randn_like(module.weight) * 0.5 + 1)
            module.bias.copy_(torch.randn_like(module.bias) * 0.5)
        tensors[f"{name}.weight"] = module.weight.detach().clone()
        tensors[f"{name}.bias"] = module.bias.detach().clone()
        steps = []
        for step, training in enumerate([True, True, True, False]):
            module.train(training)
            module.zero_grad()
            x = (torch.randn(*shape) * (1 + step) + step - 1).requires_grad_()
            y = module(x)
            grad = torch.randn_like(y)
            y.backward(grad)
            prefix = f"{name}.step{step}"
            tensors.update({f"{prefix}.x": x.detach(), f"{prefix}.y": y.detach(), f"{prefix}.g": grad,
                            f"{prefix}.dx": x.grad, f"{prefix}.dweight": module.weight.grad.clone(),
                            f"{prefix}.dbias": module.bias.grad.clone(),
                            f"{prefix}.running_mean": module.running_mean.clone(),
                            f"{prefix}.running_var": module.running_var.clone()})
            steps.append({"training": training, "num_batches_tracked": int(module.num_batches_tracked)})
        cases.append({"name": name, "op": "batch_norm", "eps": module.eps, "momentum": module.momentum,
                      "steps": steps})


class Residual(nn.Module):
    """Descent's Residual: branch(x) + shortcut(x), the shortcut being the identity when absent."""

    def __init__(self, branch, shortcut=None):
        super().__init__()
        self.branch = branch
        if shortcut is not None:
            self.shortcut = shortcut

    def forward(self, x):
        return self.branch(x) + (self.shortcut(x) if hasattr(self, "shortcut") else x)


def small_resnet():
    """The architecture of CnnParityTest.SPEC in Descent, layer for layer."""
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1, bias=False),                                        # 0
        nn.BatchNorm2d(8),                                                                 # 1
        nn.ReLU(),                                                                         # 2
        Residual(nn.Sequential(nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
                               nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8))),  # 3
        nn.ReLU(),                                                                         # 4
        Residual(nn.Sequential(nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
                               nn.Conv2d(16, 16, 3, padding=1, groups=4)),
                 nn.Sequential(nn.Conv2d(8, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))),  # 5
        nn.ReLU(),                                                                         # 6
        nn.Dropout2d(0.1),                                                                 # 7
        nn.MaxPool2d(2),                                                                   # 8
        nn.LayerNorm([16, 3, 3]),                                                          # 9
        nn.AvgPool2d(3, stride=1, padding=1),                                              # 10
        nn.AdaptiveAvgPool2d(1),                                                           # 11
        nn.Flatten(),                                                                      # 12
        nn.Linear(16, 12),                                                                 # 13
        nn.BatchNorm1d(12),                                                                # 14
        nn.ReLU(),                                                                         # 15
        nn.Linear(12, 3),                                                                  # 16
    )


def logits(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)


def torch_model():
    torch.manual_seed(7)
    model = small_resnet()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for _ in range(5):  # training mode: the running statistics move and the weights change
        x = torch.randn(8, 1, 12, 12)
        y = torch.randint(0, 3, (8,))
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()
    x = torch.randn(4, 1, 12, 12)
    out = logits(model, x)
    state = model.state_dict()
    assert state["1.num_batches_tracked"].dtype == torch.int64 and int(state["1.num_batches_tracked"]) == 5
    save_file(dict(state), f"{OUT}/torch-cnn.safetensors", {"format": "pt"})
    write_json(f"{OUT}/torch-cnn.json", {
        "description": "small_resnet() in tools/torch-reference/cnn_golden.py after torch.manual_seed(7) and 5 SGD"
                       " steps in training mode; logits in eval mode on the input",
        "torch_version": torch.__version__,
        "keys": list(state.keys()),
        "input_shape": list(x.shape), "input": x.flatten().tolist(),
        "logits_shape": list(out.shape), "logits": out.flatten().tolist()})
    again, _ = load_file(f"{OUT}/torch-cnn.safetensors")
    check_model = small_resnet()
    check_model.load_state_dict(again)
    assert torch.equal(logits(check_model, x), out)
    print(f"wrote {OUT}/torch-cnn.safetensors ({len(state)} tensors) and torch-cnn.json")


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=1)
        f.write("\n")


def check(path, out):
    state, metadata = load_file(path)
    x = state.pop("input")
    model = small_resnet()
    result = model.load_state_dict(state)  # strict: raises on missing, unexpected or mis-shaped keys
    print(f"{path}: metadata {metadata}")
    print(f"load_state_dict(strict=True): {result}")
    out_logits = logits(model, x)
    write_json(out, {
        "description": f"PyTorch's eval-mode logits for {os.path.basename(path)} (written by Descent) loaded into"
                       " small_resnet() with load_state_dict(strict=True), on the file's tensor 'input'",
        "torch_version": torch.__version__,
        "logits_shape": list(out_logits.shape), "logits": out_logits.flatten().tolist()})
    print(f"wrote {out}: logits {out_logits.tolist()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", metavar="FILE", help="load FILE (saved by Descent) into small_resnet()")
    parser.add_argument("--out", metavar="JSON", help="with --check: where to write the logits")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.check:
        if not args.out:
            parser.error("--check needs --out")
        check(args.check, args.out)
        return 0
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(20261206)
    tensors, cases = {}, []
    conv_cases(tensors, cases)
    pool_cases(tensors, cases)
    layer_norm_cases(tensors, cases)
    batch_norm_cases(tensors, cases)
    tensors = {k: v.detach().contiguous().float() for k, v in tensors.items()}
    save_file(tensors, f"{OUT}/ops.safetensors")
    write_json(f"{OUT}/ops.json", {"torch_version": torch.__version__, "cases": cases})
    print(f"wrote {OUT}/ops.safetensors ({len(tensors)} tensors, {len(cases)} cases) and ops.json")
    torch_model()
    return 0


if __name__ == "__main__":
    sys.exit(main())
