"""Every enumeration of the content, declared once with the Chinese label a reader sees.

The schema takes its choices from these mappings (``tuple(GENRES)``), and pages, exports
and search take their labels from them, so a new choice cannot pass ``check`` and then
fail the build for want of a label: it has none until it is written here, with one.
"""

from __future__ import annotations

LEVELS = {"national": "全国", "province": "省级", "city": "市级", "county": "县级"}
LEVEL_ORDER = {level: rank for rank, level in enumerate(LEVELS)}   # national first

GENRES = {
    "opinion": "意见",                       # 意见 of the centre or a province
    "implementation-opinion": "实施意见",
    "draft-for-comment": "征求意见稿",
    "drafting-explanation": "起草说明",
    "news-report": "新闻报道",
    "survey-report": "调研报告",
    "notice": "通知",
    "law": "法律",
    "regulation": "法规规章",                 # 法规、实施办法
    "plan": "规划方案",                       # 规划、方案
    "other": "其他",
}

STATUSES = {
    "issued": "已印发",           # the source says it was issued or printed
    "draft": "征求意见稿",        # published for comment
    "reported": "经报道得知",     # known through a news report
    "cited-only": "仅见引用",     # known only because other sources cite it
    "unknown": "不详",
}

SOURCE_SCRIPTS = {
    "hans": "简体",
    "hant": "繁體",
    "hant-mixed": "繁体(机器转换,夹有简体字形)",   # machine-converted, some Simplified left
}

RECORD_KINDS = {
    "heading": "标题",                    # structural heading, title only
    "preamble": "前言",                   # purpose and basis of the document
    "significance": "重要意义",
    "guiding-thought": "指导思想",
    "principle": "基本原则",
    "goal": "目标",
    "task": "任务",                       # normative task or provision
    "safeguard": "保障措施",
    "responsibility": "部门职责",         # a body's duty, as a document assigns it
    "closing": "结语",                    # closing instruction
    "reported-provision": "报道所述条款",  # a news report's account of a provision
    "background": "背景",                 # narrative context in a report or explanation
    "finding": "调研发现",                # a measured status in a survey
    "problem": "问题",                    # a problem a source names
    "recommendation": "建议",             # a survey's recommendation
    "explanation": "起草说明",            # a drafting explanation's account
    "statement": "引述",                  # what a source says about another document
}

DATES = {"issued": "下发", "printed": "印发", "published": "发布", "drafted": "成文"}

ROLES = {"lead": "牵头", "participating": "参与"}
BASES = {"stated": "原文明示", "inferred": "推定（原文未写明牵头或配合）"}
# Where a unit is named: in the list the record's ``responsibility.raw`` copies, or only in the
# running text around it (有关部门和群团组织密切配合, after 各级党委和政府要…).
NAMED = {"list": "所列单位", "text": "正文另及"}

COMPARATORS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<", "range": "范围"}

TARGET_TYPES = {
    "target": "目标",      # a level to reach, usually by a deadline
    "standard": "标准",    # a rule every case must meet
    "finding": "实测",     # a measured status, not a requirement
}

NOTE_TYPES = {
    "sic": "原文如此",
    "joined": "段落拼接",
    "artefact-removed": "已删转换残留",
    "duplicate": "重复段落",
    "editorial": "编者按",
    "untargeted": "未列指标",   # a number in the text deliberately given no target
}

UNIT_TYPES = {"party": "党委机构", "government": "政府机构", "legislature": "人大", "mass-organisation": "群团组织",
              "judicial": "司法机关", "enterprise": "企业", "other": "其他"}

RELATION_TYPES = {"equal": "等同", "subset": "范围窄于", "superset": "范围宽于", "intersects": "部分重合"}

DOC_RELATIONS = {"implements": "贯彻落实", "describes": "说明或报道", "cites": "引用"}
DOC_RELATIONS_IN = {"implements": "被贯彻落实", "describes": "被说明或报道", "cites": "被引用"}
