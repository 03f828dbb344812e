"""The EPUB 3 edition through ebooklib: one XHTML document per article.

``write`` is the entry; ``docs`` writes the package's own documents, ``meta`` its
metadata, ``media`` its images and ``fonts`` its embedded faces.
"""
