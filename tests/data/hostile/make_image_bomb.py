#!/usr/bin/python3
"""Writes image_bomb.pdf: one page with a line of text over a 24,000 x 24,000 gray image
(576 million pixels) stored in a 560 KB Flate stream. Poppler decodes every pixel to render
the page, which takes seconds: the web server's page renderer must give up at its limit.
Usage: make_image_bomb.py OUT.pdf"""
import sys
import zlib

SIDE = 24000
packer = zlib.compressobj(9)
row = b"\x80" * SIDE
image = b"".join([packer.compress(row) for _ in range(SIDE)] + [packer.flush()])
text = (b"BT /F1 14 Tf 72 740 Td (A scanned annex: the International Labour Organization "
        b"and the ILO.) Tj ET\nq 500 0 0 600 50 80 cm /Im1 Do Q")
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 6 0 R >>"
    b" /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
    b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (SIDE, SIDE, len(image))
    + image + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]
pdf = b"%PDF-1.4\n"
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
pdf += b"".join(b"%010d 00000 n \n" % o for o in offsets)
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
with open(sys.argv[1], "wb") as out:
    out.write(pdf)
