"""Temporary fidelity check for curators until `python -m generator check` exists."""
import sys, yaml
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.clean import read_source, clean_lines, span_text

def walk(recs):
    for r in recs or []:
        yield r
        yield from walk(r.get("children"))

for f in sys.argv[1:]:
    doc = yaml.load(open(f, encoding="utf-8"), Loader=yaml.BaseLoader)
    src = doc.get("source")
    if not src:
        continue
    lines = clean_lines(read_source(Path(f).parent.parent / "sources" / src["file"]))
    joins = frozenset(int(j) for j in src.get("joins", []))
    ids = set()
    for r in walk(doc.get("records")):
        if r["id"] in ids: print(f"{f}: duplicate id {r['id']}")
        ids.add(r["id"])
        a, b = (int(x) for x in r["lines"])
        seg = span_text(lines, a, b, joins)
        spans = [("title", r.get("title")), ("text", r.get("text"))]
        spans.append(("responsibility.raw", (r.get("responsibility") or {}).get("raw")))
        spans += [(f"targets.{t['id']}.span", t["span"]) for t in r.get("targets", [])]
        for name, s in spans:
            if s and s not in seg:
                print(f"{f}: record {r['id']} lines {a}-{b}: {name} not found verbatim: {s[:40]}")
    print(f"{f}: {len(ids)} records checked")
