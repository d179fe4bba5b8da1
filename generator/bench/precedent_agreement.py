"""Do a record's 相似条款 and the drafting desk agree?  docs/closeness.md §9's figures.

The build lists each record's precedents by the closeness specification, over candidates its
shingle finder proposes (``analysis/precedents.py``); the desk ranks a text against the search
index by the same specification, over candidates from the index's postings
(``analysis/closeness.rank``, the Python twin of the desk).  For every record, its text is
ranked as the desk would rank it, with the record's own document filtered out (a panel lists
other documents only), and the two lists are compared pair by pair:

    .venv/bin/python -m generator.bench.precedent_agreement
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.analysis import closeness, precedents
from generator.bench import draft_eval
from generator.content.model import Corpus


@dataclass
class Agreement:
    records: int = 0            # records compared (every record the finder looks at)
    panels: int = 0             # … of which list precedents on their page
    panel_pairs: int = 0        # pairs the panels list
    desk_lists: int = 0         # … that the desk lists too
    same: int = 0               # … with the same 相近度 (to 10⁻⁹)
    same_shown: int = 0         # … with the same whole percentage shown
    desk_pairs: int = 0         # pairs the desk lists for the same records
    desk_only: int = 0          # … that no panel lists
    desk_only_records: int = 0  # records whose panel is empty but the desk lists something
    differing: list[tuple[str, str, float, float]] = field(default_factory=list)  # (record, other, panel, desk)


def agreement(corpus: Corpus) -> Agreement:
    spec, indexed = draft_eval.spec_index(corpus)
    uids = [draft_eval.uid_of(r.url) for r in indexed]
    docs = [r.doc for r in indexed]
    panels = precedents.precedents(corpus)
    out = Agreement()
    for item in precedents.items_of(corpus):
        mine = corpus.records[item.uid]
        ranked = closeness.rank(precedents.record_text(mine), spec, allowed=partial(_elsewhere, docs, mine.doc_id))
        desk = {uids[h.n]: h.coverage for h in ranked.hits}
        panel = {m.uid: m.coverage for m in panels.get(item.uid, [])}
        out.records += 1
        out.panels += bool(panel)
        out.panel_pairs += len(panel)
        out.desk_pairs += len(desk)
        out.desk_only += len(desk.keys() - panel.keys())
        out.desk_only_records += bool(desk) and not panel
        for other, coverage in panel.items():
            if other in desk:
                out.desk_lists += 1
                out.same += abs(desk[other] - coverage) <= 1e-9
                out.same_shown += closeness.percent(desk[other]) == closeness.percent(coverage)
                if abs(desk[other] - coverage) > 1e-9:
                    out.differing.append((item.uid, other, coverage, desk[other]))
    return out


def _elsewhere(docs: list[str], doc: str, n: int) -> bool:
    return docs[n] != doc


def report(a: Agreement) -> str:
    lines = [f"records {a.records}, with a 相似条款 panel {a.panels}; panel pairs {a.panel_pairs}",
             f"panel pairs the desk also lists: {a.desk_lists}; same 相近度 {a.same} "
             f"(same whole percentage {a.same_shown})",
             f"pairs the desk lists for these records: {a.desk_pairs}, of which on no panel {a.desk_only}; "
             f"records with no panel where the desk lists some: {a.desk_only_records}"]
    lines += [f"  differs: {mine} → {other}: panel {p:.4f}, desk {d:.4f}" for mine, other, p, d in a.differing]
    return "\n".join(lines)


def main() -> None:
    from generator.content.load import Paths
    from generator.content.validate import check, errors

    corpus, problems = check(Paths.at(Path(__file__).resolve().parents[2]))
    if errors(problems):
        raise SystemExit("the bundled corpus has errors: run `crosswalk check`")
    print(report(agreement(corpus)))


if __name__ == "__main__":
    main()
