#!/usr/bin/env python3
"""GeomLoss's own timing of the issue-19 Sinkhorn workload, to record beside bench/ot-sinkhorn.mjs.

A benchmark only: nothing here runs in CI or in the test suite, and the library does not depend on
any Python package. Workload (the same as bench/ot-sinkhorn.mjs, same seeded points):

    SamplesLoss('sinkhorn', p=2, blur=0.05, scaling=0.5, debias=True, backend=...)(X, Y),
    then .backward() for the gradient w.r.t. X;
    X: N points uniform in the unit cube, Y: N points uniform in [0.3, 0.9]^3, D = 3, float32,
    drawn by bench/common.mjs's LCG (seed 42, X first, then Y), so the values must agree with ours.

Set-up on this machine (Debian 12; PyPI is not reachable, so no pip):

    apt-get install -y python3-torch python3-pybind11   # torch 1.13.1, numpy 1.24; pybind11 for pykeops
                                                        # (g++ and python3-dev: already installed)
    # GeomLoss and KeOps sources (fetch tool: github:jeanfeydy/geomloss, github:getkeops/keops), e.g.
    mkdir -p /tmp/geomloss-src /tmp/keops-src
    git --git-dir=/work/.mirror/jeanfeydy+geomloss/repo archive HEAD | tar -x -C /tmp/geomloss-src
    git --git-dir=/work/.mirror/getkeops+keops/repo archive HEAD | tar -x -C /tmp/keops-src
    export PYTHONPATH=/tmp/geomloss-src/src:/tmp/keops-src/keopscore:/tmp/keops-src/pykeops
    export KEOPS_CACHE_FOLDER=/tmp/keops-cache          # where pykeops compiles its kernels (g++)
    export OMP_NUM_THREADS=2                            # KeOps's CPU kernels use OpenMP

    /usr/bin/python3 bench/geomloss-reference.py --n 5000 --backend online
    /usr/bin/python3 bench/geomloss-reference.py --n 5000 --backend tensorized

Versions used for bench/RESULTS.md: GeomLoss v0.3.1 (00e493f, its `_legacy` SamplesLoss), KeOps
2.3 (0152630), Debian's torch 1.13.1, g++ 12.

Each run: a warm-up call on --warmup-n points (the first call: pykeops compiles its kernels then,
unless they are in the cache), timed and reported apart; then --repeat measured calls, each
"forward" (X.requires_grad, as in ours) then ".backward()". Per phase: wall time, CPU time of this
process (all its threads) and the cores that other processes took meanwhile (/proc/stat), since
the machine is shared. Writes one JSON line per measured call to --json when given.
"""
import argparse
import json
import os
import platform
import resource
import sys
import time

parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
parser.add_argument('--n', type=int, default=5000, help='N = M points (default 5000)')
parser.add_argument('--backend', default='online', choices=['online', 'tensorized'])
parser.add_argument('--threads', type=int, default=2, help='torch and OpenMP threads (default 2)')
parser.add_argument('--repeat', type=int, default=1, help='measured calls after the warm-up (default 1)')
parser.add_argument('--warmup-n', type=int, default=500, help='points of the warm-up call (default 500)')
parser.add_argument('--json', default=None, help='append one JSON line per measured call to this file')
args = parser.parse_args()

# Before torch or pykeops start their OpenMP runtimes.
os.environ.setdefault('OMP_NUM_THREADS', str(args.threads))

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(args.threads)

from geomloss import SamplesLoss  # noqa: E402


def lcg_clouds(n, seed=42):
    """X then Y as bench/ot-sinkhorn.mjs draws them: s <- 1664525 s + 1013904223 mod 2^32, s / 2^32."""
    s = seed
    u = np.empty(6 * n, dtype=np.float64)
    for k in range(6 * n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        u[k] = s / 4294967296.0
    x = u[: 3 * n].astype(np.float32).reshape(n, 3)  # Float32Array.from rounds to nearest
    y = (0.3 + 0.6 * u[3 * n:]).astype(np.float32).reshape(n, 3)
    return torch.from_numpy(x), torch.from_numpy(y)


def busy_seconds():
    """CPU seconds all processes spent busy since boot (/proc/stat, without idle and iowait)."""
    with open('/proc/stat') as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf('SC_CLK_TCK')


def children_seconds():
    """CPU seconds of this process's finished child processes (the g++ runs that pykeops starts)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Window:
    """Wall time, this process's CPU time, and the cores other processes kept busy meanwhile."""

    def __init__(self):
        self.wall, self.cpu, self.busy = time.perf_counter(), time.process_time(), busy_seconds()
        self.children = children_seconds()

    def stop(self):
        wall = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        children = children_seconds() - self.children
        foreign = max(0.0, busy_seconds() - self.busy - cpu - children)
        return {'wall': wall, 'cpu': cpu, 'childrenCpu': children, 'foreignCores': foreign / wall if wall > 0 else 0.0}


def call(x, y):
    """One forward (with X.requires_grad) and one backward; times of both."""
    loss = SamplesLoss('sinkhorn', p=2, blur=0.05, scaling=0.5, debias=True, backend=args.backend)
    x = x.clone().requires_grad_(True)
    w = Window()
    value = loss(x, y)
    v = value.item()  # waits for the value
    forward = w.stop()
    w2 = Window()
    value.backward()
    g = x.grad
    backward = w2.stop()
    total = w.stop()
    return v, g, forward, backward, total


def fmt(t):
    children = f" + {t['childrenCpu']:.2f} s CPU in child processes (g++)" if t['childrenCpu'] > 0.005 else ''
    return f"{t['wall']:.2f} s wall, {t['cpu']:.2f} s CPU{children}, others {t['foreignCores']:.2f} cores"


print(f"geomloss-reference: SamplesLoss('sinkhorn', p=2, blur=0.05, scaling=0.5, debias=True, "
      f"backend='{args.backend}'), N = M = {args.n}, D = 3, float32, {args.threads} threads")
print(f"  {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, python {platform.python_version()}, "
      f"torch {torch.__version__}, numpy {np.__version__}, "
      f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}, torch threads {torch.get_num_threads()}")
print(f"  load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")

# 'tensorized' holds dense N x M matrices: about 32 bytes per pair at its peak (1.0 GiB measured at
# N = M = 5000, 0.25 GiB of it torch itself), 12 GiB at 2*10^4. The machine is shared and has no swap: refuse when the memory is
# not there, and volunteer this process to the OOM killer before anyone else's.
if args.backend == 'tensorized':
    need = 32 * args.n * args.n + (1 << 30)
    with open('/proc/meminfo') as f:
        available = next(int(l.split()[1]) * 1024 for l in f if l.startswith('MemAvailable:'))
    print(f"  tensorized: needs about {need / 2**30:.1f} GiB, {available / 2**30:.1f} GiB available")
    if available < 1.2 * need:
        print('  not run: not enough free memory on this shared machine')
        sys.exit(3)
    try:
        with open('/proc/self/oom_score_adj', 'w') as f:
            f.write('1000')
    except OSError:
        pass

xw, yw = lcg_clouds(args.warmup_n)
_, _, f0, b0, t0 = call(xw, yw)
print(f"  first call (warm-up, N = {args.warmup_n}; pykeops compiles here unless cached): {fmt(t0)}")

x, y = lcg_clouds(args.n)
for r in range(args.repeat):
    v, g, forward, backward, total = call(x, y)
    grad_norm = float(g.double().norm())
    finite = bool(torch.isfinite(g).all())
    print(f"  run {r + 1}: value {v:.7g}, |grad| {grad_norm:.4e}{'' if finite else ' (NOT FINITE)'}")
    print(f"    forward  {fmt(forward)}")
    print(f"    backward {fmt(backward)}")
    print(f"    total    {fmt(total)}")
    if args.json:
        with open(args.json, 'a') as f:
            f.write(json.dumps({
                'side': f'geomloss-{args.backend}', 'N': args.n, 'threads': args.threads, 'value': v,
                'gradNorm': grad_norm, 'finite': finite, 'forward': forward, 'backward': backward,
                'total': total, 'firstCall': t0, 'warmupN': args.warmup_n,
                'peakRssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
                'torch': torch.__version__, 'loadavg': os.getloadavg(),
            }) + '\n')
print(f"  peak resident memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
sys.stdout.flush()
