"""Checks that hold content to what its own verbatim text says.

Fidelity (``validate``) proves that a record's text is in its source.  These checks go
one step further and read that text, so that a careful reader's findings become errors a
machine reports at ``file:line:col``:

- a target's value, value_max, comparator, unit and deadline year are read out of its
  span and compared (a deliberate difference, such as a sic, needs the target's ``note``);
- a deadline is printed in the record; a year in the target's own clause is recorded;
- ``basis: stated`` means the text says the role (牵头/负责/主办 for a lead, 配合/参与/协办
  for a participant) in a sentence that names the unit, or names it beside a bracketed lead in
  one list (市民政局（牵头）、市财政局: a participant);
- every body named in a printed responsibility list resolves to one of the record's units;
  a joint subject (各级党委、政府) is one unit per body, each with the same role and basis;
- a unit's aliases are spellings found in the sources (as written, or as one body of a joint
  subject: 各县（市、区）党委和政府 prints 各县（市、区）政府), and name the same kind of body;
- a relation's type agrees with the topics of its two records;
- counts stated in an ``artefact-removed`` note are the counts in the source;
- every number in a record's text is in a target span or in an ``untargeted`` note
  (warning: a coverage view of numbers).

Text is compared in Simplified form (``script.normalise``), so one rule serves both scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.chinese import normalise
from generator.content import readings
from generator.content.model import Corpus, Document, Record, Target, Unit
from generator.content.sources import PINYIN, SourceError, read_source
from generator.content.yamlfile import Problem

# 主办/协办 (主办单位/协办单位, 主办机关/协办机关) name lead and support in so many words, as 牵头/配合 do;
# X是…的责任主体 says X leads, as X负主体责任 does.
LEAD_WORDS = ("牵头", "负责", "负总责", "主体责任", "责任主体", "主办")
PARTICIPATING_WORDS = ("配合", "参与", "协助", "协同", "协办")
ROLE_WORDS = {"lead": LEAD_WORDS, "participating": PARTICIPATING_WORDS}

# The head noun of a body's name: what kind of body it is.  An alias must end in the same
# kind as the name (各县区 is the county as a whole, not its government).
HEADS = ("人民政府", "政府", "党委", "党工委", "党组", "纪委监委", "委员会", "办事处", "街道办", "部门", "单位",
         "组织", "支行", "局", "部", "委", "办", "厅", "院", "会", "团", "站", "中心", "财政", "两委")

_SENTENCE = re.compile(r"[^。;；!?！？]+")
_LIST_SPLIT = re.compile(r"[、,，]")
_COUNT = re.compile(r"(\d+)处")
# A level items of a list share; a bracketed note after it is part of it (各县（市、区）党委和政府).
# An organ named alone before one of its offices shares the office: 市委、市政府督查室.
ORGAN = re.compile(r"^(?:中共)?[省市州县区](?:委|人民政府|政府)")
_PREFIX = re.compile(r"^((?:全市各级|各级|县级|基层|各县区|各县|县区|市|县|乡镇|各)(?:[(（][^()（）]{1,6}[)）])?)")

# Numbers that are not quantities: titles and document numbers, dates, sessions, ordinals,
# named things (两项改革, 5G).
_NOT_QUANTITY = re.compile(
    r"《[^》]*》|〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号|\d{4}年(\d{1,2}(-\d{1,2})?月(\d{1,2}日)?|[上下]半年)"
    r"|\d{1,2}月\d{1,2}日|[一二三四五六七八九十]+届[一二三四五六七八九十]+次|第[^,，。;；]{1,4}|\d+[A-Za-z]"
    r"|“[一二三四五六七八九十两]+[^”]{0,8}”|[一二三四五六七八九十]五(规划|期间|末)|[两二三四五六]项改革"
    r"|(?<![到至―—~-])\d{4}年(?![前底末])|[今当同]年\d*月?|[\d一二三四五六七八九十]+年(来|的发展)"
    r"|[一二三四五六七八九十两]+[^\d,，。;；“”]{0,2}[一二三四五六七八九十两]+[^\d,，。;；“”]{0,2}[一二三四五六七八九十两]")
_QUANTITY_AFTER = re.compile(r"^(%|万|千|亿|个|名|人|户|年|月|天|分钟|小时|次|项|家|所|场|处|平方|平米|米|元|岁|倍|"
                             r"套|间|条|支|批|类|级|村|社区|乡镇|县|部门|大类|方面)")
_CHINESE_QUANTITY_AFTER = re.compile(r"^(个|名|人|户|年|天|分钟|小时|次|家|所|条|方面)")


def check(corpus: Corpus, whole: bool = True) -> list[Problem]:
    """Every problem the content's own text shows; ``whole`` is False when some file failed
    to load, and the checks that need every record then stay silent."""
    out: list[Problem] = []
    named = _names(corpus)
    for doc in corpus.documents.values():
        for record in doc.walk():
            where = f"{doc.id}/{record.id}"
            for target in record.targets:
                out += _target(target, record, where)
            if record.responsibility:
                out += _responsibility(record, corpus, named, where)
            out += _untargeted_numbers(record, where)
        out += _artefact_counts(doc, corpus.sources_dir)
    if whole:
        out += _aliases(corpus)
    out += _relations(corpus)
    return out


# --- targets ------------------------------------------------------------------------------


def _target(t: Target, record: Record, where: str) -> list[Problem]:
    where = f"{where}#{t.id}"
    found = readings.quantities(t.span)
    said = [q.value for q in found]
    problems: list[str] = []
    same = [q for q in found if t.value is not None and abs(q.value - t.value) < 1e-9]
    match = next((q for q in same if t.unit and readings.unit_follows(q, t.unit)), same[0] if same else None)
    if t.value is not None and match is None:
        problems.append(f"value {t.value:g} is not in its span '{t.span}' (it reads {_list(said)})")
    if t.value_max is not None and not any(abs(v - t.value_max) < 1e-9 for v in said):
        problems.append(f"value_max {t.value_max:g} is not in its span '{t.span}' (it reads {_list(said)})")
    if t.value is not None and not t.unit:
        problems.append("has a value but no unit; give the unit as the span prints it")
    # A range (300至500户) prints its unit after the upper bound.
    measured = next((q for q in found if t.comparator == "range" and t.value_max is not None
                     and abs(q.value - t.value_max) < 1e-9), match)
    if measured is not None and t.unit and not readings.unit_follows(measured, t.unit):
        problems.append(f"unit '{t.unit}' is not what follows {measured.value:g} in '{t.span}' ('{measured.after}')")
    if match is not None and match.word and not t.reading:
        problems.append(f"the span '{t.span}' states no number ({t.value:g} is read from a word); say how it "
                        "is read in the target's reading")
    if match is not None and t.comparator != "range" and not t.reading:
        read = readings.comparator(t.span, match, t.type)
        expected = None if read is readings.APPROXIMATE else (read or "=")
        if t.comparator != expected:
            problems.append(_comparator_problem(t, match, read, expected))
    span_years = readings.years(t.span)
    printed_years = span_years + readings.years(t.deadline or "")
    for name, year in (("deadline_year", t.deadline_year), ("deadline_year_from", t.deadline_year_from)):
        if year is not None and year not in printed_years:
            problems.append(f"{name} {year} is printed neither in the span nor in the deadline")
    deadline_years = readings.years(t.deadline or "")
    if len(deadline_years) > 1 and t.deadline_year_from is None:
        problems.append(f"the deadline '{t.deadline}' is a range of years; give its first in deadline_year_from")
    if t.deadline_year_from is not None and (t.deadline_year is None or t.deadline_year_from >= t.deadline_year):
        problems.append(f"deadline_year_from {t.deadline_year_from} does not begin a range ending in deadline_year")
    scope_years = readings.years(t.scope or "")   # the year a target is for (a programme year)
    unplaced = [y for y in span_years if y not in scope_years]
    if t.type != "finding" and t.deadline_year is None and unplaced:
        problems.append(f"the span names the year {unplaced[0]} but deadline_year is empty (a year the "
                        "target is for, not a deadline, goes in its scope)")
    body = normalise(f"{record.title or ''}{record.text or ''}")
    if t.deadline and normalise(t.deadline) not in body:
        problems.append(f"deadline '{t.deadline}' is not printed in the record")
    pos = t.pos
    out = [pos.problem(f"{where}: {p}") for p in problems] if not t.note else []
    # A year in the clause of a target or standard that it does not record (in its deadline or
    # scope) is a reader's question, not an error.  A finding's year is the year measured.
    clause = _clause_of(body, normalise(t.span)) if t.type != "finding" else ""
    recorded = printed_years + scope_years
    missing = [y for y in readings.years(clause) if y not in recorded and y != t.deadline_year]
    if missing and not t.note:
        out.append(pos.problem(f"{where}: its clause names the year {missing[0]}, which the target does not "
                               "record (widen the span, or say why in the target's note)", "warning"))
    return out


def _comparator_problem(t: Target, match: readings.Quantity, read, expected: str | None) -> str:
    """Says what the span was read as, and, where no word binds the number, that nothing was read:
    至少认领一个 holds 至少, but not next to 一, so the check cannot tell how it binds."""
    if read is not None:
        shown = "empty (the span approximates)" if expected is None else f"'{expected}'"
        return f"comparator '{t.comparator or ''}' but the span '{t.span}' reads {shown}"
    words = readings.comparator_words(t.span)
    elsewhere = f" ('{words[0]}' is in the span, but not next to it)" if words else ""
    return (f"comparator '{t.comparator or ''}', but no comparator word stands next to {match.value:g} in the "
            f"span '{t.span}'{elsewhere}, so the check takes it as '='; if a word further off binds the value, "
            "say so in the target's note")


def _clause_of(body: str, span: str) -> str:
    at = body.find(span)
    if at < 0:
        return ""
    start = max(body.rfind(p, 0, at) for p in "。;；") + 1
    ends = [e for e in (body.find(p, at + len(span)) for p in "。;；") if e >= 0]
    return body[start:min(ends) if ends else len(body)]


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:g}" for v in values) or "no number"


def _untargeted_numbers(record: Record, where: str) -> list[Problem]:
    """Numbers in the text that no target span and no ``untargeted`` note covers."""
    text = normalise(record.text or "")
    if not text:
        return []
    covered = [normalise(x) for t in record.targets for x in (t.span, t.deadline) if x]
    covered += [normalise(n.span) for n in record.notes if n.type == "untargeted" and n.span]
    blanked = text
    for span in sorted(covered, key=len, reverse=True):
        at = blanked.find(span)
        while span and at >= 0:
            blanked = blanked[:at] + " " * len(span) + blanked[at + len(span):]
            at = blanked.find(span)
    blanked = _NOT_QUANTITY.sub(lambda m: " " * len(m.group()), blanked)
    out = []
    for q in readings.quantities(blanked):
        if q.start and blanked[q.start - 1].isdigit():
            continue
        if q.value < 2 and not q.after.startswith(("%", ".")):
            continue   # 一体, 统一, 进一步: a lone 一 is a word far more often than a quantity
        arabic = blanked[q.start].isdigit()
        if (arabic and (_QUANTITY_AFTER.match(q.after) or not q.after)) or (
                not arabic and (q.percent or _CHINESE_QUANTITY_AFTER.match(q.after))):
            context = text[max(0, q.start - 6):q.end + 6]
            out.append(record.pos.problem(
                f"{where}: the number in '…{context}…' is in no target; record it as a target, or add a note "
                "of type untargeted whose span holds it and whose text says why", "warning"))
    return out


# --- responsibility -----------------------------------------------------------------------


@dataclass
class _Names:
    """Every unit's name and aliases in Simplified form, read once for all records."""
    by_place: dict[str, dict[str, Unit]]   # jurisdiction → name → unit
    of_unit: dict[str, set[str]]           # unit id → its names


def _names(corpus: Corpus) -> _Names:
    names = _Names({}, {})
    for unit in corpus.units.values():
        spellings = {normalise(name) for name in (unit.name, *unit.aliases)}
        names.of_unit[unit.id] = spellings
        place = names.by_place.setdefault(unit.jurisdiction, {})
        for spelling in spellings:
            place.setdefault(spelling, unit)
    return names


def _responsibility(record: Record, corpus: Corpus, named: _Names, where: str) -> list[Problem]:
    resp = record.responsibility
    out: list[Problem] = []
    if resp is None:
        return out
    refs = {ref.unit: ref for ref in resp.units}
    doc = corpus.documents[record.doc_id]
    scopes = corpus.jurisdiction_path(doc.jurisdiction)[::-1]
    items = raw_items(normalise(resp.raw), lambda name: _lookup(name, scopes, named))
    spelled: dict[str, set[str]] = {}   # unit → how the raw list spells it
    for item, resolved, _ in items:
        for one in resolved:
            spelled.setdefault(one.id, set()).add(item)
    body = normalise(f"{record.title or ''}。{record.text or ''}")
    raw = normalise(resp.raw)
    text = f"{body}。{raw}"
    for ref in resp.units:
        unit = corpus.units.get(ref.unit)
        if unit is None:
            continue
        names = named.of_unit[unit.id] | spelled.get(unit.id, set())
        if ref.basis == "stated" and not _role_stated(text, names, ROLE_WORDS[ref.role]):
            words = "/".join(ROLE_WORDS[ref.role])
            out.append(ref.pos.problem(
                f"{where}: {ref.unit} is '{ref.role}, stated', but no sentence of the record names it with "
                f"{words}; the role is inferred (e.g. from list order)"))
        if _joint(unit.name):
            out.append(ref.pos.problem(
                f"{where}: unit {ref.unit} ('{unit.name}') names a joint subject; record one unit per body, "
                "each with the same role and basis"))
    pos = record.at.get("responsibility", record.pos)
    # Where the source prints its own list (责任单位:…), that list is what the document assigns;
    # where the list is read out of the text, every body the text charges belongs in it.
    charged = _charged(normalise(record.text or ""), scopes, named) if raw in body else []
    for unit, context in charged:
        if unit.id not in refs:
            out.append(pos.problem(f"{where}: the text charges {unit.id} ('…{context}…'), which is not among "
                                   "the record's units", "warning"))
    for ref in resp.units:
        in_list = ref.unit in spelled
        if ref.named == "list" and not in_list and ref.unit in corpus.units:
            out.append(ref.pos.problem(
                f"{where}: {ref.unit} is not a body of responsibility.raw ('{resp.raw}'); a unit only the "
                "running text names is 'named: text'"))
        elif ref.named == "text" and in_list:
            out.append(ref.pos.problem(f"{where}: {ref.unit} is in responsibility.raw ('{resp.raw}'), "
                                       "so it is 'named: list'"))
        elif ref.named == "text" and ref.unit in corpus.units and not any(_in_text(n, body) for n in named.of_unit[ref.unit]):
            out.append(ref.pos.problem(f"{where}: {ref.unit} is 'named: text', but the record's text does not "
                                       "name it"))
    for item, units, _ in items:
        resolved = [u for u in units if u.id in refs]
        if not resolved:
            out.append(pos.problem(
                f"{where}: responsibility.raw names '{item}', which none of the record's units resolves to"))
    for joint in _joint_items(items) + _one_subject(items, raw, body):
        kinds = {(refs[u].role, refs[u].basis) for u in joint if u in refs}
        if len(kinds) > 1:
            out.append(pos.problem(
                f"{where}: the joint subject '{normalise(resp.raw)}' is split with different roles or bases "
                f"({', '.join(f'{u}: {refs[u].role}/{refs[u].basis}' for u in joint if u in refs)}); "
                "give each body of a joint subject the same role and basis"))
    return out


_CHARGE = ("要", "须", "必须", "应", "负责", "牵头", "配合", "密切配合")


_CHARGED_BY = ("要求", "责成")


def _one_subject(items: list[tuple[str, list[Unit], int | None]], raw: str, body: str) -> list[list[str]]:
    """The whole printed list as one joint subject, where the text charges it as one (要求全市各级
    党委、政府和各部门,把…; 各级党委和政府要…): each of its bodies then has the same role.  A list
    that marks its lead in brackets (X（牵头）、Y要…) gives its bodies their roles itself."""
    at = body.find(raw) if raw else -1
    if at < 0 or BRACKETED_ROLE.search(raw) or not (body[at + len(raw):].startswith(_CHARGE) or body[:at].endswith(_CHARGED_BY)):
        return []
    units = sorted({u.id for _, found, _ in items for u in found})
    return [units] if len(units) > 1 else []


def _in_text(name: str, body: str) -> bool:
    """Whether the text names a body: as written, or as one body of a joint subject, its first
    part followed closely by its head (各县（市、区）党委和政府 names 各县（市、区）政府)."""
    if name in body:
        return True
    for k in range(2, len(name) - 1):
        at = body.find(name[:k])
        while at >= 0:
            if name[k:] in body[at + k: at + k + len(name) + 8]:
                return True
            at = body.find(name[:k], at + 1)
    return False


def _charged(text: str, scopes: tuple[str, ...], named: _Names) -> list[tuple[Unit, str]]:
    """Units of the record's jurisdictions that the text makes the subject of a duty
    (各有关部门要…, 有关部门和群团组织密切配合), each once."""
    out, found = [], set()
    for place in scopes:
        for name, unit in named.by_place.get(place, {}).items():
            if unit.id in found:
                continue
            at = text.find(name)
            while at >= 0:
                follows = text[at + len(name):at + len(name) + 12]
                follows = re.sub(r"^(和|、)[^,，。;；]{1,8}?(?=要|须|应|负责|牵头|密切配合|配合)", "", follows)
                if follows.startswith(_CHARGE) and (at == 0 or text[at - 1] not in "各市县区级"):
                    out.append((unit, text[max(0, at - 4):at + len(name) + 4]))
                    found.add(unit.id)
                    break
                at = text.find(name, at + 1)
    return out


def _lookup(name: str, scopes: tuple[str, ...], named: _Names) -> Unit | None:
    return next((named.by_place[j][name] for j in scopes if name in named.by_place.get(j, {})), None)


def _role_stated(text: str, names: set[str], words: tuple[str, ...]) -> bool:
    text = text.replace("等", "")   # 民政、住建等部门相互配合 names 住建部门
    return any(any(n in s or _in_joint(n, s) for n in names) and any(w in s for w in words)
               or words is PARTICIPATING_WORDS and _beside_bracketed_lead(s, names)
               for s in _SENTENCE.findall(text))


# A role in brackets after a body in a list: 市民政局（牵头）、市财政局、市人社局.
BRACKETED_ROLE = re.compile(r"[(（](牵头|负责|配合|参与|协助|协办)[)）]")
BRACKETED_LEAD = ("牵头", "负责")


def _beside_bracketed_lead(sentence: str, names: set[str]) -> bool:
    """Whether a list in the sentence marks one body its lead in brackets and names a unit as
    another of its bodies: the list states the others take part.  The list runs on from the
    bracketed lead while its items end in a body's head word; its last item may carry the verb
    (县住建局（牵头）、县城管局要…)."""
    items = [i.strip() for i in _split(sentence, _LIST)]
    for k, item in enumerate(items):
        if not ((m := BRACKETED_ROLE.search(item)) and m.group(1) in BRACKETED_LEAD):
            continue
        for run in (items[k + 1:], items[:k][::-1]):
            for other in run:
                if any(other.endswith(n) or other.startswith(n) for n in names):
                    return True
                if not _head(other):
                    break
    return False


def _in_joint(name: str, sentence: str) -> bool:
    """Whether a sentence names a body inside a joint subject: 各县（市、区）党委和政府 names
    各县（市、区）政府, its level shared; 市委、市政府督查室 names 市委督查室, the office shared."""
    level = _PREFIX.match(name)
    if level and re.search(re.escape(level.group(1)) + r"[^,，。;；]{1,8}?[和、及与]" + re.escape(name[level.end():]),
                           sentence):
        return True
    organ = ORGAN.match(name)
    return organ is not None and re.search(re.escape(organ.group(0)) + r"[和、及与][^,，。;；]{1,8}?"
                                     + re.escape(name[organ.end():]), sentence) is not None


def _joint(name: str) -> bool:
    """Whether a unit name joins two bodies (党委和政府, 党委、政府)."""
    plain = normalise(name)
    for sep in ("和", "、", "及"):
        if sep in plain:
            left, right = plain.split(sep, 1)
            if _head(left) and _head(right):
                return True
    return False


_HEADS_LONGEST_FIRST = sorted(HEADS, key=len, reverse=True)


def _kind(name: str) -> str | None:
    """The kind of body a name's head says: 人民政府 and 政府 are one kind (县（市、区）政府 is
    县（市、区）人民政府 spelled short)."""
    head = _head(name)
    return "政府" if head == "人民政府" else head


def _head(name: str) -> str | None:
    name = name.replace("“", "").replace("”", "")
    return next((h for h in _HEADS_LONGEST_FIRST if name.endswith(h)), None)


# A role word and the adverb before it (积极参与, 密切配合) are not part of the body they follow.
_ROLE_PHRASES = re.compile(rf"({BRACKETED_ROLE.pattern}|(?:积极|主动|广泛|共同|密切)?(?:相互配合|牵头|负责|配合|参与)|等|所在)")
_LIST = "、,，"
_AND = "和及与"


def _split(raw: str, joiners: str) -> list[str]:
    """Items of a printed list; a joiner inside brackets (县(市、区)) does not split."""
    items, depth, current = [], 0, ""
    for ch in raw:
        depth += (ch in "(（“") - (ch in ")）”")
        if depth == 0 and ch in joiners:
            items.append(current)
            current = ""
        else:
            current += ch
    return [i for i in items + [current] if i]


def raw_items(raw: str, lookup) -> list[tuple[str, list[Unit], int | None]]:
    """The bodies a printed list names: (item, the unit it resolves to, the index of the item
    it borrowed a prefix or suffix from, if any).

    Items share a prefix forwards (各级党委、政府 → 各级政府) and a suffix backwards
    (规划、住建部门 → 规划部门; 市、县区规划主管部门 → 市规划主管部门); an item joined by 和
    (党委和政府) is two bodies unless the whole resolves (市工业和信息化委)."""
    names: list[str] = []
    for item in _split(_ROLE_PHRASES.sub("", raw), _LIST):
        names += [item] if lookup(item) or lookup(item.removeprefix("全市")) else _split(item, _AND)
    out: list[tuple[str, list[Unit], int | None]] = []
    for i, item in enumerate(names):
        candidates: list[tuple[str, int | None]] = [(item, None), (item.removeprefix("全市"), None)]
        before = next(((k, m.group(1)) for k in range(i - 1, -1, -1) if (m := _PREFIX.match(names[k]))), None)
        if before:
            candidates += [(before[1] + item, before[0]), (before[1].removeprefix("全市") + item, before[0])]
        if i + 1 < len(names):
            later = names[i + 1]
            m = _PREFIX.match(later)
            organ = ORGAN.match(later) if ORGAN.fullmatch(item) else None
            suffixes = ([later[m.end():]] if m else []) + [h for h in HEADS if later.endswith(h)] \
                + ([later[organ.end():]] if organ else [])
            candidates += [(item + suffix, i + 1) for suffix in suffixes]
        found = next(((lookup(name), partner) for name, partner in candidates if lookup(name)), (None, None))
        out.append((item, [found[0]] if found[0] else [], found[1]))
    return out


def _joint_items(items: list[tuple[str, list[Unit], int | None]]) -> list[list[str]]:
    """Groups of units named as one joint subject: an item and the item it borrowed from."""
    groups: dict[int, set[str]] = {}
    for i, (_, units, partner) in enumerate(items):
        if partner is not None and units and items[partner][1]:
            root = min(i, partner)
            groups.setdefault(root, set()).update({units[0].id, items[partner][1][0].id})
    return [sorted(g) for g in groups.values()]


# --- units --------------------------------------------------------------------------------


def _aliases(corpus: Corpus) -> list[Problem]:
    printed = "\n".join(normalise(f"{r.title or ''}{r.text or ''}{r.responsibility.raw if r.responsibility else ''}")
                        for r in corpus.records.values())
    out = []
    for unit in corpus.units.values():
        pos = unit.at.get("aliases", unit.pos)
        for alias in unit.aliases:
            if printed and normalise(alias) not in printed and not _in_text(normalise(alias), printed):
                out.append(pos.problem(f"unit {unit.id}: alias '{alias}' is printed in no record; "
                                       "aliases are spellings the sources print"))
            if _kind(normalise(alias)) != _kind(normalise(unit.name)):
                out.append(pos.problem(f"unit {unit.id}: alias '{alias}' does not name the same kind of body as "
                                       f"'{unit.name}'; give it a unit of its own"))
    return out


# --- relations ----------------------------------------------------------------------------

# What each relation type requires of the topics of its two records (source S, target T).
RELATION_RULES = {
    "equal": (lambda s, t: s == t, "both records address the same topics"),
    "subset": (lambda s, t: s <= t, "every topic of the source is a topic of the target"),
    "superset": (lambda s, t: s >= t, "every topic of the target is a topic of the source"),
    "intersects": (lambda s, t: bool(s & t), "the two records share a topic"),
}


def _relations(corpus: Corpus) -> list[Problem]:
    out = []
    for rel in corpus.relations:
        if rel.source not in corpus.mappings or rel.target not in corpus.mappings:
            continue
        rule, says = RELATION_RULES[rel.type]
        s, t = set(corpus.mappings[rel.source]), set(corpus.mappings[rel.target])
        if not rule(s, t):
            out.append(rel.at.get("type", rel.pos).problem(
                f"relation '{rel.source}' {rel.type} '{rel.target}': '{rel.type}' requires that {says}, "
                f"but the topics are {sorted(s)} and {sorted(t)}", "warning"))
    return out


# --- notes --------------------------------------------------------------------------------


def _artefact_counts(doc: Document, sources: Path | None) -> list[Problem]:
    notes = [n for n in doc.notes if n.type == "artefact-removed"]
    if not notes or not doc.source or sources is None:
        return []
    path = (sources / doc.source.file).resolve()
    if sources.resolve() not in path.parents:
        return []   # refused by load: content never reads outside its sources
    try:
        lines = read_source(path).split("\n")
    except (SourceError, OSError, ValueError):
        return []
    first, last = doc.source.body
    counts = {sum(len(PINYIN.findall(line)) for line in lines),
              sum(len(PINYIN.findall(line)) for line in lines[first - 1:last])}
    out = []
    for note in notes:
        for stated in (int(n) for n in _COUNT.findall(note.text)):
            if stated not in counts:
                out.append(note.pos.problem(
                    f"{doc.id}: the artefact note states {stated}处, but the source holds "
                    f"{' and '.join(str(c) for c in sorted(counts))} (whole file, body)"))
    return out
