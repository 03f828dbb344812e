"""Chinese typography that every edition shares, whatever draws the page.

The character classes (``cjk``) and the hints written into the HTML (``hints``: the
breaks, joins and spacing WeasyPrint's CSS cannot express, and the screen and vertical
filters of the same text). Nothing here imports a renderer, so the cleaner, the Markdown
reader and the checker can use it without loading WeasyPrint.
"""
