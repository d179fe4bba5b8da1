"""The numbers the drafting desk compares (数字对照): how a draft's quantity is read as one of
the comparable indicators (``crosswalk/indicators.yaml``), and each indicator's targets from the
corpus, normalised to its unit, for the page's script (``search/quantities.js``).

A quantity in a draft is a number and a measure (``MEASURES``); the words before it in its
clause tell which indicator it is (``CUES``: a cue and the factor that turns the draft's
figure into the indicator's unit, as the indicator's observations do for the documents').
An indicator without cues is never read from a draft.
"""

from __future__ import annotations

from generator.analysis.observations import observations
from generator.content.model import Corpus

# Indicator id → (measure the draft writes, [(cue before the number, factor)]).  The order is
# the order of trial: the first indicator whose measure and a cue match takes the number.
CUES: dict[str, tuple[str, list[tuple[str, float]]]] = {
    "facility-area-per-100-households": ("平方米", [("百户", 1), ("每户", 100), ("户均", 100)]),
    "facility-area-per-community": ("平方米", [("社区", 1)]),
    "rc-formation-occupancy": ("%", [("入住", 1)]),
    "certified-social-worker-share": ("%", [("持证", 1), ("证书", 1)]),
    "funding-per-urban-resident": ("元", [("每人每年", 1), ("人均每年", 1), ("每年每人", 1)]),
    "worker-pay-monthly": ("元", [("每月", 1), ("月", 1)]),
    "graduates-per-community": ("名", [("大学生", 1)]),
    "life-circle-minutes": ("分钟", [("生活圈", 1)]),
}
# Longest first, so a measure is read before a shorter one it contains; ties by name, so every build
# writes the same page (a set iterates in a different order each run).
MEASURES = sorted({measure for measure, _ in CUES.values()}, key=lambda m: (-len(m), m))
SHOWN = 12   # targets named per indicator; the comparison is with all of them


def quantities(corpus: Corpus) -> dict:
    """{measures, indicators: [{id, name, unit, measure, cues, count, low, high, shown: [{place, text}]}]}:
    the requirements (targets and standards, not findings) of each indicator with cues."""
    out = []
    for indicator_id, (measure, cues) in CUES.items():
        indicator = corpus.indicators.get(indicator_id)
        if indicator is None:
            continue
        required = [o for o in observations(corpus, indicator) if o.is_requirement and o.value is not None]
        if not required:
            continue
        # One jurisdiction stating one figure twice (a standard reported, then proposed) is one precedent.
        distinct = list(dict.fromkeys((o.jurisdiction.name, o.value) for o in required if o.value is not None))
        values = [v for _, v in distinct]
        out.append({"id": indicator_id, "name": indicator.name, "unit": indicator.unit, "measure": measure,
                    "cues": [list(c) for c in cues], "count": len(distinct), "low": min(values), "high": max(values),
                    "shown": [{"place": place, "text": f"{value:g}"} for place, value in distinct[:SHOWN]]})
    return {"measures": MEASURES, "indicators": out}
