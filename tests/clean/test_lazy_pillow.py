"""Pillow is imported when an image is checked: not a cost of every page."""

from __future__ import annotations


def test_the_cleaner_reads_limits_without_importing_pillow() -> None:
    """Pillow is imported when an image is checked, not with ``publish.limits``."""
    import subprocess
    import sys

    code = "import sys, publish.limits, publish.clean; print('PIL' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_checking_an_image_sets_pillows_bomb_limit_to_ours() -> None:
    from publish.limits import LIMITS, image_problem, pillow

    image = pillow()
    image.MAX_IMAGE_PIXELS = None
    image_problem(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "x.gif")
    assert image.MAX_IMAGE_PIXELS == LIMITS.image_pixels
