"""The DOCX writer: `layout.py` decides what goes where, `wordml.py` says it in WordprocessingML,
`package.py` assembles the parts, `reference.py` reads the reference document (with `styles.py`),
`archive.py` writes the deterministic zip, `ns.py` holds the namespaces."""
