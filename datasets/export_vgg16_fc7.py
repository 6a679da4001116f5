#!/usr/bin/env python3
"""Export torchvision's VGG16 cut at fc7 (4096-d) as TorchScript for lshbench.

The network runs features -> avgpool -> flatten -> classifier[:5], i.e. fc6, ReLU, Dropout,
fc7, ReLU (dropout is inert in eval mode). Input [N,3,224,224] ImageNet-normalised float;
output [N,4096] float32. Scripted, so any batch size works.

  --weights pretrained   torchvision's ImageNet weights (downloads ~528 MB; needs internet)
  --random-weights       seeded random initialisation, for offline tests ONLY: the embedding is
                         meaningless for retrieval and the file name should say so

Example (offline machine, Debian python3-torch):
  /usr/bin/python3 datasets/export_vgg16_fc7.py --random-weights \
      --out datasets/cache/vgg16_fc7_random_weights.pt
"""
import argparse
import sys

import torch
import torchvision


class Fc7(torch.nn.Module):
    def __init__(self, vgg):
        super().__init__()
        self.features = vgg.features
        self.avgpool = vgg.avgpool
        self.head = torch.nn.Sequential(*list(vgg.classifier.children())[:5])

    def forward(self, x):
        x = self.avgpool(self.features(x))
        return self.head(torch.flatten(x, 1))


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
        vgg = torchvision.models.vgg16(weights=None)
    else:
        vgg = torchvision.models.vgg16(weights=torchvision.models.VGG16_Weights.IMAGENET1K_V1)
    model = Fc7(vgg).eval()
    scripted = torch.jit.script(model)
    with torch.no_grad():
        out = scripted(torch.zeros(2, 3, 224, 224))
    assert tuple(out.shape) == (2, 4096), out.shape
    scripted.save(a.out)
    kind = "random weights (seed %d)" % a.seed if a.random_weights else "pretrained ImageNet"
    print("wrote %s: VGG16 fc7 4096-d, %s, torch %s" % (a.out, kind, torch.__version__),
          file=sys.stderr)


if __name__ == "__main__":
    main()
