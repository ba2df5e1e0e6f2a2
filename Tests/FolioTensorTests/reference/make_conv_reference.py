"""Reference values for ConvolutionTests: direct-loop NumPy implementations of PyTorch's
conv{1,2,3}d, conv_transpose{2,3}d, max/avg/adaptive pooling, interpolate (align_corners=False)
and grid_sample (bilinear, zeros, align_corners=False), written from PyTorch's documented
formulas, independent of Folio's im2col + GEMM.

Run `python3 make_conv_reference.py > ../ConvolutionReference.swift`.
"""
import itertools
import math
import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n) + k).reshape(shape)


def emit(name, values):
    flat = np.asarray(values, dtype=np.float64).ravel()
    body = ", ".join(repr(float(v)) for v in flat)
    print(f"    static let {name}: [Double] = [{body}]")


def conv(x, w, stride, padding, dilation, groups):
    n, cin = x.shape[:2]
    cout, cpg = w.shape[:2]
    ks = w.shape[2:]
    d = len(ks)
    xp = np.pad(x, [(0, 0), (0, 0)] + [(p, p) for p in padding])
    out_sz = [(x.shape[2 + i] + 2 * padding[i] - dilation[i] * (ks[i] - 1) - 1) // stride[i] + 1 for i in range(d)]
    out = np.zeros((n, cout, *out_sz))
    opg = cout // groups
    for b, o in itertools.product(range(n), range(cout)):
        g = o // opg
        for pos in itertools.product(*[range(s) for s in out_sz]):
            acc = 0.0
            for c in range(cpg):
                for kk in itertools.product(*[range(k) for k in ks]):
                    idx = tuple(pos[i] * stride[i] + kk[i] * dilation[i] for i in range(d))
                    acc += xp[(b, g * cpg + c) + idx] * w[(o, c) + kk]
            out[(b, o) + pos] = acc
    return out


def conv_transpose(x, w, stride, padding, output_padding, dilation, groups):
    n, cin = x.shape[:2]
    cpg_out = w.shape[1]
    ks = w.shape[2:]
    d = len(ks)
    ipg = cin // groups
    cout = cpg_out * groups
    full = [(x.shape[2 + i] - 1) * stride[i] + dilation[i] * (ks[i] - 1) + 1 + output_padding[i] for i in range(d)]
    out = np.zeros((n, cout, *full))
    for b, c in itertools.product(range(n), range(cin)):
        g = c // ipg
        for pos in itertools.product(*[range(s) for s in x.shape[2:]]):
            for oc in range(cpg_out):
                for kk in itertools.product(*[range(k) for k in ks]):
                    idx = tuple(pos[i] * stride[i] + kk[i] * dilation[i] for i in range(d))
                    out[(b, g * cpg_out + oc) + idx] += x[(b, c) + pos] * w[(c, oc) + kk]
    crop = tuple(slice(padding[i], full[i] - padding[i]) for i in range(d))
    return out[(slice(None), slice(None)) + crop]


def pool(x, ks, stride, padding, reducer, fill):
    d = len(ks)
    xp = np.pad(x, [(0, 0), (0, 0)] + [(p, p) for p in padding], constant_values=fill)
    mask = np.pad(np.ones(x.shape[2:]), [(p, p) for p in padding])
    out_sz = [(x.shape[2 + i] + 2 * padding[i] - ks[i]) // stride[i] + 1 for i in range(d)]
    out = np.zeros(x.shape[:2] + tuple(out_sz))
    for pos in itertools.product(*[range(s) for s in out_sz]):
        window = tuple(slice(pos[i] * stride[i], pos[i] * stride[i] + ks[i]) for i in range(d))
        out[(Ellipsis,) + pos] = reducer(xp[(Ellipsis,) + window], mask[window])
    return out


def adaptive_avg(x, out_sz):
    d = len(out_sz)
    out = np.zeros(x.shape[:2] + tuple(out_sz))
    for pos in itertools.product(*[range(s) for s in out_sz]):
        window = []
        for i in range(d):
            n = x.shape[2 + i]
            window.append(slice((pos[i] * n) // out_sz[i], -((-(pos[i] + 1) * n) // out_sz[i])))
        out[(Ellipsis,) + pos] = x[(Ellipsis,) + tuple(window)].mean(axis=tuple(range(2, 2 + d)))
    return out


def cubic1(x, a=-0.75):
    return ((a + 2) * x - (a + 3)) * x * x + 1


def cubic2(x, a=-0.75):
    return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a


def resample_axis(x, axis, out, mode):
    n = x.shape[axis]
    scale = n / out
    moved = np.moveaxis(x, axis, -1)
    res = np.zeros(moved.shape[:-1] + (out,))
    for j in range(out):
        if mode == "nearest":
            res[..., j] = moved[..., min(int(math.floor(j * scale)), n - 1)]
            continue
        src = (j + 0.5) * scale - 0.5
        if mode == "linear":
            src = max(src, 0.0)
            i0 = min(int(math.floor(src)), n - 1)
            i1 = min(i0 + 1, n - 1)
            lam = src - i0
            res[..., j] = (1 - lam) * moved[..., i0] + lam * moved[..., i1]
        else:
            i = math.floor(src)
            t = src - i
            ws = [cubic2(t + 1), cubic1(t), cubic1(1 - t), cubic2(2 - t)]
            for k, wgt in enumerate(ws):
                res[..., j] += wgt * moved[..., min(max(i - 1 + k, 0), n - 1)]
    return np.moveaxis(res, -1, axis)


def interpolate(x, size, mode):
    for i, s in enumerate(size):
        x = resample_axis(x, 2 + i, s, mode)
    return x


def grid_sample(x, grid):
    n, c, h, w = x.shape
    _, ho, wo, _ = grid.shape
    out = np.zeros((n, c, ho, wo))
    for b, i, j in itertools.product(range(n), range(ho), range(wo)):
        gx, gy = grid[b, i, j]
        ix = ((gx + 1) * w - 1) / 2
        iy = ((gy + 1) * h - 1) / 2
        x0, y0 = math.floor(ix), math.floor(iy)
        for dy, dx in itertools.product((0, 1), (0, 1)):
            xx, yy = x0 + dx, y0 + dy
            wgt = (ix - x0 if dx else 1 - (ix - x0)) * (iy - y0 if dy else 1 - (iy - y0))
            if 0 <= xx < w and 0 <= yy < h:
                out[b, :, i, j] += wgt * x[b, :, yy, xx]
    return out


print("// Generated by reference/make_conv_reference.py (NumPy loops); regenerate rather than edit.")
print("enum ConvolutionReference {")
emit("conv1d", conv(det((2, 4, 9), 0), det((6, 2, 3), 1), [2], [1], [2], 2))
emit("conv2d", conv(det((2, 3, 7, 6), 0), det((4, 3, 3, 2), 1), [2, 1], [1, 0], [1, 2], 1))
emit("conv2dDepthwise", conv(det((1, 3, 5, 5), 2), det((6, 1, 3, 3), 3), [1, 1], [1, 1], [1, 1], 3))
emit("conv3d", conv(det((1, 2, 4, 5, 4), 0), det((3, 2, 2, 3, 2), 1), [1, 2, 1], [1, 0, 1], [1, 1, 1], 1))
emit("convTranspose2d", conv_transpose(det((2, 4, 3, 4), 0), det((4, 3, 3, 2), 1), [2, 1], [1, 0], [1, 0], [1, 2], 2))
emit("convTranspose3d", conv_transpose(det((1, 2, 2, 3, 2), 0), det((2, 2, 2, 2, 3), 1), [2, 1, 2], [0, 1, 1], [1, 0, 0], [1, 1, 1], 1))
px = det((2, 3, 7, 8), 0.5)
emit("maxPool2d", pool(px, [3, 2], [2, 2], [1, 1], lambda win, m: win.max(axis=(2, 3)), -np.inf))
emit("avgPool2dInclude", pool(px, [3, 3], [2, 3], [1, 1], lambda win, m: win.sum(axis=(2, 3)) / 9, 0))
emit("avgPool2dExclude", pool(px, [3, 3], [2, 3], [1, 1], lambda win, m: win.sum(axis=(2, 3)) / m.sum(), 0))
emit("maxPool1d", pool(det((1, 2, 10), 1), [3], [2], [0], lambda win, m: win.max(axis=2), -np.inf))
emit("avgPool3d", pool(det((1, 1, 4, 4, 4), 2), [2, 2, 2], [2, 2, 2], [0, 0, 0], lambda win, m: win.mean(axis=(2, 3, 4)), 0))
emit("adaptiveAvg2d", adaptive_avg(det((1, 2, 7, 5), 0), [3, 4]))
ix = det((1, 2, 4, 5), 0.3)
emit("nearestUp", interpolate(ix, [7, 3], "nearest"))
emit("bilinearUp", interpolate(ix, [7, 8], "linear"))
emit("bilinearDown", interpolate(det((1, 1, 9, 7), 1), [4, 3], "linear"))
emit("bicubicUp", interpolate(ix, [6, 9], "cubic"))
emit("linear1d", interpolate(det((2, 1, 5), 0), [8], "linear"))
grid = 1.3 * det((1, 3, 4, 2), 2.5)
emit("gridSample", grid_sample(ix, grid))
print("}")
