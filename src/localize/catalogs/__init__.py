"""Gettext catalogs: the entry model, PO and MO files, headers, merging and statistics."""
