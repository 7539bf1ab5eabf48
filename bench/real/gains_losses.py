#!/usr/bin/env python3
"""The report of bench/real/gains_losses.sh: what NEW finds that OLD does not, and the reverse.

Usage: gains_losses.py WORK_DIR OLD_LABEL NEW_LABEL   (reads old.jsonl, new.jsonl,
old.check.json, new.check.json in WORK_DIR; writes Markdown on stdout)

Mentions are compared as (file, page, entity, written form) with their counts, so a mention
that moved by a few bytes (a repaired hyphen) is neither gained nor lost. Findings are compared
as (kind, severity, file, written form, suggestion).
"""
import collections
import json
import os
import sys

MAX_LISTED = 400  # per section; the counts are always complete


def load_mentions(path):
    """Counts per (path, page, entity, surface), and each occurrence's (start, sentence)."""
    counts = collections.Counter()
    where = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        j = json.loads(line)
        if "error" in j:
            continue
        key = (j["path"], j["page"], j["entity"], j["surface"])
        counts[key] += 1
        where[key].append((j.get("start", 0), j["sentence"]))
    return counts, where


def changed_sentences(mine, theirs):
    """The sentence of each key's occurrences at an offset the other side does not have (the
    mention that was really gained or lost), not merely the first one of its key."""
    out = {}
    for key, occurrences in mine.items():
        other = {start for start, _ in theirs.get(key, [])}
        for start, sentence in occurrences:
            if start not in other:
                out[key] = sentence
                break
        else:
            if occurrences:
                out[key] = occurrences[0][1]
    return out


def load_findings(path):
    counts = collections.Counter()
    example = {}
    try:
        data = json.load(open(path, encoding="utf-8"))
    except (OSError, ValueError):
        return counts, example
    for f in data.get("findings", []):
        key = (f["kind"], f["severity"], f["path"], f.get("written") or "",
               f.get("suggestion") or "")
        counts[key] += 1
        example.setdefault(key, f.get("message") or f.get("sentence") or "")
    return counts, example


def kind_of(entity):
    if "/" in entity or entity.startswith("ILO-"):
        return "symbol"
    if entity.startswith("discovered:"):
        return "discovered"
    return "entity"


def short(path):
    marker = "/corpora/"
    return path.split(marker, 1)[1] if marker in path else path


def main():
    work, old_label, new_label = sys.argv[1:4]
    old, old_sent = load_mentions(os.path.join(work, "old.jsonl"))
    new, new_sent = load_mentions(os.path.join(work, "new.jsonl"))
    gained = new - old
    lost = old - new
    fo, fo_ex = load_findings(os.path.join(work, "old.check.json"))
    fn, fn_ex = load_findings(os.path.join(work, "new.check.json"))
    fgained = fn - fo
    flost = fo - fn

    print(f"# Gains and losses: {old_label} -> {new_label}\n")
    print("| | old | new | gained | lost |")
    print("|---|---:|---:|---:|---:|")
    for kind in ("symbol", "entity", "discovered"):
        o = sum(c for k, c in old.items() if kind_of(k[2]) == kind)
        n = sum(c for k, c in new.items() if kind_of(k[2]) == kind)
        g = sum(c for k, c in gained.items() if kind_of(k[2]) == kind)
        l = sum(c for k, c in lost.items() if kind_of(k[2]) == kind)
        print(f"| {kind} mentions | {o} | {n} | {g} | {l} |")
    for sev in ("error", "warning", "info"):
        o = sum(c for k, c in fo.items() if k[1] == sev)
        n = sum(c for k, c in fn.items() if k[1] == sev)
        g = sum(c for k, c in fgained.items() if k[1] == sev)
        l = sum(c for k, c in flost.items() if k[1] == sev)
        print(f"| check {sev} findings (ungdc) | {o} | {n} | {g} | {l} |")
    print()
    by_entity = collections.Counter()
    for k, c in gained.items():
        by_entity[("gained", k[2])] += c
    for k, c in lost.items():
        by_entity[("lost", k[2])] += c
    print("Most changed entities: " + ", ".join(
        f"{e} {'+' if d == 'gained' else '-'}{c}" for (d, e), c in by_entity.most_common(25)))
    print()

    def section(title, items, sentences):
        print(f"## {title} ({sum(items.values())})\n")
        for n, (k, c) in enumerate(sorted(items.items())):
            if n >= MAX_LISTED:
                print(f"- … {len(items) - MAX_LISTED} more")
                break
            path, page, entity, surface = k
            where = f"{short(path)}" + (f" p.{page}" if page else "")
            times = f" ×{c}" if c > 1 else ""
            print(f"- `{entity}` [{surface}]{times} — {where}: {sentences.get(k, '')}")
        print()

    section("Mentions gained", gained, changed_sentences(new_sent, old_sent))
    section("Mentions lost", lost, changed_sentences(old_sent, new_sent))

    def fsection(title, items, examples):
        print(f"## {title} ({sum(items.values())})\n")
        for n, (k, c) in enumerate(sorted(items.items(), key=lambda kv: (kv[0][1], kv[0]))):
            if n >= MAX_LISTED:
                print(f"- … {len(items) - MAX_LISTED} more")
                break
            kind, sev, path, written, suggestion = k
            sug = f" → {suggestion}" if suggestion else ""
            print(f"- {sev} {kind} [{written}]{sug} — {short(path)}: {examples.get(k, '')}")
        print()

    fsection("Findings gained", fgained, fn_ex)
    fsection("Findings lost", flost, fo_ex)
    return 0


if __name__ == "__main__":
    sys.exit(main())
