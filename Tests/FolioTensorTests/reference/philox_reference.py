"""Independent Philox4x32-10 in Python, and the first values of Folio's distributions for seed 42.

Used by RandomTests to pin `rand`/`randint`/`randn` across machines. The block function is checked
against the Random123 known-answer vectors before anything is printed.
"""
import math

M0, M1, W0, W1 = 0xD2511F53, 0xCD9E8D57, 0x9E3779B9, 0xBB67AE85
MASK = 0xFFFFFFFF


def philox(ctr, key):
    c0, c1, c2, c3 = ctr
    k0, k1 = key
    for r in range(10):
        if r:
            k0, k1 = (k0 + W0) & MASK, (k1 + W1) & MASK
        p0, p1 = M0 * c0, M1 * c2
        c0, c1, c2, c3 = (p1 >> 32) ^ c1 ^ k0, p1 & MASK, (p0 >> 32) ^ c3 ^ k1, p0 & MASK
    return c0, c1, c2, c3


assert philox((0, 0, 0, 0), (0, 0)) == (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)
assert philox((MASK,) * 4, (MASK, MASK)) == (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)


def words(seed, count):
    key = (seed & MASK, seed >> 32)
    out = []
    block = 0
    while len(out) < count:
        out.extend(philox((block & MASK, block >> 32, 0, 0), key))
        block += 1
    return out[:count]


seed = 42
w = words(seed, 8)
print("rand f32:", [(x >> 8) * 2.0**-24 for x in w[:4]])
w = words(seed, 8)
print("rand f64:", [((w[2*i] >> 5) * 67108864 + (w[2*i+1] >> 6)) * 2.0**-53 for i in range(4)])
w = words(seed, 8)
print("randint(-5, 7):", [-5 + ((w[2*i] << 32 | w[2*i+1]) * 12 >> 64) for i in range(4)])
w = words(seed, 8)
u = [((w[2*i] >> 5) * 67108864 + (w[2*i+1] >> 6)) * 2.0**-53 for i in range(4)]
out = []
for i in range(2):
    r = math.sqrt(-2 * math.log(1 - u[2*i]))
    a = 2 * math.pi * u[2*i+1]
    out += [r * math.cos(a), r * math.sin(a)]
print("randn f64:", out)
