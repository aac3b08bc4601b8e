#!/usr/bin/env python3
"""Prints medians and ratios from one hyperfine --export-json run.

    report.py RESULTS.json [GOAL ...]

The first command is node-reconfig; every other command is shown as its median and as
"other / node-reconfig". A GOAL is NAME:OP:VALUE checked against the ratio of the command whose
name starts with NAME, e.g.  sed:le-ours:2  (ours <= 2 x sed)  or  ansible:ge:30 (ansible >= 30 x ours).
"""
import json, statistics, sys

results = json.load(open(sys.argv[1]))["results"]
ours = results[0]
ours_median = statistics.median(ours["times"])
print(f"  {'command':<16} {'median ms':>10} {'runs':>5} {'x node-reconfig':>16}")
for r in results:
    m = statistics.median(r["times"])
    print(f"  {r['command']:<16} {m * 1000:>10.2f} {len(r['times']):>5} {m / ours_median:>16.2f}")
failed = 0
for goal in sys.argv[2:]:
    name, op, value = goal.split(":")
    other = next(r for r in results if r["command"].startswith(name))
    ratio = statistics.median(other["times"]) / ours_median
    if op == "le-ours":  # node-reconfig takes at most VALUE x the other's time
        met = 1 / ratio <= float(value)
        text = f"node-reconfig / {name} = {1 / ratio:.2f} (goal <= {value})"
    else:  # the other takes at least VALUE x node-reconfig's time
        met = ratio >= float(value)
        text = f"{name} / node-reconfig = {ratio:.1f} (goal >= {value})"
    print(f"  goal {'MET    ' if met else 'NOT MET'} {text}")
    failed += not met
sys.exit(0)
