#!/usr/bin/env python3
"""Writes a small dataset in ann-benchmarks' HDF5 format, the way ann-benchmarks' own
write_output does (h5py, attributes type/distance/dimension/point_type; datasets train, test,
neighbors, distances), so lshbench's reader is tested against h5py's files, not only its own.

The points are seeded clusters (numpy's default_rng): Gaussian centres plus noise, so the
nearest neighbours are neither trivial nor random. Neighbours are exact, by brute force, in
the file's metric: angular = cosine distance 1 - cos, euclidean = plain L2.

    python3 datasets/make_ann_benchmarks_file.py --out datasets/cache/demo-100-angular.hdf5 \
        --n 20000 --queries 200 --dim 100 --neighbours 100 --distance angular

Needs numpy and h5py (Debian: apt-get install python3-numpy python3-h5py).
"""
import argparse

import h5py
import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=20000, help="train (base) points")
    ap.add_argument("--queries", type=int, default=200, help="test points")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--neighbours", type=int, default=100)
    ap.add_argument("--clusters", type=int, default=200)
    ap.add_argument("--noise", type=float, default=0.6)
    ap.add_argument("--distance", choices=["angular", "euclidean"], default="angular")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    rng = np.random.default_rng(a.seed)
    centres = rng.standard_normal((a.clusters, a.dim))
    total = a.n + a.queries
    points = centres[rng.integers(0, a.clusters, total)] + a.noise * rng.standard_normal((total, a.dim))
    points = points.astype(np.float32)
    train, test = points[: a.n], points[a.n :]

    if a.distance == "angular":
        tn = train / np.linalg.norm(train, axis=1, keepdims=True)
        qn = test / np.linalg.norm(test, axis=1, keepdims=True)
        dist = 1.0 - qn.astype(np.float64) @ tn.astype(np.float64).T
    else:
        t = train.astype(np.float64)
        q = test.astype(np.float64)
        sq = (q * q).sum(1)[:, None] + (t * t).sum(1)[None, :] - 2 * q @ t.T
        dist = np.sqrt(np.maximum(sq, 0))
    order = np.argsort(dist, axis=1, kind="stable")[:, : a.neighbours]
    distances = np.take_along_axis(dist, order, axis=1)

    with h5py.File(a.out, "w") as f:
        f.attrs["type"] = "dense"
        f.attrs["distance"] = a.distance
        f.attrs["dimension"] = a.dim
        f.attrs["point_type"] = "float"
        f.create_dataset("train", data=train)
        f.create_dataset("test", data=test)
        f.create_dataset("neighbors", data=order.astype(np.int32))
        f.create_dataset("distances", data=distances.astype(np.float32))
    print(f"{a.out}: train {train.shape}, test {test.shape}, neighbors {order.shape}, distance={a.distance}")


if __name__ == "__main__":
    main()
