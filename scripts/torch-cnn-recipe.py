#!/usr/bin/python3
"""PyTorch on the recipe of examples/fashion-mnist-cnn.yaml, for BENCHMARKS.md's accuracy table.

The same network, data split sizes, augmentation, optimiser, schedule, batch size and epochs as
`./descent train --config examples/fashion-mnist-cnn.yaml`:

  Conv2d(1,32,3,p=1,bias=False)-BatchNorm2d-ReLU-MaxPool2d(2)
  -Conv2d(32,64,3,p=1,bias=False)-BatchNorm2d-ReLU-MaxPool2d(2)
  -Flatten-Linear(3136,128)-ReLU-Linear(128,10)

pixels scaled to [0, 1]; 10% of the training images held out for validation (a seeded random
split); each training batch augmented with a random crop (zero padding 2) and a horizontal
flip with probability 0.5 (torchvision's RandomCrop and RandomHorizontalFlip, written here on
tensors since Debian has no torchvision); SGD lr 0.05, momentum 0.9, the rate decaying
linearly per step to 0.0005 at the last step; batch 64; cross-entropy.

Prints one line per epoch and a final JSON line with the test accuracy and the training time
(seconds spent in the epochs, evaluation of the validation set included, as Descent reports).

Usage: /usr/bin/python3 scripts/torch-cnn-recipe.py [--data DIR] [--epochs 15] [--seed 0]
           [--threads 2] [--no-flip] [--no-augment]
  --data defaults to /usr/share/datasets/fashion-mnist; give ../shared/data/mnist with --no-flip
  for the MNIST recipe (examples/mnist-cnn.yaml).
"""
import argparse
import gzip
import json
import os
import time

ap = argparse.ArgumentParser()
ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
ap.add_argument("--epochs", type=int, default=15)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--batch", type=int, default=64)
ap.add_argument("--padding", type=int, default=2)
ap.add_argument("--no-flip", action="store_true")
ap.add_argument("--no-augment", action="store_true")
args = ap.parse_args()

os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def idx(name):
    with gzip.open(os.path.join(args.data, name), "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


train_x = torch.from_numpy(idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255).unsqueeze(1)
train_y = torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
test_x = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz").astype(np.float32) / 255).unsqueeze(1)
test_y = torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
generator = torch.Generator().manual_seed(args.seed)
order = torch.randperm(len(train_x), generator=generator)
held = len(train_x) // 10
val_x, val_y = train_x[order[:held]], train_y[order[:held]]
train_x, train_y = train_x[order[held:]], train_y[order[held:]]

model = nn.Sequential(
    nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
LR, FLOOR = 0.05, 0.0005
optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)
steps_per_epoch = (len(train_x) + args.batch - 1) // args.batch
total = steps_per_epoch * args.epochs
schedule = torch.optim.lr_scheduler.LambdaLR(
    optimizer, lambda step: (LR + (FLOOR - LR) * min(1.0, step / total)) / LR)


def augment(x):
    if args.no_augment:
        return x
    n, _, h, w = x.shape
    p = args.padding
    padded = F.pad(x, (p, p, p, p))
    dy = torch.randint(0, 2 * p + 1, (n,), generator=generator)
    dx = torch.randint(0, 2 * p + 1, (n,), generator=generator)
    rows = (dy.view(n, 1) + torch.arange(h).view(1, h)).view(n, 1, h, 1).expand(n, 1, h, w + 2 * p)
    cropped = padded.gather(2, rows)
    cols = (dx.view(n, 1) + torch.arange(w).view(1, w)).view(n, 1, 1, w).expand(n, 1, h, w)
    cropped = cropped.gather(3, cols)
    if not args.no_flip:
        flip = torch.rand(n, generator=generator) < 0.5
        cropped = torch.where(flip.view(n, 1, 1, 1), cropped.flip(3), cropped)
    return cropped


def accuracy(x, y):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), 1024):
            correct += (model(x[i:i + 1024]).argmax(1) == y[i:i + 1024]).sum().item()
    model.train()
    return correct / len(x)


seconds = 0.0
for epoch in range(1, args.epochs + 1):
    start = time.perf_counter()
    permutation = torch.randperm(len(train_x), generator=generator)
    total_loss = 0.0
    for i in range(0, len(train_x), args.batch):
        batch = permutation[i:i + args.batch]
        optimizer.zero_grad()
        loss = F.cross_entropy(model(augment(train_x[batch])), train_y[batch])
        loss.backward()
        optimizer.step()
        schedule.step()
        total_loss += loss.item() * len(batch)
    val = accuracy(val_x, val_y)
    seconds += time.perf_counter() - start
    print(f"epoch {epoch:2d}  train loss {total_loss / len(train_x):.4f}  val acc {100 * val:.2f}%  "
          f"{seconds:.1f} s", flush=True)
test = accuracy(test_x, test_y)
print(json.dumps({"tool": "pytorch", "version": torch.__version__, "data": args.data, "seed": args.seed,
                  "epochs": args.epochs, "threads": args.threads, "augment": not args.no_augment,
                  "flip": not args.no_flip and not args.no_augment, "test_accuracy": test,
                  "train_seconds": round(seconds, 1)}))
