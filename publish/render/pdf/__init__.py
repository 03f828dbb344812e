"""The PDF edition: the book laid out by WeasyPrint, one pass or per article in parallel.

``write`` is the entry; ``parts`` cuts the book for the per-article build, ``worker`` lays
one part out, ``merge`` and ``fonts`` join the parts, ``archival`` finishes PDF/A. Every
change to WeasyPrint's or pydyf's own behaviour lives in ``weasy``.
"""
