"""Converts scikit-learn's digits.csv.gz into Sources/FolioNN/Data/digits.u8.

The source is the UCI "Optical Recognition of Handwritten Digits" test set (1,797 images,
CC BY 4.0) as shipped in the scikit-learn wheel:

    pip download --no-deps scikit-learn==1.5.2 -d /tmp/skl
    unzip /tmp/skl/scikit_learn-1.5.2-*.whl 'sklearn/datasets/data/digits.csv.gz' -d /tmp/skl/x
    python3 make_digits.py /tmp/skl/x/sklearn/datasets/data/digits.csv.gz ../../../Sources/FolioNN/Data/digits.u8

Output: 1,797 records of 65 unsigned bytes, 64 pixels (row-major 8x8, values 0..16) then the
label (0..9). Foundation on Linux has no zlib API, so the library ships this uncompressed
binary (117 kB) rather than the gzip (57 kB) or the CSV (265 kB).
"""
import gzip
import hashlib
import sys

source, target = sys.argv[1], sys.argv[2]
rows = [line.strip().split(",") for line in gzip.open(source, "rt") if line.strip()]
assert len(rows) == 1797 and all(len(row) == 65 for row in rows)
payload = bytes(int(float(value)) for row in rows for value in row)
assert max(payload) <= 16
open(target, "wb").write(payload)
print(len(payload), hashlib.sha256(payload).hexdigest())
