"""Terminology: the glossary, matching terms in text, and TBX exchange."""
