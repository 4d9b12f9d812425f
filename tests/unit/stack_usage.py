#!/usr/bin/env python3
"""Worst-case stack depth from GCC's -fcallgraph-info=su files (make test-core).

stack_usage.py BUDGET ROOT [ROOT...] -- FILE.ci...

Prints one TAP line per root: the deepest call chain below it, summing each function's frame
(static sizes from the .ci files). Library functions without a frame size (memcpy, memset)
count 0 and are named in the line. The first root is held to BUDGET octets; a recursive or
dynamically sized frame on the way fails it, as does an indirect call.
"""
import re
import sys


def main():
    args = sys.argv[1:]
    sep = args.index("--")
    budget, roots, files = int(args[0]), args[1:sep], args[sep + 1:]
    frame, qual, calls = {}, {}, {}
    for path in files:
        with open(path) as f:
            for line in f:
                m = re.match(r'node: \{ title: "([^"]+)" label: "[^"]*\\n(\d+) bytes \(([^)]*)\)"', line)
                if m:
                    frame[m.group(1)] = int(m.group(2))
                    qual[m.group(1)] = m.group(3)
                    continue
                m = re.match(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"', line)
                if m:
                    calls.setdefault(m.group(1), set()).add(m.group(2))
    memo, unknown, problems = {}, set(), []

    def depth(fn, stack):
        if fn in stack:
            problems.append("recursion " + " -> ".join(stack[stack.index(fn):] + [fn]))
            return 0, [fn]
        if fn in memo:
            return memo[fn]
        if fn not in frame:
            if fn == "__indirect_call":
                problems.append("indirect call in " + stack[-1])
            else:
                unknown.add(fn)
        if qual.get(fn, "static") != "static":
            problems.append("%s frame is %s" % (fn, qual[fn]))
        best, chain = 0, []
        for callee in sorted(calls.get(fn, ())):
            d, c = depth(callee, stack + [fn])
            if d > best:
                best, chain = d, c
        memo[fn] = (frame.get(fn, 0) + best, [fn] + chain)
        return memo[fn]

    fail = 0
    for i, root in enumerate(roots):
        problems.clear()
        unknown.clear()
        if root not in frame:
            print("not ok - stack: %s not found in the call graph" % root)
            fail = 1
            continue
        d, chain = depth(root, [])
        extra = " (counted as 0: %s)" % ", ".join(sorted(unknown)) if unknown else ""
        names = [re.sub(r"^.*:", "", c) for c in chain]  # "path/pdu.c:decode_varbinds" (static)
        text = "%s needs %d octets of stack on Cortex-M3 -Os: %s%s" % (root, d, " > ".join(names), extra)
        if i == 0:
            ok = d <= budget and not problems
            print("%s - stack: %s <= %d%s" % ("ok" if ok else "not ok", text, budget,
                                              "; " + "; ".join(problems) if problems else ""))
            fail |= not ok
        else:
            print("# stack: %s%s" % (text, "; " + "; ".join(problems) if problems else ""))
    return fail


sys.exit(main())
