"""The report's tables as an Excel workbook: one sheet per table (a 分工方案's 重点任务分工表, 重大项目分工表,
量化承诺分工表; an evaluation's indicator tables), named by the table's caption, the title above the header.
Text that a spreadsheet would take for a formula is written as text (``planwatch.exports.safe_cell``)."""

from __future__ import annotations

import io
from collections.abc import Iterator

from .content import Report, Section, Table
from .layout import text_width


def _tables(sections: tuple[Section, ...]) -> Iterator[Table]:
    for sec in sections:
        yield from sec.tables
        yield from _tables(sec.children)


def write_xlsx(report: Report) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    from ..exports import safe_cell

    wb = openpyxl.Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    used: set[str] = set()
    for number, table in enumerate(_tables(report.sections), start=1):
        name = (table.caption or f"表{number}")[:31]  # Excel's limit on a sheet name
        while name in used:
            name = f"{name[:28]}{number}"
        used.add(name)
        ws = wb.create_sheet(name)
        ws.append([safe_cell(report.title + (f"：{table.caption}" if table.caption else ""))])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([safe_cell(h) for h in table.header])
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append([safe_cell(c) for c in row])
        wrap = Alignment(wrap_text=True, vertical="top")
        for j, header in enumerate(table.header):
            letter = ws.cell(row=2, column=j + 1).column_letter
            widest = max([text_width(header), *(text_width(r[j]) for r in table.rows)])
            ws.column_dimensions[letter].width = min(60, max(6, round(widest * 2 + 2)))
            for r in range(3, 3 + len(table.rows)):
                ws.cell(row=r, column=j + 1).alignment = wrap
        ws.freeze_panes = "A3"
    if not wb.sheetnames:
        wb.create_sheet("说明").append([report.title, "本报告没有表格"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
