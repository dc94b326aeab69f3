"""Evaluation reports people hand in: content drafted from the evaluation, written by pluggable formatters."""
