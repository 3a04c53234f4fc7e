"""Draws smguide's icon and writes it as PNG, Windows .ico and macOS .icns.

Run once when the icon changes; the files it writes are kept in
``resources/icons/``. Drawn with Qt (already a dependency), so no image
editor or extra library is needed, and the container formats are written
here: both just hold PNG images behind a small index.

    python build_scripts/make_icon.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
#: The council blue of the app's titles, and white.
BLUE, WHITE = QColor("#1d3f6e"), QColor("#ffffff")
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: .icns types that hold PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def draw(size: int) -> QImage:
    """A speech bubble with a tick on a rounded square: a question answered."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)

    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(44, 52, 168, 124), 30, 30)
    tail = QPainterPath()
    tail.moveTo(QPointF(84, 168))
    tail.lineTo(QPointF(68, 212))
    tail.lineTo(QPointF(124, 170))
    tail.closeSubpath()
    painter.setBrush(WHITE)
    painter.drawPath(bubble.united(tail))

    pen = QPen(BLUE, 22, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    tick = QPainterPath(QPointF(88, 114))
    tick.lineTo(QPointF(116, 142))
    tick.lineTo(QPointF(168, 88))
    painter.drawPath(tick)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows icon holding PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in this format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS icon: typed chunks of PNG data behind an 8-byte header."""
    chunks = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(data)) + data
        for size, data in sorted(images.items())
        if size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {size: png_bytes(draw(size)) for size in sorted({*ICO_SIZES, *ICNS_TYPES})}
    (ICONS / "smguide.png").write_bytes(images[256])
    (ICONS / "smguide.ico").write_bytes(ico({s: images[s] for s in ICO_SIZES}))
    (ICONS / "smguide.icns").write_bytes(icns(images))
    for name in ("smguide.png", "smguide.ico", "smguide.icns"):
        print(f"wrote {ICONS / name} ({(ICONS / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
