#!/usr/bin/env python3
"""The product's texts live in KoproGo.Core/Resources/Texts{,.nl,.en}.resx (fr-BE is the neutral default).

  scripts/i18n.py check                 every key present in the three files, placeholders alike (run by test.sh)
  scripts/i18n.py set KEY FR NL EN      add or change one text in the three files
  scripts/i18n.py import FILE.tsv       add or change many (key<TAB>fr<TAB>nl<TAB>en per line)
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "KoproGo.Core" / "Resources"
FILES = {"fr": ROOT / "Texts.resx", "nl": ROOT / "Texts.nl.resx", "en": ROOT / "Texts.en.resx"}
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    if not path.exists():
        return {}
    return {d.get("name"): (d.findtext("value") or "") for d in ET.parse(path).getroot().findall("data")}


def save(path, texts):
    path.parent.mkdir(parents=True, exist_ok=True)
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(v)}</value></data>\n' for k, v in sorted(texts.items()))
    path.write_text(HEADER + body + "</root>\n", encoding="utf-8")


def upsert(rows):
    all_texts = {lang: load(p) for lang, p in FILES.items()}
    for key, fr, nl, en in rows:
        all_texts["fr"][key], all_texts["nl"][key], all_texts["en"][key] = fr, nl, en
    for lang, p in FILES.items():
        save(p, all_texts[lang])


def check():
    texts = {lang: load(p) for lang, p in FILES.items()}
    keys = set().union(*texts.values())
    problems = []
    for key in sorted(keys):
        holes = {lang: sorted(set(re.findall(r"\{\d+[^}]*\}", t[key]))) if key in t else None for lang, t in texts.items()}
        if any(h is None for h in holes.values()):
            problems.append(f"{key}: missing in {[l for l, h in holes.items() if h is None]}")
        elif len({tuple(h) for h in holes.values()}) > 1:
            problems.append(f"{key}: placeholders differ {holes}")
    for p in problems:
        print("i18n:", p)
    print(f"i18n: {len(keys)} keys, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["check"]:
        sys.exit(check())
    if args[:1] == ["set"] and len(args) == 5:
        upsert([tuple(args[1:])])
    elif args[:1] == ["import"] and len(args) == 2:
        rows = [l.rstrip("\n").split("\t") for l in open(args[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
        bad = [r for r in rows if len(r) != 4]
        if bad:
            sys.exit(f"i18n: lines without 4 columns: {bad[:3]}")
        upsert(rows)
    else:
        sys.exit(__doc__)
