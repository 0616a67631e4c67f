"""Draw templates/static/favicon.ico: the 32×32 fallback of favicon.svg for browsers and crawlers that ask for an ICO.

Run ``python3 tools/make_favicon.py`` after changing favicon.svg and commit both files; a test checks that the
committed icon is what this script draws. Only the standard library and integer arithmetic, so the bytes are the
same on every machine. The icon is a 32-bit BMP inside the ICO (with the 1-bit mask), which every browser reads.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

SIZE = 32
SAMPLES = 8  # sub-samples per pixel and axis, for smooth edges
BLUE = (0x00, 0x52, 0x8A)  # the rect's fill in favicon.svg
WHITE = (0xFF, 0xFF, 0xFF)  # the letter's fill
RADIUS = 6  # rx of the rect
# The letter F of favicon.svg's path "M8 24V8h12v3.5h-8v3h7v3.5h-7V24z", as rectangles (x0, y0, x1, y1).
LETTER = [(8, 8, 12, 24), (8, 8, 20, 11.5), (12, 14.5, 19, 18)]
TARGET = Path(__file__).resolve().parent.parent / "templates" / "static" / "favicon.ico"


def _in_rounded_square(x: float, y: float) -> bool:
    cx = min(max(x, RADIUS), SIZE - RADIUS)
    cy = min(max(y, RADIUS), SIZE - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def _in_letter(x: float, y: float) -> bool:
    return any(x0 <= x < x1 and y0 <= y < y1 for x0, y0, x1, y1 in LETTER)


def pixels() -> list[list[tuple[int, int, int, int]]]:
    """RGBA rows, top first."""
    rows = []
    for py in range(SIZE):
        row = []
        for px in range(SIZE):
            covered, sums = 0, [0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x, y = px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES
                    if _in_rounded_square(x, y):
                        covered += 1
                        colour = WHITE if _in_letter(x, y) else BLUE
                        sums = [s + c for s, c in zip(sums, colour, strict=True)]
            total = SAMPLES * SAMPLES
            if covered == 0:
                row.append((0, 0, 0, 0))
                continue
            r, g, b = ((2 * s + covered) // (2 * covered) for s in sums)
            row.append((r, g, b, (255 * covered * 2 + total) // (2 * total)))
        rows.append(row)
    return rows


def favicon() -> bytes:
    """The ICO file: one 32×32 image, 32 bits per pixel."""
    rows = pixels()
    colour = b"".join(bytes((b, g, r, a)) for row in reversed(rows) for r, g, b, a in row)  # BMP: bottom row first
    mask = b"".join(
        sum(1 << (31 - x) for x, (_, _, _, a) in enumerate(row) if a == 0).to_bytes(4, "big") for row in reversed(rows)
    )
    image = struct.pack("<IiiHHIIiiII", 40, SIZE, 2 * SIZE, 1, 32, 0, len(colour) + len(mask), 0, 0, 0, 0)
    image += colour + mask
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), len(header) + 16)
    return header + entry + image


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET
    target.write_bytes(favicon())
    print(f"Skrev {target}")
