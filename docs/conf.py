# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration for opsdoc's HTML: the generated mm pages and the
# manual. The kernel-doc extension comes from the kernel tree itself
# (OPSDOC_KSRC): Documentation/sphinx/kerneldoc.py, which runs
# tools/docs/kernel-doc's library in new trees and scripts/kernel-doc in
# older ones.
import os
import sys

project = "opsdoc"
copyright = "the opsdoc authors"
master_doc = "index"

# opsdoc(1) is the manual alone, built with the man builder
# (scripts/man.sh); it needs no kernel tree.
man_pages = [
    ("manual", "opsdoc",
     "keep the kernel's file-operation documentation true to the code",
     ["the opsdoc authors"], 1),
]

ksrc = os.environ.get("OPSDOC_KSRC")
if os.environ.get("OPSDOC_MAN"):
    extensions = []
elif not ksrc:
    raise RuntimeError("set OPSDOC_KSRC to the kernel tree")
else:
    os.environ.setdefault("srctree", ksrc)
    sys.path.insert(0, os.path.join(ksrc, "Documentation", "sphinx"))
    extensions = ["kerneldoc"]
    kerneldoc_srctree = ksrc
    kerneldoc_bin = os.path.join(ksrc, "scripts", "kernel-doc")
exclude_patterns = ["_build"]
html_theme = "alabaster"
highlight_language = "none"
primary_domain = "c"
