"""The cleaner's stages, one module per job, each ``fn(state) -> None``.

``pipeline.default_ruler`` names and orders them; a site profile switches them on and off
and tunes them by those names (``[stages]`` in ``sites/*.toml``). The HTML stages work on
the page's tree (``state.html``) and do nothing for a text scrape; the later ones work on
the raw blocks both readers produce, so the same rules serve text and HTML scrapes.
"""
