#!/usr/bin/env python3
"""Export torchvision's MobileNetV2 as a 1280-d feature extractor (TorchScript) for lshbench.

The network runs features -> global average pool -> flatten: the 1280-d vector before the
classifier. Input [N,3,224,224] ImageNet-normalised float; output [N,1280] float32. Scripted,
so any batch size works. This is the float model; lshbench's offline default is the int8
quantized twin of the same pretrained weights (see "Models" in datasets/README.md).

  --weights pretrained   torchvision's ImageNet weights (downloads ~14 MB; needs internet)
  --random-weights       seeded random initialisation, for offline tests ONLY

Example:
  python3 datasets/export_mobilenet_v2_features.py --weights pretrained \
      --out datasets/cache/mobilenet_v2_features_float.pt
"""
import argparse
import sys

import torch
import torchvision


class Features(torch.nn.Module):
    def __init__(self, net):
        super().__init__()
        self.features = net.features

    def forward(self, x):
        x = self.features(x)
        return torch.flatten(torch.nn.functional.adaptive_avg_pool2d(x, 1), 1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--weights", choices=["pretrained"], help="torchvision ImageNet weights")
    g.add_argument("--random-weights", action="store_true", help="seeded random weights")
    p.add_argument("--seed", type=int, default=0, help="seed for --random-weights")
    p.add_argument("--out", required=True, help="where to write the TorchScript file")
    a = p.parse_args()
    if a.random_weights:
        torch.manual_seed(a.seed)
        net = torchvision.models.mobilenet_v2(weights=None)
    else:
        net = torchvision.models.mobilenet_v2(
            weights=torchvision.models.MobileNet_V2_Weights.IMAGENET1K_V1)
    scripted = torch.jit.script(Features(net).eval())
    with torch.no_grad():
        out = scripted(torch.zeros(2, 3, 224, 224))
    assert tuple(out.shape) == (2, 1280), out.shape
    scripted.save(a.out)
    kind = "random weights (seed %d)" % a.seed if a.random_weights else "pretrained ImageNet"
    print("wrote %s: MobileNetV2 features 1280-d, %s, torch %s" % (a.out, kind, torch.__version__),
          file=sys.stderr)


if __name__ == "__main__":
    main()
