"""The HTML edition in the registry's shape: ``(Book, Options) → Output`` of the site's files."""

from __future__ import annotations

from publish.book import Book
from publish.render.edition import Options, Output
from publish.render.html.write import SiteOptions, write_site


def render(book: Book, options: Options) -> Output:
    site = SiteOptions(style=options.style or book.style, user_css=options.user_css)
    files = write_site(book, site)
    return Output(data=files, warnings=tuple(dict.fromkeys(site.warnings)))
