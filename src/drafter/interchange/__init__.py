"""Interchange formats for other tools: XLIFF 2 for translators, TMX for translation memories,
Akoma Ntoso for UN document systems (docs/interchange.md).

`segments.py` turns a submission into translation segments (one per paragraph, with status,
provenance and glossary terms); `xliff.py` writes and reads XLIFF 2.1, `tmx.py` writes the
library as TMX 1.4b, `akn.py` renders Akoma Ntoso 3.0; `xml.py` is the one hardened parser.
All of them build trees with lxml (a core dependency), never string templates.
"""
