"""Reads of the enforcement app."""
