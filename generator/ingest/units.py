"""Responsible units wherever a text names them, resolved against ``content/units.yaml``.

Three ways of writing them, in the order they are tried:

- a trailing parenthesis, (责任单位:A、B、C等): the first listed leads, the rest take part,
  both inferred from list order;
- lines of their own after a task, 责任单位:… / 牵头单位:… / 配合单位:… / 主办:… / 协办:…;
  a 牵头/配合/主办/协办 label states the role, a 责任单位 list infers it from order;
- running text: 由X牵头,Y配合; X负责…; X要/应…; 主办机关为X,协办机关为Y.  A role is stated
  where the sentence says 牵头/负责/主办 (配合/参与/协助/协办); a body charged with 要/应 leads,
  inferred.

In any list a role in brackets (市民政局（牵头）、市财政局、市人社局) is stated: the bracketed
body leads, and the others of a list with a bracketed lead take part.

A body that ``units.yaml`` does not list is drafted as a stub in its jurisdiction's section,
its function guessed from its name, marked for review.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.content import yamlfile

# The content checks read a printed list with the same head words, shared prefixes and splitting.
from generator.content.checks import _PREFIX as _SHARED_PREFIX
from generator.content.checks import _ROLE_PHRASES, BRACKETED_LEAD, BRACKETED_ROLE, HEADS, ORGAN
from generator.content.checks import _split as _split_raw
from generator.ingest import stubs
from generator.ingest.detect import simplified

# --- finding ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    name: str       # as printed
    role: str       # lead or participating
    basis: str      # stated or inferred


@dataclass(frozen=True)
class Found:
    raw: str                   # the list as printed
    etc: bool
    units: tuple[Named, ...]
    how: str                   # "parenthesis", "own line" or "running text"
    cut: int | None = None     # where a trailing parenthesis starts (cut from the text)


_LIST_LABELS = ("责任单位", "责任部门", "责任主体", "实施单位")
_LEAD_LABELS = ("牵头单位", "牵头部门", "主办单位", "主办机关", "主办部门", "主办")
_PART_LABELS = ("配合单位", "配合部门", "参与单位", "协办单位", "协办机关", "协办部门", "协办")
_STATED_LABELS = ("牵头", "配合", "参与", "主办", "协办")   # label words the content checks read as a stated role
_ALL_LABELS = "|".join(sorted(_LIST_LABELS + _LEAD_LABELS + _PART_LABELS, key=len, reverse=True))
# One level of brackets may nest inside: (责任单位:各乡(镇)人民政府、县民政局).
_PAREN = re.compile(rf"[(（]((?:{_ALL_LABELS})[:：](?:[^()（）]|[(（][^()（）]*[)）])+)[)）]\s*$")
_LINE = re.compile(rf"^(?:{_ALL_LABELS})[:：]\s*(.+?)[。;；]?$")
_LABEL_AT = re.compile(rf"(?:^|(?<=[;；。\s(（]))({_ALL_LABELS})[:：]\s*")


def label_line(line: str) -> bool:
    """A line that names units under a label (责任单位:…), of its own; not a site's footer
    (主办单位:…省民政厅办公室 地址:… 电话:…)."""
    hans = simplified(line)
    return bool(_LINE.match(hans)) and not _FOOTER.search(hans)


# 承办单位 names who runs a website; a document's own lines name 主办/协办, never 承办单位.
_FOOTER = re.compile(r"(?i)地址|电话|邮编|网站|版权|技术支持|icp|备案|copyright|承办单位")


def _split(raw: str, joiners: str) -> list[str]:
    return [item.strip() for item in _split_raw(raw, joiners) if item.strip()]


def split_list(raw: str, known=lambda name: False) -> list[str]:
    """Items of a printed list on 、,, and then on 和及与 where each part is a body of its own
    (市委组织部和市民政局, 各级党委和政府) but not where the whole is one (市工业和信息化委,
    市政务服务和大数据局); a joiner inside brackets (县(市、区)) does not split."""
    out = []
    for item in _split(raw, "、,，"):
        parts = _split(item, "和及与")
        if len(parts) > 1 and not known(item) and all(known(p) or simplified(p).endswith(HEADS) for p in parts):
            out += parts
        else:
            out.append(item)
    return out


def _listed(raw: str, role_of_first: str, rest: str, basis: str, known) -> list[Named]:
    plain = raw[:-1] if raw.endswith("等") else raw
    items = [n.removesuffix("等") for n in split_list(plain, known)]
    roles = [_bracketed(n) for n in items]
    if any(roles):
        return _with_brackets(items, roles, role_of_first, rest, basis)
    return [Named(n, role_of_first if i == 0 else rest, basis) for i, n in enumerate(items)]


def _bracketed(item: str) -> str | None:
    """The role an item's brackets state (市民政局（牵头）: lead), if any."""
    m = BRACKETED_ROLE.search(simplified(item))
    return None if not m else "lead" if m.group(1) in BRACKETED_LEAD else "participating"


def _with_brackets(items: list[str], roles: list[str | None], role_of_first: str, rest: str,
                   basis: str) -> list[Named]:
    """A list where some bodies carry their role in brackets: those roles are stated, and beside
    a bracketed lead every other body takes part, stated too."""
    lead = "lead" in roles
    out = []
    for i, (item, role) in enumerate(zip(items, roles, strict=True)):
        m = BRACKETED_ROLE.search(simplified(item))   # Simplified keeps the places of the characters
        name = item[:m.start()] + item[m.end():] if m else item
        if role:
            out.append(Named(name, role, "stated"))
        elif lead:
            out.append(Named(name, "participating", "stated"))
        else:
            out.append(Named(name, role_of_first if i == 0 else rest, basis))
    return out


def parenthesis(text: str, known) -> Found | None:
    """A trailing (责任单位:A、B、C等) or (牵头单位:A;配合单位:B、C) in either script.  A list
    by role stays in the text, which then states the roles; a plain list is cut from it."""
    hans = simplified(text)
    m = _PAREN.search(hans)
    if not m:
        return None
    named, raw = _labelled(text, hans, m.start(1), m.end(1), known)
    if not named or raw is None:
        return None
    stated = any(n.basis == "stated" for n in named)
    return Found(raw, raw.endswith("等"), tuple(named), "parenthesis", None if stated else m.start())


def _labelled(text: str, hans: str, start: int, end: int, known) -> tuple[list[Named], str | None]:
    """The units of the labelled lists between ``start`` and ``end`` (牵头单位:A;配合单位:B),
    and the first list as printed."""
    named: list[Named] = []
    raw = None
    found = list(_LABEL_AT.finditer(hans, start, end))
    for m, after in _pairs(found):
        value = text[m.end():after.start() if after else end].rstrip("。;；  ")  # noqa: B005  # a set of characters
        if value:
            raw = raw or value
            named += _by_label(m.group(1), value, known)
    return named, raw


def _by_label(label: str, raw: str, known) -> list[Named]:
    stated = "stated" if any(w in label for w in _STATED_LABELS) else "inferred"
    if label in _LEAD_LABELS:
        return _listed(raw, "lead", "lead", stated, known)
    if label in _PART_LABELS:
        return _listed(raw, "participating", "participating", stated, known)
    return _listed(raw, "lead", "participating", "inferred", known)


def own_lines(text: str, known) -> Found | None:
    """Label lines in a record's text (责任单位:… / 牵头单位:… 配合单位:…), the first one's list
    as ``raw``."""
    hans = simplified(text)
    named: list[Named] = []
    raw = None
    for line_start, line in _lines_at(hans):
        more, first = _labelled(text, hans, line_start, line_start + len(line), known)
        named += more
        raw = raw or first
    if not named or raw is None:
        return None
    return Found(raw, raw.endswith("等"), tuple(named), "own line")


def _lines_at(text: str):
    at = 0
    for line in text.split("\n"):
        if _LINE.match(line.strip()):
            yield at, line
        at += len(line) + 1


def _pairs(items: list):
    return zip(items, items[1:] + [None])


# Running text, on the Simplified copy.  A subject is a clause's opening words up to the verb.
_CLAUSE = re.compile(r"[^。;；,，:：!?！？\n]+")
_OPENERS = re.compile(r"^(?:[一二三四五六七八九十]+是|请|同时|此外|另外|并且|并|其中|对此|为此|今后|今年|下一步|《[^》]*》(?:还|也)?(?:要求|明确|指出|规定|提出)?"
                      r"|(?:要求|明确|规定|提出))")
# 负责 is a duty, 负责人 and 负责同志 a person.
# How a body takes its part, between its name and the role word: 具体负责, 予以配合.
_MANNER = r"(?:具体|主要|分别|统一|共同|相互|密切|积极|予以|按职责分工|按职责)?"
# The words that say a body leads or takes part, once for every pattern below.
# A role word in brackets after a body (市民政局（牵头）、…) marks that body, it is not the verb.
_LEADS = r"(?<![(（])(?:牵头|负总责|负主体责任|负责(?!人(?!民)|同志))"   # 负责人民调解 is a duty
_PARTS = r"(?<![(（])(?:配合|参与|协助|协同)"
# X对…负总责: what a body answers for may stand between it and the role word.
_LEAD_RUN = re.compile(rf"^由?(?P<x>.+?)(?:对[^,，。;；]{{1,20}}?)?{_MANNER}(?:{_LEADS}|主办)")
_PART_RUN = re.compile(rf"^(?P<x>.+?)(?:等(?P<suffix>部门|单位))?{_MANNER}(?:{_PARTS}|协办)")
# A role said after the modal (X要牵头抓总, Y要积极配合) or as the body's title (X为牵头单位).
_MODAL = r"(?:要|应当|应(?!急)|须|必须)(?:积极|主动|切实|密切|全力)?"
_MODAL_LEAD = re.compile(rf"^(?P<x>.+?){_MODAL}{_LEADS}")
_MODAL_PART = re.compile(rf"^(?P<x>.+?){_MODAL}{_PARTS}")
# X是本次行动的牵头部门; X是推进社区协商的责任主体
_AS_LEAD = re.compile(r"^(?P<x>.+?)(?:为|是)[^,，。;；]{0,16}?(?:牵头(?:单位|部门)|责任主体)")
_AS_PART = re.compile(r"^(?P<x>.+?)(?:为|是)[^,，。;；]{0,12}?(?:配合|参与)(?:单位|部门)")
# A class of bodies named by place: 各乡(镇), 各县(市、区), 各区.
_COLLECTIVE = re.compile(r"^各[^\s,，。;；]{0,8}?(?:乡|镇|县|区|市|街道|村|社区)(?:[(（][^()（）]{1,6}[)）])?$")
_DUTY = re.compile(r"^(?P<x>.+?)是[^,，。;；]{0,30}?(?:责任主体|第一责任人|投入主体|实施主体)")
# A body set up at a clause's end, and the duty the next clause gives it.
_SET_UP = re.compile(r"(?:成立|设立|组建)(?P<x>[^,，。;；]+)$")
_ITS_DUTY = re.compile(rf"^(?:专门|具体|主要)?{_LEADS}")
_LEAD_THEN = re.compile(r"(牵头|负责|主办)、")
_TOGETHER = re.compile(r"会同(?P<x>[^,，。;；]+?)(?:等(?P<suffix>部门|单位))?(?=共同|每年|开展|进行|予以|做好|对|在|研究|制定|联合|全面|进一步|加强|建立|推进|提出|督促|落实|每|给予|培育|组织开展|编制|实施|统筹|[,，。;；]|$)")
_BY = re.compile(rf"由(?P<x>[^由]+?)(?:{_LEADS}|主办)")
# 由X通过…解决: the body the clause charges, named by 由 before how it acts.
_BY_ACTING = re.compile(r"由(?P<x>[^由]+?)(?=通过|采取|予以|依法|会同)")   # 由X会同Y予以…: Y takes part
# A charged subject's duty that states it leads (the content checks' lead words).
_OWN_DUTY = re.compile(r"主体责任|负总责|发挥牵头")   # X要发挥牵头协调作用: X leads, in so many words
# X参与Y情况纳入…: the body's part is what is measured, not a duty it is given.
_MENTION = re.compile(r"[^,，。;；]{0,12}?情况")
# Head words of a body's name: the content checks' own, offices (督查室, 法制室), brigades
# (消防救援大队) and the people's organisations (县妇联, 县残联, 县科协).
_BODY_HEADS = (*HEADS, "室", "党校", "大队", "支队", "妇联", "残联", "工商联", "文联", "侨联", "科协", "领导小组")
# A charged subject: before a modal (要, 应), 会同, or an activity at set times (每半年开展…); a
# budget line (县财政每年安排…) or a meeting (议事会每季度至少召开…) is not read as a charge.
_CHARGE = re.compile(r"^(?P<x>.+?)(?:要|应当|应(?!急)|须|必须|将|不得|不予|抓好|把|按照|按|定期|每(?:年|半年|季度|月)(?=开展|组织|进行|召开|通报|评估|督查|检查|对)|会同)(?!求)")
# A body whose opinion must be sought takes part: 须征求民政部门及所在街道办的意见.
_CONSULTED = re.compile(r"征求(?P<x>[^,，。;；]+?)的?意见")
# A clause of bodies alone, the duty in the next clause: X,把… / X,切实加强…
_WHOLE_PLACE = re.compile(r"^全(?:省|市|州|县|区)")
_CONTINUES = re.compile(r"[,，](?:把|将|切实|进一步|认真|要|务必)")
# A parenthesis that says who leads and who takes part, without a label: (X牵头,Y、Z配合).
_ROLE_PAREN = re.compile(r"[(（]((?:[^()（）:：]|[(（][^()（）]*[)）])+?(?:牵头|负责|配合|参与|协助|协同|主办|协办)"
                         r"(?:[^()（）:：]|[(（][^()（）]*[)）])*)[)）]")
_HOSTED = re.compile(r"(?P<label>主办|协办)(?:机关|单位|部门)?(?:为|是|[:：])(?P<x>[^。;；,，\n]+)")
NAME_MAX = 30
# The document's own lists (各责任单位要…) name no body.
_OWN_LISTS = re.compile(r"^各?(?:责任|牵头|配合|成员|相关责任)单位$")
# A bare 有关部门 that a lead acts together with (市民政局要会同有关部门…) is no body to charge;
# charged itself (各有关部门要…), or in a list, it is one.
_UNNAMED = re.compile(r"^(?:各|其他|其它)?(?:有关|相关)(?:部门|单位)$")
# A subject that starts with a preposition or a verb, or holds 的, is a clause, not a body.
_NOT_SUBJECT = re.compile(r"^(?:在|对|把|将|按|通过|以|为|从|向|与|和|同|及|依法|需要|引导|鼓励|支持|推动|推进|加强|建立|完善|"
                          r"发挥|积极|充分|广泛|发动|动员|号召|进一步|全面)|的")


def _bodies(subject: str, known, suffix: str = "") -> list[str] | None:
    """The bodies a subject names, or ``None`` unless every item reads as a body (a known
    unit, or a name ending in a body's head word: 局, 部门, 政府 …).  Items share a head
    word (规划、住建部门; 民政、住建等部门), a prefix (县级党委、政府) or the rest of a later
    name (市、县区城乡规划主管部门).  A subject that is a clause (有条件的县区) names the known
    body it ends with."""
    if not subject or len(subject) > NAME_MAX or _OWN_LISTS.match(subject):
        return None
    if _NOT_SUBJECT.search(subject):
        tail = _known_tail(subject, known)
        return [tail] if tail else None
    items = [item.removeprefix("所在") for item in split_list(subject.removesuffix("等"), known)]
    if not items:
        return None
    organ = ORGAN.match(items[-1])
    if organ and len(items[-1]) > organ.end():
        office = items[-1][organ.end():]
        items = [item + office if ORGAN.fullmatch(item) else item for item in items[:-1]] + [items[-1]]
    shared = suffix or _head(items[-1])
    later = _SHARED_PREFIX.match(items[-1])
    rest = items[-1][later.end():] if later else ""
    out = []
    level = _prefix(items[0])
    for i, item in enumerate(items):
        prefix = _prefix(items[i - 1]) if i else None
        whole = _WHOLE_PLACE.sub("", item)   # 全市各级党委 is the known 各级党委
        if whole != item and known(whole):
            out.append(whole)
        elif prefix and not known(item) and (known(_WHOLE_PLACE.sub("", prefix + item)) or item in HEADS):
            out.append(_WHOLE_PLACE.sub("", prefix + item)   # 县级党委、政府 names 县级政府
                       if known(_WHOLE_PLACE.sub("", prefix + item)) else prefix + item)
        elif shared == "部门" and i < len(items) - 1 and not known(item) and not item.endswith(_OWN_HEADS) \
                and _prefix(item) != item and not _COLLECTIVE.match(item):   # 各乡（镇）、各部门: two bodies
            out.append(item + shared)   # 县级财政、民政部门: 县级财政部门 …
        elif i and level and item.endswith("部门") and not _SHARED_PREFIX.match(item) and not known(item):
            out.append(level + item)    # … and 县级民政部门
        elif known(item) or (item.endswith(_BODY_HEADS) and len(item) > 1 and (item not in HEADS or item == "街道办")) \
                or _COLLECTIVE.match(item):
            out.append(item)
        elif shared and known(item + shared):
            out.append(item + shared)
        elif rest and known(item + rest):
            out.append(item + rest)
        elif shared and suffix:
            out.append(item + shared)
        else:
            return None
    return out


def _known_tail(subject: str, known) -> str | None:
    """The longest known body name ``subject`` ends with (of two characters or more)."""
    return next((subject[-k:] for k in range(len(subject) - 1, 1, -1) if known(subject[-k:])), None)


# Heads that end a body's own name; a bare function word (财政, 民政) before …部门 takes the 部门.
_OWN_HEADS = ("部门", "局", "委", "办", "厅", "政府", "党委", "中心", "院", "会", "站", "组织", "单位", "部", "所")
def _prefix(item: str) -> str | None:
    """The level an item starts with (县级, 各县（市、区）), which the next items share."""
    m = _SHARED_PREFIX.match(item)
    return m.group(1) if m else None


def _head(name: str) -> str:
    return next((h for h in sorted(HEADS, key=len, reverse=True) if name.endswith(h)), "")


def running_text(text: str, known) -> Found | None:
    """Units a text names in its sentences; ``known(name)`` says whether units.yaml knows a name.

    ``raw`` is a subject as printed, with its 牵头/负责/配合 (which the content checks read as
    the stated role), and the 配合 clause right after a 牵头 one: X牵头,Y配合."""
    hans = simplified(text)
    named: list[Named] = []
    spans: list[tuple[int, int, int]] = []   # start, end, how many bodies it names
    for hosted in _HOSTED.finditer(hans):
        items = _bodies(hosted.group("x").strip(), known)
        if items:
            role = "lead" if hosted.group("label") == "主办" else "participating"
            spans.append((hosted.start("x"), hosted.end("x"), len(items)))
            named += [Named(_printed(text[hosted.start("x"):hosted.end("x")], i), role, "stated") for i in items]
    # 由X牵头、Y配合: the lead's role word ends its clause, as a comma would.
    founded: tuple[int, int, list[str]] | None = None   # the body the previous clause sets up
    # (X牵头，Y、Z配合) after a sentence: its clauses are read as the sentence's own.
    clauses = _ROLE_PAREN.sub(lambda m: "，" + m.group(1) + "。", _LEAD_THEN.sub(lambda m: m.group(1) + "，", hans))
    for c in _CLAUSE.finditer(clauses):
        clause = c.group(0).lstrip()
        offset = c.start() + len(c.group(0)) - len(clause)
        if founded and _ITS_DUTY.match(clause):   # 各县区要成立社区工作办公室,专门负责…
            start, end, items = founded
            spans.append((start, end, len(items)))
            named += [Named(_printed(text[start:end], item), "lead", "stated") for item in items]
        setup = _SET_UP.search(clause)
        items = _bodies(setup.group("x"), known) if setup else None
        founded = (offset + setup.start("x"), offset + setup.end("x"), items) if setup and items else None
        opener = _OPENERS.match(clause)
        if opener:
            clause, offset = clause[opener.end():], offset + opener.end()
        if _CONTINUES.match(hans, c.end()):
            clause += "要"   # 要求全市各级党委、政府和各部门,把…摆在…: the bodies are charged
        partners = _partners(_TOGETHER.match(clause), text, offset, known) if named else []
        if partners:   # X要加强协调,会同Y开展…
            named += partners
            continue
        consulted = _CONSULTED.search(clause)
        if consulted and (bodies := _bodies(consulted.group("x"), known)):
            at = offset + consulted.start("x")
            spans.append((at, offset + consulted.end("x"), len(bodies)))
            named += [Named(_printed(text[at:offset + consulted.end("x")], b), "participating", "inferred")
                      for b in bodies]
            continue
        for pattern, role, basis in ((_BY, "lead", "stated"), (_BY_ACTING, "lead", "inferred"),
                                     (_LEAD_RUN, "lead", "stated"),
                                     (_PART_RUN, "participating", "stated"),
                                     (_MODAL_LEAD, "lead", "stated"), (_MODAL_PART, "participating", "stated"),
                                     (_AS_LEAD, "lead", "stated"), (_AS_PART, "participating", "stated"),
                                     (_DUTY, "lead", "inferred"),
                                     (_CHARGE, "lead", "inferred")):
            m = pattern.search(clause) if pattern in (_BY, _BY_ACTING) else pattern.match(clause)
            if not m or (pattern is _PART_RUN and _MENTION.match(clause, m.end())):
                continue
            if pattern in (_LEAD_RUN, _PART_RUN) and clause.startswith("的", m.end()):
                continue   # 确需居委会协助的, X负责的工作: a condition or a thing, not a duty
            subject = BRACKETED_ROLE.sub("", m.group("x"))   # X（牵头）、Y、Z要…
            items = _bodies(subject, known, m.groupdict().get("suffix") or "")
            if items is None:
                continue
            if subject != m.group("x"):
                named += _marked(m.group("x"), items, text, offset + m.start("x"), known)
                spans.append((offset + m.start("x"), offset + m.end("x"), len(items)))
                break
            start = offset + m.start("x")
            if len(items) == 1 and m.group("x") != items[0] and m.group("x").endswith(items[0]):
                start = offset + m.end("x") - len(items[0])   # the body a clause ends with
            verb = clause[m.end("x"):m.end()]
            if pattern is _CHARGE and _OWN_DUTY.search(clause, m.end()):
                basis = "stated"   # X要履行主体责任, X负总责: the text says X leads
                verb = "总"         # the role word is not the verb: the raw is the subject alone
            # The raw keeps the role word only where the content checks strip it again (牵头, 配合);
            # 具体负责, 予以配合, 协助 would be read as part of the body's name.
            said = basis == "stated" and "总" not in verb \
                and _ROLE_PHRASES.fullmatch(re.sub(r"^等(?:部门|单位)", "", verb))
            end = offset + (m.end() if said else m.end("x"))
            spans.append((start, end, len(items)))
            named += [Named(_printed(text[start:end], item), role, basis) for item in items]
            named += _partners(_TOGETHER.search(clause, m.end("x")), text, offset, known)   # X要会同Y…
            break
    if not named:
        return None
    # The longest list is the raw one: the content checks resolve its shared prefixes and
    # head words (县级党委、政府), which a body's name alone does not show.
    first = max(range(len(spans)), key=lambda k: (spans[k][2], -k))
    start, end, _ = spans[first]
    if first + 1 < len(spans) and 0 <= spans[first + 1][0] - end <= 1 and "牵头" in hans[start:end]:
        end = spans[first + 1][1]
    return Found(text[start:end], False, _once(named), "running text")


def _once(named) -> tuple[Named, ...]:
    """Each body once, where it is first named; stated if any place states its role."""
    merged: dict[str, Named] = {}
    for n in named:
        key = simplified(n.name)
        if key not in merged or n.basis == "stated" and merged[key].basis != "stated":
            merged[key] = n if key not in merged else Named(merged[key].name, n.role, "stated")
    return tuple(merged.values())


def _marked(subject: str, items: list[str], text: str, at: int, known) -> list[Named]:
    """The bodies of a subject list that marks roles in brackets (X（牵头）、Y、Z), as printed."""
    listed = split_list(subject, known)
    if len(listed) != len(items):
        return []
    printed = text[at:at + len(subject)]
    return list(_with_brackets([_printed(printed, i) for i in items], [_bracketed(i) for i in listed],
                               "lead", "lead", "inferred"))


def _partners(together: re.Match | None, text: str, offset: int, known) -> list[Named]:
    """The bodies a lead acts 会同 (together with): they take part, inferred; a bare 有关部门
    names none."""
    if not together or _UNNAMED.match(together.group("x")):
        return []
    bodies = _bodies(together.group("x"), known, together.group("suffix") or "") or []
    printed = text[offset + together.start("x"):offset + together.end("x")]
    return [Named(_printed(printed, b), "participating", "inferred") for b in bodies]


def _printed(printed: str, item: str) -> str:
    """``item`` (Simplified) as printed in ``printed``."""
    at = simplified(printed).find(item)
    return printed[at:at + len(item)] if at >= 0 else item


def from_cell(text: str, at: tuple[int, int] | None, known, partners: tuple[int, int] | None = None) -> Found | None:
    """The units of a task table's 责任单位 cell: a list, the first leading (inferred).  Beside a
    配合单位 cell, the first cell names the leads only and the 配合单位 cell the bodies that take
    part, inferred too: the header says the roles, the row's own text does not."""
    if not at or at[0] >= at[1]:
        return None
    raw = text[at[0]:at[1]].strip()
    helping = text[partners[0]:partners[1]].strip() if partners and partners[0] < partners[1] else ""
    named = _listed(raw, "lead", "lead" if partners else "participating", "inferred", known)
    if _cell_names(helping):
        named += _listed(helping, "participating", "participating", "inferred", known)
    return Found(raw, raw.endswith("等"), tuple(named), "table cell") if named else None


def _cell_names(cell: str) -> bool:
    """Whether a cell names anyone: an empty cell is printed as —, /, 无."""
    return bool(cell) and cell.strip("—－-/／ ") not in ("", "无")


def find(text: str, known) -> Found | None:
    """The units of a record's text: its printed list (a parenthesis or lines of their own),
    with the bodies its sentences charge.  A body named in both is one unit, stated if either
    place states its role."""
    listed = parenthesis(text, known) or own_lines(text, known)
    running = running_text(text if not listed or listed.cut is None else text[:listed.cut], known)
    if not (listed and running):
        return listed or running
    return Found(listed.raw, listed.etc, _once(listed.units + running.units), f"{listed.how} and running text",
                 listed.cut)


# --- resolving and stubs -----------------------------------------------------------------------


def registry(path: Path, key: str) -> list[dict]:
    """The items under ``key``, read by the content loader (which refuses aliases and tags);
    a file it cannot read is said on stderr, and ingest goes on without it."""
    if not path.exists():
        return []
    data, problems = yamlfile.load(path)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not isinstance(data, dict):
        return []
    return [item for item in data.get(key) or [] if isinstance(item, dict)]


@dataclass
class Units:
    """Unit ids by Simplified name or alias, with the jurisdiction each sits in, and the stubs
    drafted for bodies it does not list."""

    by_name: dict[str, list[tuple[str, str | None]]]   # a name → (unit id, its jurisdiction)
    functions: dict[str, str] = field(default_factory=dict)      # function id → name
    stubs: dict[str, dict] = field(default_factory=dict)          # Simplified name → stub
    parents: dict[str, str] = field(default_factory=dict)         # jurisdiction → its parent
    places: dict[str, str] = field(default_factory=dict)          # jurisdiction → its name
    aliases: dict[str, list[tuple[str, int]]] = field(default_factory=dict)   # listed unit → (new spelling, line)
    same: dict[str, dict[str, str]] = field(default_factory=dict)   # jurisdiction → same-body key → unit id

    @classmethod
    def load(cls, path: Path) -> Units:
        by_name: dict[str, list[tuple[str, str | None]]] = {}
        for unit in registry(path, "units"):
            for name in [unit.get("name"), *(unit.get("aliases") or [])]:
                if name and unit.get("id"):
                    by_name.setdefault(simplified(name), []).append((unit["id"], unit.get("jurisdiction")))
        functions = {f["id"]: f.get("name", "") for f in registry(path, "functions") if f.get("id")}
        return cls(by_name, functions)

    def known(self, name: str) -> bool:
        return simplified(name) in self.by_name

    def resolve(self, name: str, jurisdiction: str | None) -> tuple[str | None, list[str]]:
        """``(unit id, [])`` of the body in the jurisdiction or the nearest one above it (where
        the content checks look it up), or ``(None, candidates elsewhere)``.  Without a
        jurisdiction, a name only one unit bears."""
        found = self.by_name.get(simplified(name), [])
        for place in self.path(jurisdiction):
            local = [uid for uid, where in found if where == place]
            if local:
                return local[0], []
        if jurisdiction is None and len(found) == 1:
            return found[0][0], []
        return None, [uid for uid, _ in found]

    def path(self, jurisdiction: str | None) -> list[str]:
        out: list[str] = []
        while jurisdiction and jurisdiction not in out:
            out.append(jurisdiction)
            jurisdiction = self.parents.get(jurisdiction)
        return out

    def unit_for(self, name: str, jurisdiction: str, line: int) -> str:
        """The id of a body ``resolve`` does not know: a unit of the jurisdiction (listed or
        drafted) that is the same body spelled otherwise (各县（市、区）政府, 县（市、区）人民政府),
        which takes the spelling as an alias, or else a new stub."""
        keys = self._keys(jurisdiction)
        key = stubs.same_body(simplified(name), self.places.get(jurisdiction))
        uid = keys.get(key)
        if uid is None:
            uid = str(self.stub(name, jurisdiction, line)["id"])
            keys[key] = uid
            return uid
        self.by_name.setdefault(simplified(name), []).append((uid, jurisdiction))
        stub = next((s for s in self.stubs.values() if s["id"] == uid), None)
        if stub is None:
            self.aliases.setdefault(uid, []).append((name, line))
        elif name not in stub.get("aliases", []):
            stub.setdefault("aliases", []).append(name)
        return uid

    def _keys(self, jurisdiction: str) -> dict[str, str]:
        """Same-body key → unit id, for the units of one jurisdiction (read once)."""
        if jurisdiction not in self.same:
            place = self.places.get(jurisdiction)
            self.same[jurisdiction] = {stubs.same_body(name, place): uid for name, found in self.by_name.items()
                                       for uid, where in found if where == jurisdiction}
        return self.same[jurisdiction]

    def stub(self, name: str, jurisdiction: str, line: int) -> dict:
        """A stub unit for a body not in units.yaml (one per name), its function guessed."""
        key = simplified(name)
        if key in self.stubs:
            return self.stubs[key]
        function = stubs.guess_function(key, self.functions)
        kind, collective = stubs.guess_type(key), stubs.is_collective(key)
        words = stubs.slug(key, function, collective) or "unit"
        taken = {uid for ids in self.by_name.values() for uid, _ in ids} | {s["id"] for s in self.stubs.values()}
        # Two bodies doing the same (市委督查室, 市政府督查室) differ by type before by number.
        candidates = [f"{jurisdiction}-{words}"] + ([f"{jurisdiction}-{kind}-{words}"] if kind not in words else [])
        uid = next((c for c in candidates if c not in taken), None)
        n = 2
        while uid is None or uid in taken:
            uid, n = f"{candidates[0]}-{n}", n + 1
        stub: dict[str, object] = {"id": uid, "name": key, "jurisdiction": jurisdiction, "type": kind}

        if function:
            stub["function"] = function
        if collective:
            stub["collective"] = True
        if key != name:
            stub["aliases"] = [name]
        stub["line"] = line
        self.stubs[key] = stub
        self.by_name.setdefault(key, []).append((uid, jurisdiction))
        return stub
