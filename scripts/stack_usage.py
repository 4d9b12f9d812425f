#!/usr/bin/env python3
"""Worst-case stack depth of a function from GCC's -fcallgraph-info=su files (.ci).

Usage: stack_usage.py ROOT_FUNCTION FILE.ci...
Prints the deepest call chain below ROOT_FUNCTION and its total frame size. Functions without a
known frame (library calls such as memcpy, or Mbed TLS) count as 0 and are listed, so the figure
is "core stack plus those calls". Recursion or dynamic frames are reported as errors.
"""
import re
import sys

node_re = re.compile(r'node: \{ title: "([^"]+)" label: "[^"]*\\n(\d+) bytes \((\w+)\)')
ext_re = re.compile(r'node: \{ title: "([^"]+)" label: "[^"]*" shape : ellipse')
edge_re = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')


def main():
    root, files = sys.argv[1], sys.argv[2:]
    frame, kind, edges, external = {}, {}, {}, set()
    for path in files:
        text = open(path).read()
        for name, size, k in node_re.findall(text):
            frame[name] = int(size)
            kind[name] = k
        for name in ext_re.findall(text):
            external.add(name)
        for src, dst in edge_re.findall(text):
            edges.setdefault(src, set()).add(dst)
    bad = [n for n, k in kind.items() if k != "static"]
    memo = {}

    def depth(fn, stack):
        if fn in stack:
            raise SystemExit("recursion through %s" % fn)
        if fn in memo:
            return memo[fn]
        best, chain = 0, []
        for callee in sorted(edges.get(fn, ())):
            d, c = depth(callee, stack | {fn})
            if d > best:
                best, chain = d, c
        memo[fn] = (frame.get(fn, 0) + best, [fn] + chain)
        return memo[fn]

    if root not in frame:
        raise SystemExit("no frame for %s" % root)
    total, chain = depth(root, frozenset())
    unknown = sorted(n for n in external if n not in frame)
    print("%s: %d bytes worst case: %s" % (root, total, " -> ".join(
        "%s(%d)" % (f, frame.get(f, 0)) for f in chain)))
    if unknown:
        print("  not counted (library): %s" % ", ".join(unknown))
    if bad:
        print("  non-static frames: %s" % ", ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main()
