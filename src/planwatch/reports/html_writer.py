"""The same report as one self-contained HTML page (charts embedded, no external files).

Printed (``@media print``) it is an A4 document with the margins of the .docx: no page width limit, the notice
box and status colours kept, table header rows repeated on each page, no row, figure or heading split from what
follows; the title's lines are balanced (``text-wrap: balance``) so that none holds one character alone."""

from __future__ import annotations

import base64
import html

from .charts import render
from .content import STATUS_COLOURS, Report, Section, numbered, numbered_sections


def write_html(report: Report) -> bytes:
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{html.escape(report.title)}</title><style>",
        ("body{font-family:'FangSong','仿宋_GB2312','Noto Serif CJK SC',serif;max-width:800px;margin:2em auto;"
        "font-size:16pt;line-height:1.75}h1{font-family:'方正小标宋简体','Noto Serif CJK SC',serif;"
        "text-align:center;font-size:22pt}.sub{text-align:center}.notice{border:1px solid #e0b400;"
        "background:#fff8e1;padding:.5em}h2{font-family:'黑体','Noto Sans CJK SC',sans-serif;font-size:16pt}"
        "h3{font-family:'楷体_GB2312','KaiTi',serif;font-size:16pt;font-weight:normal}table{border-collapse:collapse;"
        "font-size:10.5pt;width:100%}td,th{border:1px solid #333;padding:2px 4px}figure{text-align:center}"
        "img{max-width:100%}p{text-indent:2em;margin:0}h1{text-wrap:balance}caption{font-family:'黑体',sans-serif;"
        "font-size:12pt;padding:.3em}thead{display:table-header-group}"
        "@page{size:A4;margin:37mm 26mm 35mm 28mm}"
        "@media print{body{max-width:none;margin:0;font-size:16pt}"
        "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
        "tr,figure,img,.notice{break-inside:avoid}h2,h3,h4,caption{break-after:avoid}"
        "table{break-inside:auto}a{color:inherit;text-decoration:none}}</style></head><body>"),
        f"<h1>{html.escape(report.title)}</h1><p class='sub'>{html.escape(report.subtitle)}</p>"]
    parts += [f"<div class='notice'>说明：{html.escape(n)}</div>" for n in report.notices]
    table_no = 0

    def emit(sec: Section, n: int, heading: str | None = None) -> None:
        nonlocal table_no
        tag = {1: "h2", 2: "h3"}.get(sec.level, "h4")
        title = heading or numbered(sec.level, n) + sec.title
        parts.append(f"<{tag}>{html.escape(title)}</{tag}>")
        parts.extend(f"<p>{html.escape(t)}</p>" for t in sec.paragraphs)
        for table in sec.tables:
            table_no += 1
            rows = "".join(
                "<tr>" + "".join(
                    f"<td style='background:#{STATUS_COLOURS[c]}'>{html.escape(c)}</td>"
                    if j == table.shade_column and c in STATUS_COLOURS else f"<td>{html.escape(c)}</td>"
                    for j, c in enumerate(row)) + "</tr>" for row in table.rows)
            head = "".join(f"<th>{html.escape(h)}</th>" for h in table.header)
            caption = html.escape(f"表{table_no}" + (f" {table.caption}" if table.caption else ""))
            parts.append(f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
                         f"<tbody>{rows}</tbody></table>")
        for fig in sec.figures:
            data = base64.b64encode(render(fig.kind, fig.data)).decode()
            parts.append(f"<figure><img alt='{html.escape(fig.caption)}' src='data:image/png;base64,{data}'>"
                         f"<figcaption>{html.escape(fig.caption)}</figcaption></figure>")
        for i, child in enumerate(sec.children, start=1):
            emit(child, i)

    for sec, heading in numbered_sections(report.sections):
        emit(sec, 0, heading)
    parts.append(f"<p style='text-align:right'>{html.escape(report.date_line)}</p></body></html>")
    return "".join(parts).encode("utf-8")
