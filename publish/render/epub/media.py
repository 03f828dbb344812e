"""Images for the EPUB: read through the sandbox, made small enough for an e-reader.

Separate from the writer because it is image work (Pillow): a scraped photo is often a
4000-pixel, 5 MB JPEG that a 6-inch reader shows at 1000 pixels. Images larger than the
limits are scaled down and recompressed; formats a reading system need not support are
converted. Files are named by their content, so the same image gives the same entry.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

LOGGER = logging.getLogger(__name__)

CORE_TYPES = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "GIF": ("image/gif", ".gif"),
              "WEBP": ("image/webp", ".webp")}
"""Raster formats of the EPUB 3.3 core media types: Pillow format → (media type, suffix)."""


@dataclass(frozen=True, slots=True)
class ImageLimits:
    max_side: int = 1600
    """Longest side in pixels; larger images are scaled down (a 300 ppi 6-inch screen is 1448)."""
    max_bytes: int = 400_000
    """Larger files are recompressed even when their size in pixels is fine."""
    jpeg_quality: int = 82


@dataclass(frozen=True, slots=True)
class PackagedImage:
    name: str
    """Path inside the EPUB's content folder: images/<hash>.<ext>."""
    media_type: str
    data: bytes
    original_bytes: int


def _save(img: Image.Image, fmt: str, limits: ImageLimits) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB").save(out, format="JPEG", quality=limits.jpeg_quality, optimize=True,
                                progressive=False)
    else:
        img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def prepare_image(data: bytes, limits: ImageLimits = ImageLimits()) -> tuple[bytes, str]:
    """(bytes, Pillow format) of an image fit for the package; raises ValueError if unreadable."""
    try:
        img: Image.Image = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"not an image Pillow can read: {exc}") from exc
    fmt = str(img.format)
    too_big = max(img.size) > limits.max_side
    if fmt in CORE_TYPES and not too_big and len(data) <= limits.max_bytes:
        return data, fmt
    if fmt == "GIF" and getattr(img, "is_animated", False) and not too_big:
        return data, fmt  # an animation would lose its frames
    if too_big:
        scale = limits.max_side / max(img.size)
        size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        img = img.resize(size, Image.Resampling.LANCZOS)
    has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    target = "PNG" if has_alpha or fmt in ("PNG", "GIF") else "JPEG"
    out = _save(img, target, limits)
    if target == "PNG" and len(out) > limits.max_bytes and not has_alpha:
        target, out = "JPEG", _save(img, "JPEG", limits)  # a photo saved as PNG
    if len(out) >= len(data) and fmt in CORE_TYPES and not too_big:
        return data, fmt
    return out, target


def package_image(data: bytes, limits: ImageLimits = ImageLimits()) -> PackagedImage:
    out, fmt = prepare_image(data, limits)
    media_type, suffix = CORE_TYPES[fmt]
    name = f"images/{hashlib.sha256(out).hexdigest()[:16]}{suffix}"
    if len(out) != len(data):
        LOGGER.info("image %s: %d → %d bytes", name, len(data), len(out))
    return PackagedImage(name=name, media_type=media_type, data=out, original_bytes=len(data))
