"""A synthetic national corpus, for measuring the build at the scale it is meant for.

The national picture is about 3,000 documents (31 provinces, about 330 prefectures and
2,800 counties) and 100,000 records.  ``generate`` writes a project of any size in that
shape: a jurisdiction tree national → province → city → county, responsible units with
functions in every jurisdiction, one document per jurisdiction (a few more at the top,
and some known only by citation), each with a source text and records that pass
fidelity validation, plus topics, mappings, a few relations and indicators.

Records are the bundled real records, recombined and perturbed: a synthetic document
copies the record tree of one real document (headings, tasks with responsibilities,
targets, citations), drops some leaves, swaps sentences between records of the same kind,
puts its own jurisdiction's names in place of the real ones and its own units in the
responsibility lists.  Its source text is written from its records, one line each, so
every verbatim field is found where the record says.

The same ``documents``, ``seed`` and bundled content give byte-identical files.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator import PROJECT_ROOT
from generator.chinese import Printed, to_script
from generator.content import prose
from generator.content.load import Paths, load
from generator.content.model import Corpus, Document, Record

PROVINCES = (
    ("beijing", "北京市"), ("tianjin", "天津市"), ("hebei", "河北省"), ("shanxi", "山西省"),
    ("neimenggu", "内蒙古自治区"), ("liaoning", "辽宁省"), ("jilin", "吉林省"), ("heilongjiang", "黑龙江省"),
    ("shanghai", "上海市"), ("jiangsu", "江苏省"), ("zhejiang", "浙江省"), ("anhui", "安徽省"),
    ("fujian", "福建省"), ("jiangxi", "江西省"), ("shandong", "山东省"), ("henan", "河南省"),
    ("hubei", "湖北省"), ("hunan", "湖南省"), ("guangdong", "广东省"), ("guangxi", "广西壮族自治区"),
    ("hainan", "海南省"), ("chongqing", "重庆市"), ("sichuan", "四川省"), ("guizhou", "贵州省"),
    ("yunnan", "云南省"), ("xizang", "西藏自治区"), ("shaanxi", "陕西省"), ("gansu", "甘肃省"),
    ("qinghai", "青海省"), ("ningxia", "宁夏回族自治区"), ("xinjiang", "新疆维吾尔自治区"),
)
# Characters of invented place names: two of them make a city or county name.
PLACE_CHARS = ("安平宁远清河山阳东西南北江湖新城丰华兴隆永昌泰和云台石桥龙凤金沙白水"
               "长乐宜春临川通达广元崇文德化吉祥富源嘉禾瑞林秀峰")

# Functions every synthetic jurisdiction has a unit for: (function, party?, name by level).
UNIT_FUNCTIONS = (
    ("organisation", "party", {"national": "中央组织部", "province": "省委组织部", "city": "市委组织部",
                               "county": "县委组织部"}),
    ("propaganda", "party", {"national": "中央宣传部", "province": "省委宣传部", "city": "市委宣传部",
                             "county": "县委宣传部"}),
    ("civil-affairs", "government", {"national": "民政部", "province": "省民政厅", "city": "市民政局",
                                     "county": "县民政局"}),
    ("finance", "government", {"national": "财政部", "province": "省财政厅", "city": "市财政局",
                               "county": "县财政局"}),
    ("public-security", "government", {"national": "公安部", "province": "省公安厅", "city": "市公安局",
                                       "county": "县公安局"}),
    ("justice", "government", {"national": "司法部", "province": "省司法厅", "city": "市司法局", "county": "县司法局"}),
    ("human-resources", "government", {"national": "人力资源社会保障部", "province": "省人力资源社会保障厅",
                                       "city": "市人力资源社会保障局", "county": "县人力资源社会保障局"}),
    ("housing-construction", "government", {"national": "住房城乡建设部", "province": "省住房城乡建设厅",
                                            "city": "市住房城乡建设局", "county": "县住房城乡建设局"}),
    ("health", "government", {"national": "国家卫生健康委", "province": "省卫生健康委", "city": "市卫生健康委",
                               "county": "县卫生健康局"}),
    ("education", "government", {"national": "教育部", "province": "省教育厅", "city": "市教育局",
                                 "county": "县教育局"}),
    ("development-reform", "government", {"national": "国家发展改革委", "province": "省发展改革委",
                                          "city": "市发展改革委", "county": "县发展改革局"}),
    ("women", "mass-organisation", {"national": "全国妇联", "province": "省妇联", "city": "市妇联",
                                    "county": "县妇联"}),
    ("local-government", "government", {"national": "地方各级人民政府", "province": "各市(州)人民政府",
                                        "city": "各县(市、区)人民政府", "county": "各乡镇人民政府(街道办事处)"}),
)
COLLECTIVE = "local-government"

# What kind of document each real template becomes, by its genre.
TITLES = {
    "implementation-opinion": "关于加强和完善城乡社区治理的实施意见",
    "opinion": "关于加强和完善城乡社区治理的意见",
    "draft-for-comment": "关于深入推进城乡社区治理的意见(征求意见稿)",
    "news-report": "{name}出台意见全面加强社区建设",
    "survey-report": "关于{name}城乡社区治理情况的调研报告",
    "drafting-explanation": "关于《城乡社区治理实施意见》的起草说明",
}
LEVEL_ISSUERS = {"national": ("中共中央", "国务院"), "province": ("中共{name}委", "{name}人民政府"),
                 "city": ("中共{name}委", "{name}人民政府"), "county": ("中共{name}委", "{name}人民政府")}
CITED_ONLY_TITLE = "实施《中华人民共和国城市居民委员会组织法》办法"
NATIONAL_LAWS = (("china-residents-committees-law", "中华人民共和国城市居民委员会组织法", "law"),
                 ("china-villagers-committees-law", "中华人民共和国村民委员会组织法", "law"),
                 ("china-residential-planning-code", "城市居住区规划设计标准", "regulation"))
NORMATIVE = ("opinion", "implementation-opinion", "draft-for-comment")
BODY_START = 7   # the first body line of a synthetic source: title and chrome come before it


@dataclass(frozen=True)
class Plan:
    """How many of each a corpus of ``documents`` documents has (national shape, scaled)."""

    documents: int
    national: int      # national documents with text
    provinces: int
    cities: int
    counties: int
    laws: int          # national documents known only by citation

    @property
    def jurisdictions(self) -> int:
        return 1 + self.provinces + self.cities + self.counties


def plan(documents: int) -> Plan:
    """Each province has a document and a cited-only regulation, each city and county a document."""
    if documents < 10:
        raise ValueError("a synthetic corpus needs at least 10 documents for a national → county tree")
    laws = len(NATIONAL_LAWS)
    national = max(1, round(documents / 300))
    provinces = min(len(PROVINCES), max(1, round(documents * 31 / 3000)))
    cities = max(provinces, round(documents * 330 / 3000))
    counties = documents - laws - national - 2 * provinces - cities
    if counties < cities:
        raise ValueError(f"{documents} documents are too few for {cities} cities with a county each")
    return Plan(documents, national, provinces, cities, counties, laws)


@dataclass
class Summary:
    documents: int
    records: int
    jurisdictions: int
    units: int
    mappings: int
    relations: int
    indicators: int


# --- the real material -------------------------------------------------------------------------

@dataclass
class Templates:
    corpus: Corpus
    docs: list[Document]                                   # real documents with text
    pool: dict[tuple[str, str], list[str]]                 # (script, kind) → sentences
    forms: dict[str, str]                                  # real place name form → level
    form_re: re.Pattern


def templates(root: Path = PROJECT_ROOT) -> Templates:
    corpus, _ = load(Paths.at(root))
    docs = [d for d in corpus.sorted_documents() if d.has_text and d.source]
    if not docs:
        raise ValueError(f"no document with text in {root}/content to build a synthetic corpus from")
    pool: dict[tuple[str, str], list[str]] = {}
    for doc in docs:
        for r in doc.walk():
            if r.text and not r.targets:
                pool.setdefault((doc.text_source.script, r.kind), []).extend(_sentences(r.text))
    forms: dict[str, str] = {}
    for j in corpus.jurisdictions.values():
        if j.level == "national":
            continue
        stem = re.sub(r"(省|市|县|区|自治区)$", "", j.name)
        for form in (j.name, stem):
            if len(form) >= 2:
                for script in ("hans", "hant"):
                    forms[to_script(form, script)] = j.level
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))))
    return Templates(corpus, docs, pool, forms, pattern)


def _sentences(text: str) -> list[str]:
    return [s + "。" for s in text.split("。") if s]


# --- the synthetic tree -------------------------------------------------------------------------

@dataclass
class Place:
    id: str
    name: str
    level: str
    parent: Place | None
    docs: list[dict] = field(default_factory=list)
    units: list[dict] = field(default_factory=list)

    @property
    def chain(self) -> list[Place]:
        out: list[Place] = []
        node: Place | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    @property
    def stem(self) -> str:
        return re.sub(r"(省|市|县|区|自治区|维吾尔自治区|壮族自治区|回族自治区)$", "", self.name) or self.name


def _places(p: Plan, rng: random.Random, real_names: re.Pattern) -> list[Place]:
    china = Place("china", "全国", "national", None)
    provinces = [Place(pid, name, "province", china) for pid, name in PROVINCES[:p.provinces]]
    # An invented name must not contain a real one, or the name swap would touch it again.
    names = [a + b for a in PLACE_CHARS for b in PLACE_CHARS if a != b and not real_names.search(a + b)]
    rng.shuffle(names)
    cities = []
    for i in range(p.cities):
        prov = provinces[i % len(provinces)]
        cities.append(Place(f"{prov.id}-c{i // len(provinces) + 1:02d}", names[i] + "市", "city", prov))
    counties = []
    for i in range(p.counties):
        city = cities[i % len(cities)]
        suffix = "区" if i % 4 == 0 else "县"
        counties.append(Place(f"{city.id}-x{i // len(cities) + 1:02d}", names[p.cities + i % (len(names) - p.cities)]
                              + suffix, "county", city))
    return [china, *provinces, *cities, *counties]


def _units(place: Place) -> list[dict]:
    out = []
    for function, kind, names in UNIT_FUNCTIONS:
        unit: dict[str, object] = {"id": f"{place.id}-{function}", "name": names[place.level],
                                   "jurisdiction": place.id, "type": kind, "function": function}
        if function == COLLECTIVE:
            unit["collective"] = True
        out.append(unit)
    return out


# --- documents ------------------------------------------------------------------------------------

@dataclass
class Writer:
    """One synthetic document being written: its records and the lines of its source."""

    tpl: Templates
    rng: random.Random
    place: Place
    doc_id: str
    script: str
    cite_target: str | None           # the document this one's citations point to
    citation: str | None              # how that document is cited, as printed
    lines: list[str] = field(default_factory=list)
    records: int = 0
    uids: list[tuple[str, str]] = field(default_factory=list)  # (record uid, template record uid)
    targets: list[tuple[str, str]] = field(default_factory=list)  # (target uid, template target uid)

    def _names(self, text: str) -> str:
        """Real place names → this document's, level for level."""
        by_level = {p.level: p for p in self.place.chain}

        def swap(match: re.Match) -> str:
            place = by_level.get(self.tpl.forms[match.group(0)], self.place)
            full = len(match.group(0)) > 2 and match.group(0)[-1] in "省市县區区縣"
            return to_script(place.name if full else place.stem, _hanzi(self.script))
        return self.tpl.form_re.sub(swap, text)

    def _recombine(self, text: str, kind: str) -> str:
        sentences = _sentences(text)
        pool = self.tpl.pool.get((self.script, kind), [])
        if len(sentences) > 2 and self.rng.random() < 0.3:
            del sentences[self.rng.randrange(len(sentences))]
        if pool and self.rng.random() < 0.6:
            sentences[self.rng.randrange(len(sentences))] = self.rng.choice(pool)
        return "".join(sentences)

    def record(self, r: Record, src_doc: Document, depth: int) -> dict | None:
        if not r.children and depth > 0 and self.rng.random() < 0.2:
            return None      # leaves are dropped now and then, so documents differ in length
        replace = {link.as_cited: self.citation for link in src_doc.links if link.as_cited and self.citation}
        text = r.text
        if text and self.citation:
            for old, new in replace.items():
                text = text.replace(old, new)
        if text and not r.targets and not any(n.span for n in r.notes):
            text = self._recombine(text, r.kind)
        text = self._names(text) if text else None
        title = self._names(r.title) if r.title else None
        out: dict = {"id": r.id, "kind": r.kind}
        if r.number:
            out["number"] = r.number
        if title:
            out["title"] = title
        if text:
            out["text"] = text
        line_no = BODY_START + len(self.lines)
        out["lines"] = [line_no, line_no]
        body = text or ""
        if r.responsibility:
            resp = self._responsibility(r)
            out["responsibility"] = resp
            body += f"(责任单位:{resp['raw']})"
        targets = []
        for t in r.targets:
            span = self._names(t.span)
            if span not in (text or ""):
                continue
            target = {k: v for k, v in (("id", t.id), ("type", t.type), ("span", span), ("value", t.value),
                                        ("value_max", t.value_max), ("comparator", t.comparator),
                                        ("unit", t.unit), ("deadline", t.deadline),
                                        ("deadline_year_from", t.deadline_year_from),
                                        ("deadline_year", t.deadline_year), ("scope", t.scope),
                                        ("reading", t.reading),
                                        ("note", _unlinked(t.note) if t.note else None)) if v is not None}
            targets.append(target)
            self.targets.append((f"{self.doc_id}/{r.id}#{t.id}", t.uid))
        if targets:
            out["targets"] = targets
        if r.cites and self.cite_target:
            out["cites"] = [self.cite_target]
        notes = [{"type": n.type, "text": _unlinked(n.text), **({"span": self._names(n.span)} if n.span else {})}
                 for n in r.notes if not n.span or self._names(n.span) in (text or "")]
        if notes:
            out["notes"] = notes
        prefix = r.number or ""
        self.lines += [prefix + title + ("。" + body if body else "") if title else prefix + body, ""]
        self.records += 1
        self.uids.append((f"{self.doc_id}/{r.id}", r.uid))
        children = [c for c in (self.record(c, src_doc, depth + 1) for c in r.children) if c]
        if children:
            out["children"] = children
        return out

    def _responsibility(self, r: Record) -> dict:
        resp = r.responsibility
        if resp is None:   # asked only of a record with one
            return {}
        wanted = [self.tpl.corpus.units[u.unit].function if u.unit in self.tpl.corpus.units else None
                  for u in resp.units]
        by_function = {u["function"]: u for u in self.place.units}
        chosen: list[dict] = []
        for function in wanted:
            unit = by_function.get(function)
            if unit is None or unit in chosen:
                spare = [u for u in self.place.units if u not in chosen]
                unit = self.rng.choice(spare) if spare else None
            if unit is not None:
                chosen.append(unit)
        chosen = chosen or [self.place.units[0]]
        names = [to_script(u["name"], _hanzi(self.script)) for u in chosen]
        raw = "、".join(names) + ("等" if resp.etc else "")
        # The bodies are drawn at random, so the text never states their roles: every basis is inferred.
        return {"raw": raw, "etc": resp.etc,
                "units": [{"unit": u["id"], "role": "lead" if i == 0 else "participating", "basis": "inferred"}
                          for i, u in enumerate(chosen)]}


def _main_doc(place: Place) -> dict | None:
    """The document a lower level implements: the first normative one with text, else the first with text."""
    with_text = [d for d in place.docs if d.get("records")]
    return next((d for d in with_text if d["genre"] in NORMATIVE), with_text[0] if with_text else None)


def _hanzi(script: str) -> str:
    return "hant" if script.startswith("hant") else "hans"


def _source_text(title: str, date: str, lines: list[str]) -> str:
    head = ["城乡社区治理政策对照库 · 合成语料", "", title, "", f"发布时间:{date} 来源:合成", ""]
    return "\n".join(head + lines) + "\n"


# --- writing ---------------------------------------------------------------------------------------

if TYPE_CHECKING:
    _BaseDumper = yaml.SafeDumper   # CSafeDumper, libyaml's build of it, has the same interface
else:
    _BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):
    """The safe dumper, writing the bundled corpus's source text (``Printed``) as the text it is."""


_Dumper.add_multi_representer(Printed, lambda dumper, text: dumper.represent_str(str(text)))


def _dump(data, path: Path) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000,
                     default_flow_style=False)
    path.write_text(text, encoding="utf-8")


def generate(out: Path, documents: int, seed: int = 1, root: Path = PROJECT_ROOT) -> Summary:
    """Write ``content/`` and ``crosswalk/`` of a synthetic corpus of ``documents`` documents under ``out``."""
    p = plan(documents)
    tpl = templates(root)
    rng = random.Random(f"{seed}:tree")
    places = _places(p, rng, tpl.form_re)
    content, crosswalk = out / "content", out / "crosswalk"
    shutil.rmtree(content, ignore_errors=True)
    shutil.rmtree(crosswalk, ignore_errors=True)
    (content / "documents").mkdir(parents=True)
    (content / "sources").mkdir()
    crosswalk.mkdir()
    for place in places:
        place.units = _units(place)

    docs_out: dict[str, dict] = {}
    china = places[0]
    for law_id, title, genre in NATIONAL_LAWS[:p.laws]:
        docs_out[law_id] = {"id": law_id, "title": title, "jurisdiction": "china", "genre": genre,
                            "status": "cited-only"}
        china.docs.append(docs_out[law_id])
    mapped: list[tuple[str, str]] = []
    target_pairs: list[tuple[str, str]] = []
    records = 0
    # Parents before children: a document's citations point at its parent's first document.
    normative = [d for d in tpl.docs if d.genre in NORMATIVE]
    plan_docs = [(china, i) for i in range(p.national)] + [(pl, 0) for pl in places[1:]]
    for place, nth in plan_docs:
        drng = random.Random(f"{seed}:{place.id}:{nth}")
        src = drng.choice(normative if normative and drng.random() < 0.7 else tpl.docs)
        year = 2013 + drng.randrange(11)
        doc_id = f"{place.id}-{year}" if nth == 0 else f"{place.id}-{year}-{nth + 1}"
        while doc_id in docs_out:
            doc_id += "-b"
        if place.level == "province":
            cited_id = f"{place.id}-residents-committees-measures"
            docs_out[cited_id] = {"id": cited_id, "title": place.name + CITED_ONLY_TITLE, "jurisdiction": place.id,
                                  "genre": "regulation", "status": "cited-only",
                                  "links": [{"type": "implements", "document": "china-residents-committees-law"}]}
        parent = place.parent
        parent_doc = _main_doc(parent) if parent else None
        if parent_doc is None and place.level == "national":
            parent_doc = docs_out[NATIONAL_LAWS[0][0]]
        citation = f"《{parent_doc.get('full_title', parent_doc['title'])}》" + (
            f"({parent_doc['number']})" if parent_doc.get("number") else "") if parent_doc else None
        script = src.text_source.script
        w = Writer(tpl, drng, place, doc_id, script,
                   parent_doc["id"] if parent_doc else None, citation)
        recs = [r for r in (w.record(r, src, 0) for r in src.records) if r]
        title = TITLES.get(src.genre, TITLES["opinion"]).format(name=place.name)
        issuers = [i.format(name=place.name) for i in LEVEL_ISSUERS[place.level]]
        number = f"{place.stem[:1]}发〔{year}〕{drng.randint(1, 40)}号"
        full_title = "".join(issuers) + title if src.genre in NORMATIVE else title
        date = f"{year}-{drng.randint(1, 12):02d}-{drng.randint(1, 28):02d}"
        source_file = f"{doc_id}.txt"
        hz = _hanzi(script)
        (content / "sources" / source_file).write_text(_source_text(to_script(full_title, hz), date, w.lines),
                                                       encoding="utf-8")
        doc = {"id": doc_id, "title": title, "full_title": full_title, "jurisdiction": place.id,
               "issuers": issuers, "number": number, "genre": src.genre,
               "status": "draft" if src.genre == "draft-for-comment" else "issued", "year": year,
               "dates": {"printed": date},
               "source": {"file": source_file, "script": script,
                          "body": [BODY_START, BODY_START + max(len(w.lines) - 2, 0)]}}
        links = []
        if parent_doc is not None:
            links.append({"type": "implements", "document": parent_doc["id"], "as_cited": citation})
        if place.level == "city" and place.parent and place.parent.level == "province":
            links.append({"type": "cites", "document": f"{place.parent.id}-residents-committees-measures"})
        if links:
            doc["links"] = links
        doc["records"] = recs
        docs_out[doc_id] = doc
        place.docs.append(doc)
        records += w.records
        mapped += w.uids
        target_pairs += w.targets

    for doc in docs_out.values():
        _dump(doc, content / "documents" / f"{doc['id']}.yaml")
    _dump({"jurisdictions": [{"id": pl.id, "name": pl.name, "level": pl.level,
                              **({"parent": pl.parent.id} if pl.parent else {})} for pl in places]},
          content / "jurisdictions.yaml")
    units = [u for pl in places for u in pl.units]
    _dump({"functions": [{"id": f.id, "name": f.name} for f in tpl.corpus.functions.values()],
           "units": units}, content / "units.yaml")
    mappings, relations = _crosswalk(tpl, mapped, places, seed)
    _dump({"topics": [{"id": t.id, "name": t.name, "scope": t.scope, **({"parent": t.parent} if t.parent else {})}
                      for t in tpl.corpus.topics.values()],
           "mappings": mappings, "relations": relations}, crosswalk / "topics.yaml")
    indicators = _indicators(tpl, target_pairs)
    _dump({"indicators": indicators}, crosswalk / "indicators.yaml")
    return Summary(len(docs_out), records, len(places), len(units), len(mappings), len(relations), len(indicators))


def _crosswalk(tpl: Templates, mapped: list[tuple[str, str]], places: list[Place],
               seed: int) -> tuple[list[dict], list[dict]]:
    """Every record mapped: as its template where the real crosswalk maps it, else to 1–2 leaf topics."""
    rng = random.Random(f"{seed}:crosswalk")
    parents = {t.parent for t in tpl.corpus.topics.values()}
    leaves = [t for t in tpl.corpus.topics if t not in parents]
    kinds = {r.uid: r.kind for r in tpl.corpus.records.values()}
    mappings = []
    for uid, template_uid in mapped:
        if template_uid in tpl.corpus.mappings:
            mappings.append({"record": uid, "topics": list(tpl.corpus.mappings[template_uid])})
        elif template_uid in tpl.corpus.unmapped:
            mappings.append({"record": uid, "unmapped": tpl.corpus.unmapped[template_uid]})
        elif not leaves:
            mappings.append({"record": uid, "unmapped": "尚无主题分类"})
        elif kinds.get(template_uid) == "heading":
            mappings.append({"record": uid, "unmapped": "结构性标题,不单独归类"})
        else:
            mappings.append({"record": uid, "topics": sorted(rng.sample(leaves, min(len(leaves),
                                                                                  1 + rng.randrange(2))))})
    # A few relations: a record and the record of its parent's document it was copied alongside.
    records_of: dict[str, dict[str, str]] = {}
    for uid, template_uid in mapped:
        doc_id, rid = uid.split("/")
        records_of.setdefault(doc_id, {})[rid] = template_uid
    relations = []
    for place in places:
        if place.parent is None or rng.random() > 0.05:
            continue
        child, parent = _main_doc(place), _main_doc(place.parent)
        if not child or not parent:
            continue
        shared = sorted(set(records_of.get(child["id"], {})) & set(records_of.get(parent["id"], {})))
        shared = [rid for rid in shared if records_of[child["id"]][rid] == records_of[parent["id"]][rid]
                  and kinds.get(records_of[child["id"]][rid]) != "heading"]
        if shared:
            rid = rng.choice(shared)
            relations.append({"source": f"{child['id']}/{rid}", "target": f"{parent['id']}/{rid}",
                              "type": "subset", "rationale": "下级文件沿用上级文件的同一条款并结合本地细化"})
    return mappings, relations


def _indicators(tpl: Templates, pairs: list[tuple[str, str]]) -> list[dict]:
    """One indicator per real target that sets a level, observed wherever a synthetic copy carries it."""
    copies: dict[str, list[str]] = {}
    for uid, template_uid in pairs:
        copies.setdefault(template_uid, []).append(uid)
    out = []
    for template_uid, uids in sorted(copies.items()):
        t = tpl.corpus.targets[template_uid]
        if t.type == "finding" or t.value is None or not t.unit:
            continue
        out.append({"id": "synth-" + re.sub(r"[^a-z0-9]+", "-", template_uid), "name": to_script(t.scope or t.span, "hans"),
                    "unit": to_script(t.unit, "hans"),
                    "observations": [{"target": u} for u in uids]})
    return out


def scaffold(out: Path, root: Path = PROJECT_ROOT) -> None:
    """The site's configuration beside a synthetic corpus: mkdocs.yml copied, theme/ and docs/ linked."""
    shutil.copy2(root / "mkdocs.yml", out / "mkdocs.yml")
    for name in ("theme", "docs"):
        target = out / name
        if target.is_symlink() or target.exists():
            continue
        if (root / name).exists():
            try:
                os.symlink(root / name, target, target_is_directory=True)
            except OSError:
                shutil.copytree(root / name, target)


# A link in editorial prose (generator.content.prose) points at a bundled record the synthetic
# corpus does not have under that id: the copy keeps the link's words and drops the link.
_LINK = re.compile(rf"\[([^\]]*)\]\((?:{'|'.join(prose.KINDS)}):[^)\s]*\)")


def _unlinked(text: str) -> str:
    return _LINK.sub(r"\1", text)
