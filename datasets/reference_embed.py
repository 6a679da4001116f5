#!/usr/bin/env python3
"""Reference embedding with torch, for checking lshbench's Java/DJL embedder.

Reads N preprocessed images as raw little-endian float32 [N,3,S,S] (written by the Java side,
so both sides see IDENTICAL input tensors), runs a TorchScript model, writes the output as raw
little-endian float32 [N,D] and prints D. Decoding and resizing are deliberately left out:
PIL's and DJL's resize differ slightly, so comparing from image files would test those, not
the model. Use the float model (mobilenet_v2_features_float.pt): the int8 one depends on the
quantized engine (x86 in libtorch 2.7 vs qnnpack in torch 1.13).

  /usr/bin/python3 datasets/reference_embed.py --model M.pt --input in.bin --count N \
      --size 224 --out out.bin
"""
import argparse

import numpy as np
import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--input", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--size", type=int, default=224)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    x = np.fromfile(a.input, dtype="<f4")
    expected = a.count * 3 * a.size * a.size
    if x.size != expected:
        raise SystemExit("input holds %d floats, expected %d" % (x.size, expected))
    x = torch.from_numpy(x.reshape(a.count, 3, a.size, a.size).copy())
    model = torch.jit.load(a.model, map_location="cpu").eval()
    with torch.no_grad():
        y = model(x).reshape(a.count, -1).to(torch.float32)
    y.numpy().astype("<f4").tofile(a.out)
    print(y.shape[1])


if __name__ == "__main__":
    main()
