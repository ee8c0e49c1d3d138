"""Generate a corpus of bad and odd PDF files for robustness tests.

Every file is made here, from nothing or from a small pack this module writes
with reportlab, so the tests need no third-party files. ``make_bad_corpus(dir)``
writes at least 200 files and returns {file name: what kind of bad it is}.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def small_pack_bytes(pages: int = 4) -> bytes:
    """A tiny but well-formed pack with a text layer (front sheet + a report)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("Test pack")
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 11)
        y = 780
        lines = (
            [
                "NOTICE OF MEETING",
                "Meeting Robustness Committee",
                "Date and Time Monday, 3rd June, 2024 at 2.00 pm",
            ]
            if n == 1
            else [f"Paragraph {n}.1. The committee considered the budget of £{n}.5m for repairs."]
        )
        for text in lines:
            c.drawString(72, y, text)
            y -= 16
        c.drawString(280, 40, f"Page {n}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _pdf_from_writer(writer: PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def encrypted_pdf(user_password: str, owner_password: str = "owner") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pack_bytes(2))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    return _pdf_from_writer(writer)


def zero_page_pdf() -> bytes:
    body = [
        b"%PDF-1.4\n",
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n",
    ]
    offsets = []
    pos = 0
    for part in body:
        offsets.append(pos)
        pos += len(part)
    xref = b"xref\n0 3\n0000000000 65535 f \n" + b"".join(
        f"{o:010d} 00000 n \n".encode() for o in offsets[1:]
    )
    trailer = b"trailer << /Size 3 /Root 1 0 R >>\nstartxref\n" + str(pos).encode() + b"\n%%EOF\n"
    return b"".join(body) + xref + trailer


def blank_pages_pdf(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    return _pdf_from_writer(writer)


def image_only_pdf(pages: int = 2) -> bytes:
    images = []
    for n in range(pages):
        img = Image.new("L", (827, 1169), 255)
        ImageDraw.Draw(img).text((100, 100 + n * 20), f"Scanned page {n + 1}", fill=0)
        images.append(img)
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=100.0, save_all=True, append_images=images[1:])
    return buf.getvalue()


def broken_xref(data: bytes, rng: random.Random) -> bytes:
    idx = data.rfind(b"xref")
    if idx < 0:
        return data[: len(data) // 2]
    garbage = bytes(rng.randrange(32, 127) for _ in range(40))
    return data[:idx] + b"xref\n" + garbage + data[idx + 45 :]


def bad_metadata_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pack_bytes(2))))
    writer.add_metadata({"/Title": "Budget XQXQ cafe", "/Author": "Clerk"})
    data = _pdf_from_writer(writer)
    # force raw non-UTF-8 bytes (same length, so offsets stay valid) into the Info strings
    return data.replace(b"XQXQ", b"\xe9\xff\xfe\x81", 1)


def mutate(data: bytes, rng: random.Random, flips: int) -> bytes:
    buf = bytearray(data)
    for _ in range(flips):
        i = rng.randrange(len(buf))
        buf[i] = rng.randrange(256)
    return bytes(buf)


def make_bad_corpus(out: Path, seed: int = 1234) -> dict[str, str]:
    """Write the corpus into ``out``; return {file name: kind}."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, str] = {}

    def put(name: str, data: bytes, kind: str) -> None:
        (out / name).write_bytes(data)
        kinds[name] = kind

    good = small_pack_bytes(4)
    put("good.pdf", good, "good")
    put("empty.pdf", b"", "empty")
    put("whitespace.pdf", b"   \n\n  ", "empty")
    put("html.pdf", b"<!DOCTYPE html><html><body><h1>Agenda</h1></body></html>", "html")
    put("text.pdf", b"Agenda for the meeting\n", "not_pdf")
    for i in range(30):
        put(
            f"random_{i:02d}.pdf",
            bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000))),
            "random",
        )
    for i in range(5):
        put(f"pdf_header_then_garbage_{i}.pdf", b"%PDF-1.7\n" + rng.randbytes(2000), "garbage")
    cuts = sorted({max(1, int(len(good) * k / 80)) for k in range(1, 80)})
    for cut in cuts:
        put(f"truncated_{cut:06d}.pdf", good[:cut], "truncated")
    put("encrypted_user_password.pdf", encrypted_pdf("secret"), "encrypted")
    put("encrypted_empty_user_password.pdf", encrypted_pdf(""), "encrypted_empty")
    put("zero_pages.pdf", zero_page_pdf(), "zero_pages")
    put("zero_pages_pypdf.pdf", _pdf_from_writer(PdfWriter()), "zero_pages")
    put("images_only.pdf", image_only_pdf(2), "images_only")
    for i in range(5):
        put(f"broken_xref_{i}.pdf", broken_xref(good, rng), "broken_xref")
    put("blank_2000_pages.pdf", blank_pages_pdf(2000), "blank_pages")
    put("bad_metadata.pdf", bad_metadata_pdf(), "bad_metadata")
    for i in range(80):
        put(f"mutant_{i:02d}.pdf", mutate(good, rng, rng.choice([1, 2, 5, 20, 100])), "mutant")
    return kinds
