"""One small error hierarchy for the whole core.

Every member also subclasses the built-in exception a caller would naturally catch, so
``except ValueError`` keeps working; front ends catch :class:`PlanwatchError` and show
``str(err)`` — always one line a person understands — instead of a traceback.
"""

from __future__ import annotations


class PlanwatchError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # one line, always


class InputError(PlanwatchError, ValueError):
    """The input file cannot be read as what it claims to be (empty, binary, broken, too large…)."""


class EncryptedInputError(InputError):
    """A password-protected document."""


class NotAPlanError(InputError):
    """A readable file that holds no recognisable plan outline or indicator table."""


class TargetExpressionError(PlanwatchError, ValueError):
    """A target cell or phrase that contains figures but fits no known target grammar."""


class UnitMismatchError(PlanwatchError, TypeError):
    """Two quantities in different units were compared (亿元 with %, say)."""
