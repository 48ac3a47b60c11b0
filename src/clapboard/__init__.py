"""Clapboard: production management for film and TV, from script to recoupment."""

__version__ = "0.1.0"
