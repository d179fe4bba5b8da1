"""Quantitative targets: the overview of every target, and one page per comparable indicator.

``crosswalk/indicators.yaml`` normalises targets from different documents to one unit
(Lanzhou's 0.2 平方米/户 × 100 = 20 平方米/百户).  A target keeps its own type: targets
and standards are requirements, findings are measured status; pages, chart and exports
keep them apart.  The overview lists every target, normalised or not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from generator import routes
from generator.analysis.observations import (
    REQUIREMENT_TYPES,
    Observation,
    all_observations,
    indicator_index,
    observations,
    sorted_targets,
    value_text,
)
from generator.analysis.regions import region_of
from generator.analysis.topic_coverage import jurisdiction_key
from generator.content import vocabulary
from generator.content.model import Corpus, Indicator, Jurisdiction, Target
from generator.site.charts import bars
from generator.site.pages import Context, Page
from generator.site.pages.documents import doc_path
from generator.site.pages.topics import in_full, record_label


def indicator_path(indicator_id: str) -> str:
    return routes.indicator(indicator_id)


def target_path(t: Target) -> str:
    """The target's row in its document page (see ``_macros.targets``)."""
    return routes.target(t.record.doc_id, t.record.id, t.id)


# --- pages ---------------------------------------------------------------------------------

def pages(corpus: Corpus) -> Iterable[Page]:
    # At 3,000 documents an indicator has about 1,000 observations: a chart of one bar each
    # would be some 40,000 px, so past the topic pages' size the pages compare regions too.
    full = in_full(corpus)
    yield Page(routes.page_source(routes.INDICATORS), "量化指标", "indicators_index.html", _index_data(corpus, full),
               description="各文件的量化目标、标准与实测数据，及可比指标")
    for ind in corpus.indicators.values():
        if full:
            yield Page(routes.page_source(routes.indicator(ind.id)), ind.name, "indicator.html", _indicator_data(corpus, ind),
                       description=ind.doc or ind.name)
        else:
            yield Page(routes.page_source(routes.indicator(ind.id)), ind.name, "indicator_regions.html",
                       _regions_data(corpus, ind), description=ind.doc or ind.name)


def _target_rows(corpus: Corpus, targets: list[Target]) -> list[dict]:
    by_target, normalised = indicator_index(corpus), all_observations(corpus)
    rows = []
    for t in targets:
        doc = corpus.documents[t.record.doc_id]
        rows.append({"t": t, "doc": doc, "j": corpus.jurisdictions[doc.jurisdiction], "indicator": by_target.get(t.uid),
                     "obs": normalised.get(t.uid), "value": value_text(t.comparator, t.value, t.value_max),
                     "years": deadline_years(t)})
    return rows


# The target view's filter values for a deadline that names no year, and for none at all.
UNDATED, NO_DEADLINE = "undated", "none"


def deadline_years(t: Target) -> list[str]:
    """The years a target's deadline names (到2025―2030年: 2025 and 2030, its ``deadline_year_from``
    and ``deadline_year``, which check holds to the deadline's words), for the target view's
    filter; a deadline in words alone (到“十二五”末, 经过3年的努力) is undated."""
    if not t.deadline:
        return [NO_DEADLINE]
    return [str(y) for y in (t.deadline_year_from, t.deadline_year) if y] or [UNDATED]


def _filters(corpus: Corpus, rows: list[dict]) -> dict:
    """The target view's choices: the years, jurisdictions and indicators its rows have."""
    years = sorted({y for r in rows for y in r["years"]} - {UNDATED, NO_DEADLINE})
    places = {r["j"].id: r["j"] for r in rows}
    indicators = {r["indicator"].id: r["indicator"] for r in rows if r["indicator"]}
    return {"years": years, "undated": UNDATED, "none": NO_DEADLINE,
            "jurisdictions": sorted(places.values(), key=lambda j: jurisdiction_key(corpus, j)),
            "indicators": [i for i in corpus.indicators.values() if i.id in indicators]}


def _index_data(corpus: Corpus, full: bool) -> dict:
    targets = sorted_targets(corpus)
    summary = []
    for ind in corpus.indicators.values():
        obs = observations(corpus, ind)
        required = [o.value for o in obs if o.is_requirement and o.value is not None]
        summary.append({
            "indicator": ind, "count": len(obs),
            "jurisdictions": list(dict.fromkeys(o.jurisdiction.name for o in obs)),
            "range": (min(required), max(required)) if required else None,
            "findings": sum(1 for o in obs if not o.is_requirement),
        })
    data = {"summary": summary, "type_names": vocabulary.TARGET_TYPES, "indicator_path": indicator_path,
            "target_path": target_path, "doc_path": doc_path, "csv": routes.TARGETS_CSV, "xlsx": routes.TARGETS_XLSX,
            "regions": None if full else _target_counts(corpus, targets)}
    if full:
        requirements = _target_rows(corpus, [t for t in targets if t.type in REQUIREMENT_TYPES])
        data.update(requirements=requirements, filters=_filters(corpus, requirements),
                    findings=_target_rows(corpus, [t for t in targets if t.type not in REQUIREMENT_TYPES]))
    return data


def _target_counts(corpus: Corpus, targets: list[Target]) -> list[dict]:
    """A national corpus's targets counted by region (its documents' pages and the downloads
    list them one by one; the overview listing each was 1.2 MB at 300 documents)."""
    counts: dict[str, dict] = {}
    for t in targets:
        jid = region_of(corpus, corpus.documents[t.record.doc_id].jurisdiction)
        row = counts.setdefault(jid, {"j": corpus.jurisdictions[jid], "requirements": 0, "findings": 0, "docs": set()})
        row["requirements" if t.type in REQUIREMENT_TYPES else "findings"] += 1
        row["docs"].add(t.record.doc_id)
    return sorted(counts.values(), key=lambda r: jurisdiction_key(corpus, r["j"]))


def _indicator_data(corpus: Corpus, ind: Indicator) -> dict:
    obs = observations(corpus, ind)
    own = {o.target.uid for o in obs}
    context, seen = [], set()
    for o in obs:
        record = o.target.record
        if record.uid in seen:
            continue
        seen.add(record.uid)
        findings = [t for t in record.targets if t.type == "finding" and t.uid not in own]
        if findings:
            context.append({"record": record, "doc": o.doc, "j": o.jurisdiction, "targets": findings})
    return {
        "ind": ind, "obs": obs, "context": context, "type_names": vocabulary.TARGET_TYPES,
        "has_findings": any(not o.is_requirement for o in obs), "target_path": target_path, "doc_path": doc_path,
        "chart": lambda ctx: chart(ctx, ind, obs),
        "deadlines": [o for o in obs if o.target.deadline],
    }


def chart(ctx: Context, ind: Indicator, obs: list[Observation]) -> Markup:
    items = []
    for o in obs:
        t = o.target
        note = " · ".join(x for x in (vocabulary.TARGET_TYPES[t.type], t.deadline, t.scope) if x)
        text = o.text if o.value is not None else t.span
        items.append(bars.Bar(label=f"{o.jurisdiction.name} {t.record.label}".strip(), note=note, kind=t.type,
                              value=o.value, value_max=o.value_max, text=text,
                              title=f"{o.doc.title}:{t.span}"))
    return bars.bar_chart(items, ind.unit, f"{ind.name}（{ind.unit}）：各辖区对照", f"cw-bars-{ind.id}")


# --- a national corpus: one row per region ---------------------------------------------------

@dataclass
class RegionObservations:
    """An indicator's observations in one region: the national level alone, or a province with
    everything below it (see ``regions.region_of``), national → county."""

    j: Jurisdiction
    obs: list[Observation]
    anchor: str     # its list's id on the indicator's page
    href: str       # routes.indicator_in_region

    @property
    def requirements(self) -> list[Observation]:
        return [o for o in self.obs if o.is_requirement]

    @property
    def findings(self) -> list[Observation]:
        return [o for o in self.obs if not o.is_requirement]


def value_span(obs: list[Observation]) -> tuple[float, float] | None:
    """The least and greatest value the observations state (a range's upper end included)."""
    values = [v for o in obs for v in (o.value, o.value_max) if v is not None]
    return (min(values), max(values)) if values else None


def span_text(span: tuple[float, float] | None) -> str:
    if span is None:
        return ""
    low, high = span
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def year_span(obs: list[Observation]) -> str:
    years = [y for o in obs for y in (o.target.deadline_year_from, o.target.deadline_year) if y]
    return span_text((min(years), max(years))) if years else ""


def by_region(corpus: Corpus, ind: Indicator, obs: list[Observation]) -> list[RegionObservations]:
    grouped: dict[str, list[Observation]] = {}
    for o in obs:
        grouped.setdefault(region_of(corpus, o.jurisdiction.id), []).append(o)
    regions = []
    for jid, members in grouped.items():
        regions.append(RegionObservations(corpus.jurisdictions[jid], members, routes.region_anchor(jid),
                                          routes.indicator_in_region(ind.id, jid)))
    return sorted(regions, key=lambda r: jurisdiction_key(corpus, r.j))


def _silent_regions(corpus: Corpus, regions: list[RegionObservations]) -> list[Jurisdiction]:
    """Regions with documents in full text none of which states a value of the indicator."""
    observed = {r.j.id for r in regions}
    ids = {region_of(corpus, d.jurisdiction) for d in corpus.documents.values() if d.has_text}
    return sorted((corpus.jurisdictions[j] for j in ids - observed), key=lambda j: jurisdiction_key(corpus, j))


def _regions_data(corpus: Corpus, ind: Indicator) -> dict:
    """One row per region: how many observations, the span of the requirements' values and of
    the findings' (never one span of both), the target years; then each region's observations."""
    obs = observations(corpus, ind)
    regions = by_region(corpus, ind, obs)
    rows = [{"region": r, "requirements": span_text(value_span(r.requirements)),
             "findings": span_text(value_span(r.findings)), "years": year_span(r.requirements)} for r in regions]
    return {"ind": ind, "obs": obs, "rows": rows, "silent": _silent_regions(corpus, regions),
            "places": len({o.jurisdiction.id for o in obs}), "type_names": vocabulary.TARGET_TYPES,
            "target_path": target_path, "record_label": record_label,
            "has_findings": any(not o.is_requirement for o in obs), "has_years": any(row["years"] for row in rows),
            "chart": lambda ctx: region_chart(ind, regions)}


SPAN_NAMES = {"requirement": "要求", "finding": "实测"}


def region_chart(ind: Indicator, regions: list[RegionObservations]) -> Markup:
    rows = []
    for r in regions:
        spans = [bars.Span(kind, *span) for kind, span in
                 (("requirement", value_span(r.requirements)), ("finding", value_span(r.findings))) if span]
        words = [f"{SPAN_NAMES[s.kind]} {span_text((s.low, s.high))}" for s in spans]
        rows.append(bars.RangeRow(label=r.j.name, note=f"{len(r.obs)} 项", spans=spans,
                                  text="；".join(words) or "无数值", title=f"{r.j.name}：{len(r.obs)} 项"))
    return bars.range_chart(rows, ind.unit, f"{ind.name}（{ind.unit}）：各地区数值范围", f"cw-bars-{ind.id}")
