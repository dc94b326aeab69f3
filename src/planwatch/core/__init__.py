"""The framework-free domain core: plan grammar and readers, target expressions, extraction.

Nothing in this package imports Django or performs I/O beyond reading the file it is given.
"""
