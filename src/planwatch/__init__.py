"""Planwatch — 规划实施监测评估平台 (plan implementation monitoring and evaluation)."""

__version__ = "0.1.0"
