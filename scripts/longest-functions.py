#!/usr/bin/env python3
"""Lists the longest Rust functions of the production code (tests left out), by a
brace-matching scan: a quick look at what wants splitting.

    python3 scripts/longest-functions.py [N]
"""
import os
import re
import sys

FN = re.compile(r"\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?fn\s+(\w+)")


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if m and not lines[i].rstrip().endswith(";"):
            depth, started, j = 0, False, i
            while j < len(lines):
                for ch in lines[j]:
                    if ch == "{":
                        depth, started = depth + 1, True
                    elif ch == "}":
                        depth -= 1
                if started and depth <= 0:
                    break
                j += 1
            yield j - i + 1, m.group(5)
            i = j + 1
        else:
            i += 1


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    found = []
    for top in ("crates", "frontend/src"):
        for folder, _, files in os.walk(os.path.join(root, top)):
            if "/tests" in folder or "/target" in folder:
                continue
            for name in files:
                if name.endswith(".rs") and name != "tests.rs":
                    path = os.path.join(folder, name)
                    rel = os.path.relpath(path, root)
                    found += [(n, rel, f) for n, f in functions(path)]
    for lines, path, name in sorted(found, reverse=True)[:count]:
        print(f"{lines:5} {path} {name}")


main()
