"""Tasks: body paragraphs that open with a lead sentence (``谋划布局一批关键技术研发平台。…``).

Left out on purpose: the 专栏 items (they carry the projects, see projects.py), the principles and
goals written as ``——坚持…。`` and every paragraph of the context sections of a plan's first
chapter — the review of the last plan period, the development environment, the 2035 vision, the
guiding thought and the goals — which describe rather than assign work.
"""

from __future__ import annotations

from .model import Node, Task

# any of these words in a section title (substring tests: a compiled alternation cost start-up a million instructions)
CONTEXT_SECTION = ("成就", "回顾", "发展基础", "发展环境", "环境面临", "形势", "远景", "愿景", "指导思想", "基本原则",
                   "主要目标", "发展目标", "总体要求")
_TASK_KINDS = {"chapter", "section", "subsection", "clause", "part"}
MAX_LEAD = 40  # a lead sentence is a short heading-like sentence; longer first sentences are prose


def lead_sentence(paragraph: str) -> tuple[str, str] | None:
    """(lead, rest) when the paragraph opens with a short lead sentence followed by more text."""
    end = paragraph.find("。")
    if end < 2 or end > MAX_LEAD or end == len(paragraph) - 1:
        return None
    lead = paragraph[:end]
    if "，" in lead or "；" in lead or lead.startswith("——") or "：" in lead:
        return None
    return lead, paragraph[end + 1:].strip()


def extract_tasks(root: Node) -> list[Task]:
    tasks: list[Task] = []

    def visit(node: Node, in_context: bool) -> None:
        in_context = in_context or (node.kind == "section" and any(w in node.title for w in CONTEXT_SECTION))
        if node.kind in _TASK_KINDS and not in_context:
            for text in node.paragraphs:
                parts = lead_sentence(text)
                if parts:
                    tasks.append(Task(parts[0], parts[1], node.id))
        for child in node.children:
            if child.kind in _TASK_KINDS:
                visit(child, in_context)

    for top in root.children:
        visit(top, False)
    return tasks
