"""Small builders shared by the web tests: an item led by a given unit, a real PDF."""

from __future__ import annotations

import io
from typing import TypeVar

from planwatch.web.accounts.models import Department

Item = TypeVar("Item")


def led_by(item: Item, department: str = "统计局") -> Item:
    """The item (task, project, commitment) with its 牵头单位 set; 统计局 is the reporter persona's unit."""
    item.lead = Department.objects.get(name=department)  # type: ignore[attr-defined]
    item.save()  # type: ignore[attr-defined]
    return item


def pdf_file() -> bytes:
    """A real one-page PDF (drawn by Pillow), as a department would upload."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "PDF")
    return out.getvalue()
