"""How long the free text people type may be. Every service that writes text checks it here before anything
is written, so the pages, the API and the bulk import refuse the same text with the same message:

- text stored in a column with a length (``CharField``) may be as long as the column (来源 300, 进展说明 500…):
  PostgreSQL would refuse anything longer with a server error, SQLite would store it;
- comments and reasons (说明、理由、督办事由、答复), stored as ``TextField``, may be up to :data:`COMMENT_MAX`
  characters — about a page of text, far more than a comment needs and far less than a 15 MB request.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

COMMENT_MAX = 2000  # characters of a comment or reason (documented in README / docs/reliability.md)


def column_max(model: Any, field: str) -> int:
    """The length of a model's text column."""
    length: int = model._meta.get_field(field).max_length
    return length


def bounded(text: str, limit: int, label: str) -> str:
    """``text`` if it has at most ``limit`` characters; else a ValidationError naming the field (``label``,
    already translated), the limit and the length."""
    if len(text) > limit:
        raise ValidationError(gettext("%(field)s最多%(limit)s个字，现为%(length)s个字，未保存") % {
            "field": label, "limit": limit, "length": len(text)})
    return text
