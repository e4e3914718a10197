#!/usr/bin/python3
"""Golden safetensors files for Descent's dev.descent.io tests, made with PyTorch.

Default mode: builds torch.nn.Sequential(Linear(4, 3), ReLU(), Linear(3, 2)) after
torch.manual_seed(0), saves its state_dict as

    descent-core/src/test/resources/dev/descent/io/torch-mlp-4-3-2.safetensors

and writes the weights, a fixed input batch and the model's output on it to
torch-mlp-4-3-2.json beside it. It also writes torch-dtypes.safetensors, one tensor each of
F64, F32, BF16 and F16, with their values as float32 in torch-dtypes.json.

--check FILE: loads FILE (e.g. one written by Descent) into the same architecture with the
strict load_state_dict and prints the output on the fixed batch; --out JSON also writes it.

Debian 12 has no python3-safetensors package (and only Debian's packages may be installed
here), so save_file and load_file below implement the format by hand with struct and json,
following the specification of github.com/huggingface/safetensors: an unsigned 64-bit
little-endian header length N, N bytes of UTF-8 JSON padded with spaces to a multiple of 8,
then the little-endian tensor bytes packed in the order of their offsets. save_file lays the
tensors out as the reference writer does (descending dtype alignment, then name), with
compact JSON and the metadata first. load_file checks every rule of the format.

Run from the repository root with Debian's torch:  /usr/bin/python3 tools/torch-reference/safetensors_golden.py
"""
import os

# Same reason as optimizers.py: torch's AVX2 kernels contract multiply-adds into FMAs, which
# plain Java float arithmetic does not do; the default kernels round each operation.
os.environ.setdefault("ATEN_CPU_CAPABILITY", "default")

import argparse  # noqa: E402
import json  # noqa: E402
import struct  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

RESOURCES = "descent-core/src/test/resources/dev/descent/io"

# The reference implementation's Dtype enum, in increasing alignment: the writer sorts by
# this order descending, then by name.
DTYPE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16",
               "I32", "U32", "F32", "F64", "I64", "U64"]
# torch dtype -> (safetensors name, little-endian numpy type of the stored bytes). numpy has
# no bfloat16: its 16 bits are moved as int16 and reinterpreted with Tensor.view.
TORCH_TO_SAFETENSORS = {
    torch.float32: ("F32", "<f4"),
    torch.float64: ("F64", "<f8"),
    torch.float16: ("F16", "<f2"),
    torch.bfloat16: ("BF16", "<i2"),
    torch.int32: ("I32", "<i4"),
    torch.int64: ("I64", "<i8"),
}
SAFETENSORS_TO_NUMPY = {name: (np.dtype(code), torch_dtype)
                        for torch_dtype, (name, code) in TORCH_TO_SAFETENSORS.items()}


def tensor_bytes(tensor):
    _, code = TORCH_TO_SAFETENSORS[tensor.dtype]
    tensor = tensor.detach().cpu().contiguous()
    if tensor.dtype == torch.bfloat16:
        tensor = tensor.view(torch.int16)
    return tensor.numpy().astype(code).tobytes()


def tensor_from_bytes(data, dtype_name, shape):
    numpy_dtype, torch_dtype = SAFETENSORS_TO_NUMPY[dtype_name]
    array = np.frombuffer(data, dtype=numpy_dtype).astype(numpy_dtype.newbyteorder("=")).reshape(shape)
    tensor = torch.from_numpy(array)
    return tensor.view(torch.bfloat16) if torch_dtype == torch.bfloat16 else tensor

# A fixed batch of 5 rows; the values are exact in binary and give negative pre-activations,
# so the ReLU matters.
INPUT = [
    [-1.0, 2.0, -1.5, -1.0],
    [-1.0, 1.0, 0.5, 2.0],
    [-2.0, 3.0, -1.0, 0.5],
    [0.5, -1.0, 2.0, 0.25],
    [0.0, 0.0, 0.0, 0.0],
]

def save_file(tensors, path, metadata=None):
    """Writes tensors (name -> torch.Tensor) as safetensors, replacing path atomically."""
    items = sorted(tensors.items(),
                   key=lambda kv: (-DTYPE_ORDER.index(TORCH_TO_SAFETENSORS[kv[1].dtype][0]),
                                   kv[0].encode("utf-8")))
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name, tensor in items:
        dtype_name, _ = TORCH_TO_SAFETENSORS[tensor.dtype]
        blob = tensor_bytes(tensor)
        header[name] = {"dtype": dtype_name, "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    temporary = path + ".tmp"
    with open(temporary, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def load_file(path):
    """Reads a safetensors file into (name -> torch.Tensor, metadata), checking the format."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: {len(data)} bytes, shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", data[:8])
    if n > 100_000_000 or 8 + n > len(data):
        raise ValueError(f"{path}: header length {n} does not fit the file of {len(data)} bytes")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"{path}: duplicate names in the header")
        return dict(pairs)

    header = json.loads(data[8:8 + n].decode("utf-8"), object_pairs_hook=no_duplicates)
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()), metadata
    buffer = data[8 + n:]
    expected = 0
    tensors = {}
    for name, info in sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"])):
        begin, end = info["data_offsets"]
        numpy_dtype, _ = SAFETENSORS_TO_NUMPY[info["dtype"]]
        count = int(np.prod(info["shape"], dtype=np.int64))
        if begin != expected or end - begin != count * numpy_dtype.itemsize or end > len(buffer):
            raise ValueError(f"{path}: tensor {name!r} has offsets {info['data_offsets']}, expected"
                             f" [{expected}, {expected + count * numpy_dtype.itemsize}] within {len(buffer)}")
        tensors[name] = tensor_from_bytes(buffer[begin:end], info["dtype"], info["shape"])
        expected = end
    if expected != len(buffer):
        raise ValueError(f"{path}: {len(buffer) - expected} bytes of trailing data")
    return tensors, metadata


def mlp():
    return torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))


def exact(value):
    """A float32 as the shortest decimal of its exact double value: reads back exactly."""
    return float(np.float32(value))


def floats(tensor):
    return [exact(v) for v in tensor.detach().reshape(-1).tolist()]


def rows(tensor):
    return [[exact(v) for v in row] for row in tensor.detach().tolist()]


def forward(model):
    with torch.no_grad():
        return model(torch.tensor(INPUT, dtype=torch.float32))


def golden():
    torch.manual_seed(0)
    model = mlp().eval()
    state = model.state_dict()
    path = os.path.join(RESOURCES, "torch-mlp-4-3-2.safetensors")
    metadata = {"format": "pt", "producer": "tools/torch-reference/safetensors_golden.py",
                "torch": torch.__version__}
    save_file(state, path, metadata)
    output = forward(model)

    # Checks: the file reads back bit for bit, and loads strictly into a fresh model.
    loaded, loaded_metadata = load_file(path)
    assert loaded_metadata == metadata, loaded_metadata
    assert list(loaded) == sorted(state), list(loaded)
    for name, tensor in state.items():
        assert torch.equal(loaded[name], tensor), name
    fresh = mlp().eval()
    fresh.load_state_dict(loaded)
    assert torch.equal(forward(fresh), output)
    hidden = torch.relu(torch.nn.functional.linear(torch.tensor(INPUT), state["0.weight"], state["0.bias"]))
    zeros = int((hidden == 0).sum())
    assert 0 < zeros < hidden.numel(), "the ReLU should clip some but not all hidden values"

    record = {
        "description": "torch.nn.Sequential(Linear(4, 3), ReLU(), Linear(3, 2)) after torch.manual_seed(0);"
                       " its state_dict is torch-mlp-4-3-2.safetensors; output = model(input), float32",
        "torch_version": torch.__version__,
        "metadata": metadata,
        "state_dict": {name: {"shape": list(t.shape), "values": floats(t)} for name, t in state.items()},
        "input": INPUT,
        "output": rows(output),
    }
    json_path = os.path.join(RESOURCES, "torch-mlp-4-3-2.json")
    with open(json_path, "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes) and {json_path}")
    print(f"torch {torch.__version__}; {zeros} of {hidden.numel()} hidden values clipped by the ReLU")
    print("output:", rows(output))
    print("checks passed: read back bit for bit, strict load_state_dict, same output")


def dtypes():
    """One tensor per floating-point type Descent reads, with awkward values for each."""
    tensors = {
        "f64": torch.tensor([[1.0, -2.0, 1.0 / 3.0], [1e-50, 1e300, 0.1]], dtype=torch.float64),
        "f32": torch.tensor([0.1, -7.25], dtype=torch.float32),
        # largest normal, smallest subnormal, largest subnormal, smallest normal, -0, inf, nan
        "f16": torch.tensor([65504.0, 2.0 ** -24, 2.0 ** -14 - 2.0 ** -24, 2.0 ** -14, -0.0, float("inf"),
                             float("nan"), 1.0 / 3.0], dtype=torch.float16),
        "bf16": torch.tensor([[1.0, -2.5], [3.1415927, 1e-40], [3e38, float("-inf")]], dtype=torch.bfloat16),
    }
    path = os.path.join(RESOURCES, "torch-dtypes.safetensors")
    save_file(tensors, path, {"producer": "tools/torch-reference/safetensors_golden.py"})
    loaded, _ = load_file(path)
    assert list(loaded) == ["f64", "f32", "bf16", "f16"], list(loaded)  # descending alignment, then name
    for name, tensor in tensors.items():
        assert loaded[name].dtype == tensor.dtype and loaded[name].shape == tensor.shape, name
        same = (loaded[name] == tensor) | (torch.isnan(loaded[name]) & torch.isnan(tensor))
        assert bool(same.all()), name

    def as_float32(tensor):
        # NaN and the infinities as strings: JSON has no numbers for them.
        values = []
        for v in tensor.float().reshape(-1).tolist():
            values.append("NaN" if v != v else "Infinity" if v == float("inf") else "-Infinity"
                          if v == float("-inf") else exact(v))
        return values

    record = {
        "description": "torch-dtypes.safetensors: each tensor as torch's .float() gives it (float32)",
        "torch_version": torch.__version__,
        "tensors": {name: {"dtype": TORCH_TO_SAFETENSORS[t.dtype][0], "shape": list(t.shape),
                           "float32": as_float32(t)} for name, t in tensors.items()},
    }
    json_path = os.path.join(RESOURCES, "torch-dtypes.json")
    with open(json_path, "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes) and {json_path}; read back equal")


def check(path, out):
    state, metadata = load_file(path)
    model = mlp().eval()
    result = model.load_state_dict(state)  # strict: raises on missing, unexpected or mis-shaped keys
    print(f"{path}: metadata {metadata}")
    for name, tensor in state.items():
        print(f"  {name} {tensor.dtype} {list(tensor.shape)}")
    print(f"load_state_dict(strict=True): {result}")
    output = forward(model)
    print("output on the fixed input:", rows(output))
    if out:
        record = {
            "description": f"PyTorch's output for the weights in {os.path.basename(path)} loaded into"
                           " torch.nn.Sequential(Linear(4, 3), ReLU(), Linear(3, 2)) with load_state_dict",
            "torch_version": torch.__version__,
            "metadata": metadata,
            "input": INPUT,
            "output": rows(output),
        }
        with open(out, "w") as f:
            json.dump(record, f, indent=1)
            f.write("\n")
        print(f"wrote {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", metavar="FILE", help="load FILE into the MLP and print its output")
    parser.add_argument("--out", metavar="JSON", help="with --check: also write the output to JSON")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.check:
        check(args.check, args.out)
    else:
        if args.out:
            parser.error("--out needs --check")
        golden()
        dtypes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
