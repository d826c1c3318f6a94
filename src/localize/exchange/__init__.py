"""Exchange formats: TMX for translation memories, XLIFF for CAT tools, JSON for i18next.

Each module turns a locale's catalogs into one file (and XLIFF back into
translations), through Translate Toolkit's readers and writers, so files are
laid out as the tools around them expect.
"""
