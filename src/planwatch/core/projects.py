"""Named major projects in the 专栏: ``推进申联环保项目、百傲化学异噻唑啉酮系列产品项目…等建设``.

A 专栏 lists its projects in one of three ways:

- **lists in prose** (Jinpu): each item opens with its sector (``石油化工产业。``). Inside it, a list introduced
  by a building verb (推进 / 实施 / 建设 / 新建 …), whose members are separated by 、 and which ends at 等 or at
  the clause end, names projects; a member counts when it ends in a project word (项目, 工程, 中心, 基地, 园 …),
  so that lists of policies or places are not taken for projects.
- **``名称→内容`` items** (the national 11th plan): each item is one project, its name before the arrow and
  what it builds after it (``沃土工程→对增产潜力大的中低产田加大耕地质量建设力度…``). Only in a 专栏 whose title
  says it holds works (工程, 专项, 项目, 设施, 计划, 行动): the same layout also lists regions (专栏8 限制开发区域)
  and fields of investment (专栏18 重点领域), which are not projects. An item whose name is a sector and whose body
  lists routes or places with the class of work after them (专栏7 ``铁路→建设北京至上海、…等客运专线，…``) is a
  *sector line*: each route or place is one project (``北京至上海客运专线``), the item's name its sector. It is
  one when at least two such works are found; otherwise the item stays one project (专栏7 港口 and 水运, whose
  works are written as kinds of system or as whole river systems, not as named routes). A second item glued
  onto the same line after a full stop (``…检测技术。大型飞机→开发…``) is an item of its own.
- **a table** (a Word table pasted as TAB text, or a real table): the 专栏 heading is the table's first row or
  the line before it. The column headed 项目名称 / 名称 / 项目 / 工程 names the projects, one a row; 建设内容 /
  主要内容 is what each builds, and 类别 / 领域 / 行业 (a merged cell arrives once, then empty) its sector. A table
  without such a header (or whose 专栏 title is not about works, such as the main-indicator table) holds none.
"""

from __future__ import annotations

import re

from . import grammar as g
from .model import Node, Project
from .tasks import lead_sentence

_VERB = re.compile(r"(?:重点推进|加快推进|积极推进|推进|启动建设|加快建设|重点建设|实施|新建|建设)")
PROJECT_END = re.compile(r"(项目|工程|中心|基地|园区|产业园|园|平台|大厦|小镇|码头|枢纽|站|厂|馆|学校|小学|中学|医院|"
                         r"综合体|广场|街|城|二期|一期|三期)(（[^）]*）)?$")
# 城市快速路方面，推进… / 冷链物流，推进…: a sub-sector named before the list's verb
_SUB_SECTOR = re.compile(r"^(?!推进|实施|建设|新建|加快|重点|启动)([^，；、]{2,10}?)(?:方面)?，(?=重点|加快|推进|实施|建设|新建|启动)")
WORKS_TITLE = ("工程", "专项", "项目", "设施", "计划", "行动")  # any of them in a 专栏 title
_ARROW_ITEM = re.compile(r"^([^→。，；]{2,40})→(.+)$")
# The patterns below are only for 名称→内容 专栏 and project tables, which most plans do not have: kept as text, so
# that re compiles them when first used, not at every start-up (issue #16)
_GLUED_ITEM = r"(?<=。)(?=[^→。，；]{2,40}→)"  # …检测技术。大型飞机→开发…: a second item on the line
# the class of work a sector line's routes and places share: 客运专线, 城际轨道交通, 高速公路, 铁路扩能改造, 机场
_CLASS = r"(?:专线|轨道交通|铁路|公路|机场|港口|航道|码头|枢纽)(?:扩能改造|延伸线)?"
_LISTED_CLASS = rf"^[^、，的和及]{{0,6}}?{_CLASS}$"  # the K of …等K
_ROUTE_WITH_CLASS = rf"^(.+至.+?)((?:客运|城际|高速)?{_CLASS})$"  # 朔州至黄骅 + 铁路扩能改造
_SECTOR_VERB = r"^(?:适时|加快|继续)?(?:扩建|迁建|新建|改建|续建|建设)"
_NAME_HEADER = r"^(?:项目名称|工程名称|名称|重大项目|重点项目|重大工程|重点工程|项目|工程)$"
_CONTENT_HEADER = r"建设内容|主要内容|内容|规模"
_SECTOR_HEADER = r"^(?:类别|领域|行业|类型|产业|板块)$"


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


def _sector_works(body: str) -> list[tuple[str, str]]:
    """(name, the clause naming it) for each route or place with its class of work in a sector line's body."""
    works: list[tuple[str, str]] = []
    for sentence in body.split("。"):
        verb = re.match(_SECTOR_VERB, sentence)
        if not verb:
            continue
        for written in sentence[verb.end():].split("，"):
            clause = re.sub(_SECTOR_VERB, "", written)  # …等机场，迁建昆明、合肥等机场: each clause may have its verb
            listed, _, kind = clause.rpartition("等")
            if listed and re.match(_LISTED_CLASS, kind):  # 北京至天津、…、广州至珠海等城际轨道交通
                works.extend((f"{m.strip()}{kind}", written) for m in re.split(r"、|及", listed) if m.strip())
                continue
            members = clause.split("、")
            *routes, last = members
            head, _, tail = last.partition("和")  # …太原至中卫（银川）铁路和青藏铁路延伸线
            shared = re.match(_ROUTE_WITH_CLASS, head)
            if not shared or not routes or not all("至" in r for r in routes):
                continue
            works.extend((f"{r.strip()}{shared.group(2)}", written) for r in (*routes, shared.group(1)))
            if tail and re.search(rf"{_CLASS}$", tail):
                works.append((tail.strip(), written))
    return works


def _arrow_items(paragraphs: tuple[str, ...]) -> list[str]:
    return [item for p in paragraphs for item in (re.split(_GLUED_ITEM, p) if "→" in p else [p])]


def _from_prose(column: Node) -> list[Project]:
    projects: list[Project] = []
    works = any(w in column.title for w in WORKS_TITLE)
    for paragraph in _arrow_items(column.paragraphs):
        arrow = _ARROW_ITEM.match(paragraph)
        if arrow:
            if works:
                name, body = arrow.group(1).strip(), arrow.group(2).strip()
                listed = _sector_works(body)
                if len(listed) >= 2:  # a sector line: 铁路→建设北京至上海、…等客运专线
                    projects.extend(Project(name=work, column=column.label, column_title=column.title, sector=name,
                                            node=column.id, description=clause) for work, clause in listed)
                else:
                    projects.append(Project(name=name, column=column.label, column_title=column.title, sector="",
                                            node=column.id, description=body))
            continue
        parts = lead_sentence(paragraph)
        sector, body = parts if parts else ("", paragraph)
        for clause in re.split(r"[；。]", body):
            sub = _SUB_SECTOR.match(clause)
            sub_sector = sub.group(1) if sub else ""
            for name in _members(clause):
                projects.append(Project(name=name, column=column.label, column_title=column.title,
                                        sector="／".join(s for s in (sector, sub_sector) if s), node=column.id))
    return projects


def _from_table(rows: tuple[tuple[str, ...], ...], label: str, title: str, node_id: str) -> list[Project]:
    """One project per row under a 项目名称 header; the rows above the header are the 专栏 caption."""
    if not any(w in title for w in WORKS_TITLE):
        return []
    cells = [[re.sub(r"\s+", "", c) for c in row] for row in rows]
    header_at = next((i for i, row in enumerate(cells) if any(re.match(_NAME_HEADER, c) for c in row)), None)
    if header_at is None:
        return []
    header = cells[header_at]
    name = next(i for i, c in enumerate(header) if re.match(_NAME_HEADER, c))
    content = next((i for i, c in enumerate(header) if i != name and re.search(_CONTENT_HEADER, c)), None)
    sector_at = next((i for i, c in enumerate(header) if i != name and re.match(_SECTOR_HEADER, c)), None)
    projects: list[Project] = []
    sector = ""
    for row, raw in zip(cells[header_at + 1:], rows[header_at + 1:], strict=True):
        if sector_at is not None and sector_at < len(row) and row[sector_at]:
            sector = row[sector_at]  # a merged 类别 cell arrives once, then empty
        project = row[name] if name < len(row) else ""
        if len(project) < 2 or re.fullmatch(r"[\d.、（）()]+|合计|小计|—+", project):
            continue
        description = raw[content].strip() if content is not None and content < len(raw) else ""
        projects.append(Project(name=project, column=label, column_title=title, sector=sector, node=node_id,
                                description=description))
    return projects


def _caption(rows: tuple[tuple[str, ...], ...]) -> re.Match[str] | None:
    """The 专栏 heading written as the first row of a table (one non-empty cell)."""
    if not rows:
        return None
    filled = [c.strip() for c in rows[0] if c.strip()]
    return g.COLUMN.match(filled[0]) if len(set(filled)) == 1 else None


def extract_projects(root: Node) -> list[Project]:
    projects: list[Project] = []
    for parent in root.walk():
        for i, child in enumerate(parent.children):
            if child.kind == "column":
                projects.extend(_from_prose(child))
                after = parent.children[i + 1] if i + 1 < len(parent.children) else None
                if not child.paragraphs and after is not None and after.kind == "table" and not after.title:
                    # 专栏3-1 重大项目 on its own line, then the table: the table is the 专栏's body
                    projects.extend(_from_table(after.rows, child.label, child.title, child.id))
            elif child.kind == "table" and (caption := _caption(child.rows)):
                projects.extend(_from_table(child.rows, g.normalise_label(caption.group(1)), caption.group(2).strip(),
                                            child.id))
    return projects
