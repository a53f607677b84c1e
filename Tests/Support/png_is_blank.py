#!/usr/bin/env python3
"""Exit 0 when a PNG shows something (its pixels are not all one colour), 1 when it is blank.

Usage: png_is_blank.py FILE.png   (standard library only: zlib and struct; 8-bit images)
"""
import struct
import sys
import zlib


def rows(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, width, height, bpp = 8, b'', 0, 0, 4
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, color = struct.unpack('>IIBB', chunk[:10])
            assert depth == 8, 'only 8-bit PNGs'
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[color]
        elif kind == b'IDAT':
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = previous[x]
            corner = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[x] = (line[x] + predictor) & 0xFF
        yield bytes(line)
        previous = line


def has_content(path):
    first_pixel = None
    for line in rows(path):
        for i in range(0, len(line), 4):
            pixel = line[i:i + 3]
            if first_pixel is None:
                first_pixel = pixel
            elif pixel != first_pixel:
                return True
    return False


if __name__ == '__main__':
    sys.exit(0 if has_content(sys.argv[1]) else 1)
