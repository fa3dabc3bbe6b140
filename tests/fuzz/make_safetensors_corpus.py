#!/usr/bin/env python3
"""Regenerates the safetensors fuzzer's seed corpus: small valid files and near-misses."""
import json
import pathlib
import struct

out = pathlib.Path(__file__).resolve().parent / "corpus" / "safetensors"
out.mkdir(parents=True, exist_ok=True)


def write(name, header, data):
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    (out / name).write_bytes(struct.pack("<Q", len(text)) + text + data)


write("single.safetensors", {"a": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}, bytes(16))
write("metadata.safetensors", {"__metadata__": {"format": "pt"},
                               "w": {"dtype": "BF16", "shape": [3], "data_offsets": [0, 6]},
                               "b": {"dtype": "I64", "shape": [], "data_offsets": [6, 14]}}, bytes(14))
header, offset = {}, 0
for i, (dtype, size) in enumerate([("F32", 4), ("F16", 2), ("F64", 8), ("I32", 4), ("U8", 1), ("BOOL", 1)]):
    header[f"t{i}"] = {"dtype": dtype, "shape": [2], "data_offsets": [offset, offset + 2 * size]}
    offset += 2 * size
write("every_dtype.safetensors", header, bytes(offset))
write("empty_tensor.safetensors", {"e": {"dtype": "F32", "shape": [0, 5], "data_offsets": [0, 0]}}, b"")
write("gap.safetensors", {"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, bytes(8))
