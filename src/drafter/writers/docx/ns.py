"""Namespaces and fixed strings of Office Open XML (ECMA-376), shared by the DOCX modules."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_DECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
W = f"{{{W_NS}}}"  # Clark notation prefix, for lxml lookups
RT = R_NS + "/"  # relationship types of the main document are R_NS + "/" + kind
