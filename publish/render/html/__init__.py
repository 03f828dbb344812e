"""The HTML edition: a static site of one page per article, served by ``publish preview``."""
