#!/usr/bin/env python3
"""Merges hyperfine --export-json files: every command's times, in the order first seen.

    merge.py IN.json ... > OUT.json

The scripts run several short hyperfine rounds, each timing every command, so a load change on
a shared machine hits all commands alike instead of whichever happened to run then.
"""
import json, sys

merged = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        merged.setdefault(r["command"], []).extend(r["times"])
json.dump({"results": [{"command": c, "times": t} for c, t in merged.items()]}, sys.stdout)
