#!/usr/bin/env python3
"""Writes the hand-made seeds of fuzz_pool_controlled into seeds/ (next to this script).

Encoding: harness/gen/pool_program_decode.h. Header: (threads - 1) | (ops - 1) << 2; one byte
per op, thread-major: kind code (0 acquire, 1 release, 2 write, 3 verify, 4 cycle) | slot << 3 |
value << 5; then schedule byte pairs (thread, budget - 1) for sched::BytesStrategy.
Usage: corpora/fuzz_pool_controlled/make_seeds.py
"""
import pathlib

KIND = {"acquire": 0, "release": 1, "write": 2, "verify": 3, "cycle": 4}


def op(kind, slot=0, value=0):
    return KIND[kind] | slot << 3 | value << 5


def encode(threads, schedule=b""):
    ops = len(threads[0])
    assert 1 <= len(threads) <= 4 and 1 <= ops <= 16 and all(len(t) == ops for t in threads)
    body = bytes(op(*o) for t in threads for o in t)
    return bytes([(len(threads) - 1) | (ops - 1) << 2]) + body + bytes(schedule)


SEEDS = {
    # one holder: use an object, give it back, take it again (reuse path, dirty check)
    "single-thread-reuse": encode([[("acquire", 0), ("write", 0, 1), ("verify", 0), ("release", 0),
                                    ("acquire", 1), ("verify", 1)]]),
    # two threads churning short-lived objects, one preemption early in T0
    "two-threads-cycle": encode([[("acquire", 0), ("release", 0), ("cycle", 0, 1), ("cycle", 0, 2)],
                                 [("cycle", 0, 3), ("acquire", 1), ("release", 1), ("cycle", 0, 4)]],
                                b"\x00\x03\x01\x08"),
    # two holders that keep objects across operations and swap them (acquire on a full slot)
    "two-threads-hold-swap": encode([[("acquire", 0), ("acquire", 1), ("write", 0, 2), ("write", 1, 3),
                                      ("acquire", 0), ("verify", 1)],
                                     [("acquire", 2), ("write", 2, 5), ("release", 2), ("acquire", 3),
                                      ("verify", 3), ("release", 3)]],
                                    b"\x01\x10\x00\x05"),
    # release then acquire racing on the free list (the shape of a double hand-out)
    "release-acquire-race": encode([[("acquire", 0), ("release", 0), ("acquire", 0)],
                                    [("acquire", 1), ("release", 1), ("acquire", 1)]],
                                   b"\x00\x02\x01\x06\x00\x01\x01\x20"),
    # four threads, two ops each, frequent switches
    "four-threads-churn": encode([[("cycle", 0, i), ("acquire", i % 4)] for i in range(4)],
                                 b"\x00\x01\x01\x02\x02\x03\x03\x04\x00\x05\x01\x06"),
    # acquires nothing: passes on every pool, canaries included. AFL++'s dry run refuses a corpus
    # in which every seed crashes, and any scenario that acquires fails on the dirty and pinning
    # canaries (the quiescent reuse probe), so this seed lets -i seeds/ start on every pool.
    "no-acquire": encode([[("verify", 0), ("release", 1)], [("write", 2, 1), ("release", 0)]]),
}

if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parent / "seeds"
    out.mkdir(exist_ok=True)
    for name, data in SEEDS.items():
        (out / name).write_bytes(data)
        print(f"{name}: {data.hex()}")
