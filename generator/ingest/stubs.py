"""What a unit stub guesses from a body's printed name: its type, its function, whether it
is a class of bodies (collective), and a readable id.

The id is the jurisdiction, then the level the name gives (county for 县级/县（市、区）,
township for 乡镇/街道 …), then what the body does (its function, or a word of its own:
social work, audit, veterans …), then the kind of body where that tells bodies apart
(departments, party committees), in the plural for a class of bodies: 各县（市、区）党委 →
``jinxi-county-party-committees``, 市委社会工作部 → ``jinxi-party-social-work``.  No pinyin;
a number is added only where two bodies would otherwise share an id.
"""

from __future__ import annotations

import re
import unicodedata

# Functions whose printed names differ from the registry's name for them (longest words first
# within a row of meaning); matched on the Simplified name.  Party-committee words are read
# only at the end of a name: 市委社会工作部 is a department of the committee, not the committee.
# The Communist Youth League's committees: a mass organisation, whatever 市委 their names hold.
_YOUTH_LEAGUE = ("团市委", "团县委", "团区委", "共青团")
_FUNCTION_WORDS = (*((w, "youth") for w in _YOUTH_LEAGUE), ("组织部", "organisation"), ("宣传部", "propaganda"), ("纪委", "discipline"),
                   ("住建", "housing-construction"), ("住房", "housing-construction"), ("人社", "human-resources"),
                   ("编办", "establishment"), ("政法委", "political-legal"), ("文明办", "civilisation"),
                   ("司法", "justice"), ("卫生健康", "health"), ("卫健", "health"), ("生态环境", "environment"),
                   ("乡村振兴", "poverty-alleviation"), ("居民委员会", "self-governing"), ("村民委员会", "self-governing"),
                   ("民委员会", "self-governing"), ("党组织", "party-committee"), ("职能部门", "departments"),
                   ("有关部门", "departments"), ("相关部门", "departments"),
                   ("乡镇", "township"), ("街道", "township"), ("人民政府", "local-government"), ("政府", "local-government"),
                   ("县（市、区）", "counties"), ("县(市、区)", "counties"), ("县区", "counties"))
_PARTY_COMMITTEE = re.compile(r"(?:党委|市委|县委|区委|州委|党工委|党[（(]工[)）]委|党组织)$")
# Types: mass organisations and party bodies before the generic words a government's name holds.
_TYPE_WORDS = (("人大", "legislature"), ("法院", "judicial"), ("检察", "judicial"),
               ("妇联", "mass-organisation"), *((w, "mass-organisation") for w in (*_YOUTH_LEAGUE, "团委")),
               ("工会", "mass-organisation"), ("残联", "mass-organisation"), ("科协", "mass-organisation"),
               ("民委员会", "other"), ("驻区单位", "other"),
               ("党委", "party"), ("党工委", "party"), ("党（工）委", "party"), ("党(工)委", "party"), ("工委", "party"),
               ("党组织", "party"), ("市委", "party"), ("县委", "party"), ("区委", "party"), ("组织部", "party"),
               ("宣传部", "party"), ("纪委", "party"), ("政法委", "party"), ("文明办", "party"), ("企业", "enterprise"),
               ("政府", "government"), ("局", "government"), ("厅", "government"), ("部门", "government"),
               ("办", "government"), ("委", "government"), ("中心", "government"), ("财政", "government"))
# A class of bodies: each of them (各…), all of a lower level (县级…, 村（居）…), or unnamed departments.
_COLLECTIVE = re.compile(r"^(?:全[市县区省]?)?各|^(?:县级|县[（(]市[、,，]区[)）]|乡镇|街道|社区|村)|部门$")
# The level a name sets, read at its start (after 各, 全市各级): the id's first word.
_LEVELS = ((re.compile(r"^(?:县级|县[（(]市[、,，]区[)）]|县市区|县区|县)"), "county"),
           (re.compile(r"^(?:街道[（(]乡镇[)）]|乡镇[（(]街道[)）]|乡镇|街道|镇街)"), "township"),
           (re.compile(r"^社区"), "community"), (re.compile(r"^村"), "village"), (re.compile(r"^(?:市级|市直)"), "city"))
# What a body does where no function in the registry says it, or says it too broadly: the id's words.
_SLUG_WORDS = (("社会工作部", "party-social-work"), ("督查室", "inspection-office"), ("审计", "audit"),
               ("大数据", "big-data"), ("医保", "medical-insurance"), ("医疗保障", "medical-insurance"),
               ("退役军人", "veterans"), ("城市管理", "urban-management"), ("市场监管", "market-regulation"),
               ("应急管理", "emergency"), ("工会", "trade-union"), ("残联", "disabled-persons"),
               *((w, "youth-league") for w in _YOUTH_LEAGUE),
               ("机关工委", "organs-work-committee"), ("驻区单位", "resident-units"), ("自然资源", "natural-resources"),
               ("法工委", "legislative-affairs-committee"), ("民委员会", "residents-committee"), ("交通", "transport"),
               ("水利", "water"), ("统计", "statistics"), ("有关部门", "relevant"), ("相关部门", "relevant"),
               ("职能部门", "functional"))
# The kind of body, at the end of its name: it tells a party committee from a government.
_KINDS = (("党（工）委", "party-committee"), ("党(工)委", "party-committee"), ("党工委", "party-committee"),
          ("党组织", "party-organisation"), ("党委", "party-committee"), ("部门", "department"), ("政府", "government"))
# Functions the kind or the level already says.
_SAID_BY_KIND = ("local-government", "party-committee", "township", "departments", "counties")
_PLURAL = {"committee": "committees", "government": "governments", "department": "departments",
           "organisation": "organisations", "office": "offices", "county": "counties", "township": "townships"}


def guess_function(name: str, functions: dict[str, str]) -> str | None:
    """A function id of the registry from a Simplified name."""
    word = next((fid for word, fid in _FUNCTION_WORDS if word in name and fid in functions), None)
    if word in ("youth", "self-governing"):
        return word
    if word == "local-government" and not name.endswith("政府"):
        word = None   # 市政府督查室 is an office of the government, not the government
    if _PARTY_COMMITTEE.search(name) and "party-committee" in functions:
        return "party-committee"
    plain = name.replace("人民", "")   # 人民政府 holds 民政; a government is a local government
    hits = [(len(fname), fid) for fid, fname in functions.items() if fname and fname in plain]
    if hits and not name.endswith("政府"):
        return max(hits)[1]
    return word


def guess_type(name: str) -> str:
    return next((kind for word, kind in _TYPE_WORDS if word in name), "other")


def is_collective(name: str) -> bool:
    return bool(_COLLECTIVE.search(name))


def slug(name: str, function: str | None, collective: bool) -> str | None:
    """The id's words after the jurisdiction (level, what it does, kind), or ``None`` where
    the name gives none."""
    level = next((word for pattern, word in _LEVELS if pattern.search(_ALL.sub("", name))), None)
    what = next((word for w, word in _SLUG_WORDS if w in name),
                None if function in _SAID_BY_KIND else function)
    kind = next((word for w, word in _KINDS if name.endswith(w)), None)
    words = [w for w in (level, what, kind) if w] or [w for w in (function,) if w]
    if not words:
        return None
    if collective:   # the last word in the plural: county-party-committees, civil-affairs-departments
        head, _, last = words[-1].rpartition("-")
        words[-1] = (head + "-" if head else "") + _PLURAL.get(last, last)
    return "-".join(words)


_ALL = re.compile(r"^(?:全[市县区省]?)?各(?:级)?")


# Spellings of one body that say nothing different: a class's 各, 人民 in a government's name,
# the brackets and separators of a list of levels (县（市、区）, 县市区, 县区; 区（县）; 乡（镇）),
# and the jurisdiction's own name before its level (鹤岭县民政局 is 鹤岭县's 县民政局; 中共鹤岭县委
# its 县委).
_SPELLINGS = ((re.compile(r"^中共"), ""), (re.compile(r"^(?:全[市县区])?各(?!级)"), ""), (re.compile("人民政府"), "政府"),
              (re.compile(r"县\(市[、,]区\)|县市区|县\(区[、,]市\)|县区"), "县区"), (re.compile(r"区\(县\)"), "区县"),
              (re.compile(r"乡\(镇\)"), "乡镇"))


def same_body(name: str, place: str | None) -> str:
    """What every spelling of one body in the jurisdiction named ``place`` comes to (Simplified
    names): two names with the same key are one body."""
    key = "".join(unicodedata.normalize("NFKC", name).split())
    if place and len(place) > 1:
        key = re.sub(rf"^(?:中共)?{re.escape(place[:-1])}(?={re.escape(place[-1])})", "", key)
    for pattern, spelled in _SPELLINGS:
        key = pattern.sub(spelled, key)
    return key
