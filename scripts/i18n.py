#!/usr/bin/env python3
"""The product's texts: one resource set per feature, KoproGo.Core/Features/<F>/Texts{,.nl,.en}.resx, and the shared
set KoproGo.Core/Resources/Texts{,.nl,.en}.resx for keys several features use (fr-BE is the neutral default). A key
lives in one set only.

  scripts/i18n.py check                       every key in the three files of its set, placeholders alike, no key in
                                              two sets, every key used by code or by a pattern (run by test.sh)
  scripts/i18n.py set KEY FR NL EN [--in F]   add or change one text; a new key goes to the set of the feature named
                                              by --in (Common for the shared set), else to the set whose keys share the
                                              longest prefix with it
  scripts/i18n.py import FILE.tsv [--in F]    add or change many (key<TAB>fr<TAB>nl<TAB>en per line)
"""
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "KoproGo.Core"
LANGS = {"fr": "Texts.resx", "nl": "Texts.nl.resx", "en": "Texts.en.resx"}


def sets():
    """Set name → its folder: Common (Resources) and every feature folder that has a Texts.resx."""
    found = {"Common": CORE / "Resources"}
    found.update({p.parent.name: p.parent for p in sorted((CORE / "Features").glob("*/Texts.resx"))})
    return found
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


def load_all():
    return {name: {lang: load(folder / f) for lang, f in LANGS.items()} for name, folder in sets().items()}


def home(key, texts, wanted):
    """The set a key belongs to: where it already is, else --in, else the set with the longest shared prefix."""
    for name, t in texts.items():
        if key in t["fr"]:
            return name
    if wanted:
        return wanted
    best, length = "Common", 0
    for name, t in texts.items():
        for other in t["fr"]:
            n = len(os.path.commonprefix([key, other]))
            if n > length:
                best, length = name, n
    return best


def upsert(rows, wanted=None):
    texts = load_all()
    folders = sets()
    if wanted and wanted not in folders:
        folders[wanted] = CORE / "Features" / wanted
        texts[wanted] = {lang: {} for lang in LANGS}
    touched = set()
    for key, fr, nl, en in rows:
        name = home(key, texts, wanted)
        texts[name]["fr"][key], texts[name]["nl"][key], texts[name]["en"][key] = fr, nl, en
        touched.add(name)
        print(f"i18n: {key} → {folders[name].relative_to(CORE.parent)}")
    for name in touched:
        for lang, f in LANGS.items():
            save(folders[name] / f, texts[name][lang])


def used_keys():
    """String literals in the app's code, the prefixes of keys it builds ("enum.Role." + role, "ui.x_" + y,
    $"ui.x.{y}"), and the keys it looks up by name (L["…"], Texts.Get("…"), an Error's code), which must exist."""
    literals, prefixes, looked_up = set(), set(), set()
    for folder in ("KoproGo.Core", "KoproGo.Web", "KoproGo.Data"):
        for path in (CORE.parent / folder).rglob("*"):
            if path.suffix not in (".cs", ".razor") or "/bin/" in str(path) or "/obj/" in str(path):
                continue
            code = path.read_text(encoding="utf-8")
            literals.update(re.findall(r'"([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)+)"', code))
            prefixes.update(re.findall(r'"([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)*\.)"', code))
            prefixes.update(re.findall(r'\$"([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)*[._])\{', code))
            prefixes.update(re.findall(r'"([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)*[._])"\s*\+', code))
            looked_up.update(re.findall(
                r'(?:\bL\[|Texts\.(?:Get|Find)\(|Error\.Of\(|new Error\()\s*"([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)+)"', code))
    return literals, prefixes, looked_up


def check():
    all_sets = load_all()
    problems, owner = [], {}
    for name, texts in all_sets.items():
        keys = set().union(*texts.values())
        for key in sorted(keys):
            if key in owner:
                problems.append(f"{key}: in two sets, {owner[key]} and {name}")
            owner[key] = name
            holes = {lang: sorted(set(re.findall(r"\{\d+[^}]*\}", t[key]))) if key in t else None for lang, t in texts.items()}
            if any(h is None for h in holes.values()):
                problems.append(f"{name}/{key}: missing in {[l for l, h in holes.items() if h is None]}")
            elif len({tuple(h) for h in holes.values()}) > 1:
                problems.append(f"{name}/{key}: placeholders differ {holes}")
    keys = set(owner)
    literals, prefixes, looked_up = used_keys()
    problems += [f"{key}: used nowhere (no literal, no prefix the code builds on)" for key in sorted(keys)
                 if key not in literals and not any(key.startswith(p) for p in prefixes)]
    # the other way round: a text the code asks for by name, or a prefix it builds keys on, must exist (a key lost
    # in a move shows as its raw name on the page)
    problems += [f"{key}: looked up by the code but in no set" for key in sorted(looked_up - keys)
                 if not key.endswith(("_", "."))]
    # (only prefixes in a namespace the texts use: "ck_{…}" or "loan.{…}" build other names)
    namespaces = {k.split(".")[0] for k in keys}
    problems += [f"{p}…: the code builds keys on it but no key starts with it" for p in sorted(prefixes)
                 if "." in p and p.split(".")[0] in namespaces and not any(k.startswith(p) for k in keys)]
    for p in problems:
        print("i18n:", p)
    print(f"i18n: {len(keys)} keys in {len(all_sets)} sets, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["check"]:
        sys.exit(check())
    wanted = None
    if "--in" in args:
        i = args.index("--in")
        wanted, args = args[i + 1], args[:i] + args[i + 2:]
    if args[:1] == ["set"] and len(args) == 5:
        upsert([tuple(args[1:])], wanted)
    elif args[:1] == ["import"] and len(args) == 2:
        rows = [l.rstrip("\n").split("\t") for l in open(args[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
        bad = [r for r in rows if len(r) != 4]
        if bad:
            sys.exit(f"i18n: lines without 4 columns: {bad[:3]}")
        upsert(rows, wanted)
    else:
        sys.exit(__doc__)
