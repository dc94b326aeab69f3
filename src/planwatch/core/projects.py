"""Named major projects in the 专栏: ``推进申联环保项目、百傲化学异噻唑啉酮系列产品项目…等建设``.

Each 专栏 item opens with its sector (``石油化工产业。``). Inside it, a list introduced by a
building verb (推进 / 实施 / 建设 / 新建 …), whose members are separated by 、 and which ends at
等 or at the clause end, names projects; a member counts when it ends in a project word (项目,
工程, 中心, 基地, 园 …), so that lists of policies or places are not taken for projects.
"""

from __future__ import annotations

import re

from .model import Node, Project
from .tasks import lead_sentence

_VERB = re.compile(r"(?:重点推进|加快推进|积极推进|推进|启动建设|加快建设|重点建设|实施|新建|建设)")
PROJECT_END = re.compile(r"(项目|工程|中心|基地|园区|产业园|园|平台|大厦|小镇|码头|枢纽|站|厂|馆|学校|小学|中学|医院|"
                         r"综合体|广场|街|城|二期|一期|三期)(（[^）]*）)?$")
# 城市快速路方面，推进… / 冷链物流，推进…: a sub-sector named before the list's verb
_SUB_SECTOR = re.compile(r"^(?!推进|实施|建设|新建|加快|重点|启动)([^，；、]{2,10}?)(?:方面)?，(?=重点|加快|推进|实施|建设|新建|启动)")


def _members(clause: str) -> list[str]:
    m = _VERB.search(clause)
    if not m:
        return []
    body = clause[m.end():]
    body = re.split(r"等(?:项目)?(?:建设|工程)?|，", body)[0]
    names = []
    for part in re.split(r"、|以及", body):
        part = part.strip("（） ")
        if part.count("“") > part.count("”"):
            part += "”"
        part = part.strip("“”") if part.startswith("“") and part.endswith("”") else part.lstrip("”")
        if 2 <= len(part) <= 40 and PROJECT_END.search(part) and not part.startswith(("一批", "一些", "多个")):
            names.append(part)
    return names


def extract_projects(root: Node) -> list[Project]:
    projects: list[Project] = []
    for column in (n for n in root.walk() if n.kind == "column"):
        for paragraph in column.paragraphs:
            parts = lead_sentence(paragraph)
            sector, body = parts if parts else ("", paragraph)
            for clause in re.split(r"[；。]", body):
                sub = _SUB_SECTOR.match(clause)
                sub_sector = sub.group(1) if sub else ""
                for name in _members(clause):
                    projects.append(Project(name=name, column=column.label, column_title=column.title,
                                            sector="／".join(s for s in (sector, sub_sector) if s),
                                            node=column.id))
    return projects
