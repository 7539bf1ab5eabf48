#!/usr/bin/python3
"""Generates a large synthetic SSE archive of plain-text documents for the xref/check benchmark.

Usage: bench/make_archive.py OUT_DIR [--docs N] [--seed S] [--mix TEXT,HTML,PDF]

--mix gives the share of each format in percent (default 100,0,0: plain text only). The same
generated document is written as a .txt file, as an HTML page (title, script, navigation,
paragraphs, some unclosed tags) or as a PDF of several pages (Helvetica, WinAnsi text, page
breaks every 30 lines), chosen by a second seeded generator so that the text drawn for each
document does not depend on the mix.

Deterministic: the same N and seed give byte-identical files. Documents are built from
sentence templates of the social and solidarity economy field, with organization names as
acronyms, long forms and variant spellings, UN symbols in several written forms
("A/RES/77/281", "resolution 77/281", "A / RES / 77 / 281", drafts, corrigenda, ILO
instruments) and dates. Some organizations are cited together on purpose (a task force and
its members, a draft and its resolution) so co-occurrence rankings have structure; the rest
are drawn independently. Standard library only.
"""
import argparse
import os
import random

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# id -> written forms: (acronyms, long forms, variants)
ORGS = {
    "UNTFSSE": (["UNTFSSE", "TFSSE"],
                ["United Nations Inter-Agency Task Force on Social and Solidarity Economy",
                 "UN Task Force on Social and Solidarity Economy"], ["UN-TFSSE", "UNTFFSE"]),
    "ILO": (["ILO"], ["International Labour Organization", "International Labour Office"],
            ["I.L.O."]),
    "OECD": (["OECD"], ["Organisation for Economic Co-operation and Development"], ["O.E.C.D."]),
    "UNRISD": (["UNRISD"], ["United Nations Research Institute for Social Development"], []),
    "UNDP": (["UNDP"], ["United Nations Development Programme"], ["U.N.D.P."]),
    "UNCTAD": (["UNCTAD"], ["United Nations Conference on Trade and Development"], ["Unctad"]),
    "ICA": (["ICA"], ["International Co-operative Alliance", "International Cooperative Alliance"],
            []),
    "GSEF": (["GSEF"], ["Global Social Economy Forum"], []),
    "RIPESS": (["RIPESS"],
               ["Intercontinental Network for the Promotion of Social Solidarity Economy"], []),
    "CIRIEC": (["CIRIEC"], [], []),
    "ECOSOC": (["ECOSOC"], ["Economic and Social Council"], ["Ecosoc"]),
    "UNGA": (["UNGA"], ["General Assembly"], []),
    "ICMIF": (["ICMIF"], ["International Cooperative and Mutual Insurance Federation"], []),
    "ITCILO": (["ITCILO"], ["International Training Centre of the ILO"], []),
}

# Written forms of the symbols; the first of each list is canonical.
SYMBOLS = {
    "A/RES/77/281": ["A/RES/77/281", "resolution 77/281", "A / RES / 77 / 281", "A/Res/77/281"],
    "A/77/L.60": ["A/77/L.60", "draft resolution A/77/L.60"],
    "A/RES/77/281/Corr.1": ["A/RES/77/281/Corr.1"],
    "A/78/168": ["A/78/168", "report A/78/168"],
    "A/RES/78/1": ["A/RES/78/1", "resolution 78/1"],
    "E/RES/2023/5": ["E/RES/2023/5", "resolution 2023/5"],
    "ILO-R193": ["Recommendation No. 193", "R193"],
    "A/RES/70/1": ["A/RES/70/1", "resolution 70/1"],
}

SSE_FORMS = ["social and solidarity economy", "SSE", "social and solidarity economy (SSE)",
             "social & solidarity economy"]

TOPICS = ["cooperatives", "mutual societies", "social enterprises", "associations",
          "community land trusts", "fair trade networks", "savings and credit groups",
          "worker-owned firms", "local currencies", "care cooperatives"]
PLACES = ["Geneva", "New York", "Dakar", "Montreal", "Seoul", "Bilbao", "Quito", "Nairobi",
          "Manila", "Lyon", "Bogota", "Tunis"]
KINDS = ["press", "reports", "meetings", "news", "speeches", "letters"]

TEMPLATES = [
    "The {org} presented its work on {topic} in {place} on {date}.",
    "Delegates recalled {symbol} and asked the {org} to report on progress.",
    "According to the {org}, the {sse} employs millions of people through {topic}.",
    "In {place}, {topic} asked for access to finance and public procurement.",
    "The meeting of {date} discussed how {topic} contribute to decent work.",
    "The {org} and the {org2} agreed to cooperate on statistics of the {sse}.",
    "Member States were invited to take the {sse} into account, in line with {symbol}.",
    "A side event on {topic} was organised in {place} with the support of the {org}.",
    "Participants noted that {symbol}, adopted on {date}, remains the main reference.",
    "The {sse} was described as a field where {topic} and local authorities work together.",
    "Researchers compared legal frameworks for {topic} across regions.",
    "Training sessions on {topic} were held in {place} in {month} {year}.",
]


def date_text(rng):
    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
    return year, rng.randint(1, 12), rng.randint(1, 28)


def org_form(rng, oid):
    acronyms, longs, variants = ORGS[oid]
    r = rng.random()
    if variants and r < 0.05:
        return rng.choice(variants)
    if longs and r < 0.40:
        return rng.choice(longs)
    return rng.choice(acronyms) if acronyms else longs[0]


def symbol_form(rng, sid):
    forms = SYMBOLS[sid]
    return forms[0] if rng.random() < 0.6 else rng.choice(forms)


def pick_orgs(rng):
    """Organizations of one document: some cited together on purpose, the rest independently."""
    chosen = set()
    if rng.random() < 0.25:  # the task force and its research member go together
        chosen.update(["UNTFSSE", "UNRISD"])
    if rng.random() < 0.15:  # cooperative movement
        chosen.update(["ICA", "ICMIF"])
    for oid in ORGS:
        if rng.random() < 0.12:
            chosen.add(oid)
    if not chosen:
        chosen.add(rng.choice(sorted(ORGS)))
    return sorted(chosen)


def pick_symbols(rng):
    chosen = []
    if rng.random() < 0.30:
        chosen.append("A/RES/77/281")
        if rng.random() < 0.3:
            chosen.append("A/77/L.60")  # draft cited with its resolution
        if rng.random() < 0.05:
            chosen.append("A/RES/77/281/Corr.1")
    for sid in ["A/78/168", "A/RES/78/1", "E/RES/2023/5", "ILO-R193", "A/RES/70/1"]:
        if rng.random() < 0.08:
            chosen.append(sid)
    return chosen or ["A/RES/70/1"]


def make_document(rng, number):
    year, month, day = date_text(rng)
    orgs = pick_orgs(rng)
    symbols = pick_symbols(rng)
    topic = rng.choice(TOPICS)
    title = "%s and the social and solidarity economy: note %d" % (topic.capitalize(), number)
    lines = ["Title: " + title, "Date: %d %s %d" % (day, MONTHS[month - 1], year), ""]
    sentences = []
    for _ in range(rng.randint(8, 18)):
        y, m, d = date_text(rng)
        o = rng.choice(orgs)
        sentences.append(rng.choice(TEMPLATES).format(
            org=org_form(rng, o), org2=org_form(rng, rng.choice(orgs)),
            topic=rng.choice(TOPICS), place=rng.choice(PLACES),
            date="%d %s %d" % (d, MONTHS[m - 1], y), month=MONTHS[m - 1], year=y,
            symbol=symbol_form(rng, rng.choice(symbols)), sse=rng.choice(SSE_FORMS)))
    # Every organization and symbol of the document is cited at least once.
    for o in orgs:
        sentences.append("The %s took part in the discussion on %s." % (org_form(rng, o), topic))
    for s in symbols:
        sentences.append("The text refers to %s." % symbol_form(rng, s))
    rng.shuffle(sentences)
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return year, "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"


def html_page(text):
    head, _, body = text.partition("\n\n")
    title = head.splitlines()[0][len("Title: "):]
    date = head.splitlines()[1]
    esc = lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    paragraphs = "\n".join("<p>%s" % esc(p) + ("</p>" if i % 3 else "")
                           for i, p in enumerate(body.split("\n\n")))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>%s</title>\n<script>var seen = {}; function note(k) { seen[k] = 1; }</script>"
            "\n<style>p { margin: 0 }</style></head>\n<body><nav><a href=\"/\">Home</a> | "
            "<a href=\"/news\">News</a></nav>\n<main><h1>%s</h1>\n<p>%s</p>\n%s\n</main>"
            "<footer>Archive copy</footer></body></html>\n" % (esc(title), esc(title), date,
                                                               paragraphs))


def pdf_file(text):
    """A PDF of the text: Helvetica in WinAnsiEncoding, 75 characters a line, 30 lines a page."""
    head, _, body = text.partition("\n\n")
    title = head.splitlines()[0][len("Title: "):]
    lines = head.splitlines()[:2] + [""]
    for paragraph in body.split("\n\n"):
        words, line = paragraph.split(), ""
        for w in words:
            if line and len(line) + 1 + len(w) > 75:
                lines.append(line)
                line = w
            else:
                line = line + " " + w if line else w
        lines += [line, ""]
    pages = [lines[i:i + 30] for i in range(0, len(lines), 30)]

    def literal(t):
        data = t.encode("cp1252", "replace")
        return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Title " + literal(title) + b" /Producer (make_archive.py) >>"]
    kids = []
    for page in pages:
        stream = b"BT /F1 11 Tf 18 TL 60 780 Td " + b" ".join(
            literal(l) + b" '" for l in page) + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + \
        b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body_bytes in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body_bytes + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=20230418)
    parser.add_argument("--mix", default="100,0,0",
                        help="percent of text, HTML and PDF files (default 100,0,0)")
    args = parser.parse_args()
    mix = [int(x) for x in args.mix.split(",")]
    if len(mix) != 3 or sum(mix) != 100 or min(mix) < 0:
        parser.error("--mix takes three percentages adding up to 100, e.g. 70,20,10")
    rng = random.Random(args.seed)
    formats = random.Random(args.seed + 1)
    counts = [0, 0, 0]
    for n in range(1, args.docs + 1):
        year, text = make_document(rng, n)
        folder = os.path.join(args.out_dir, str(year), KINDS[n % len(KINDS)])
        os.makedirs(folder, exist_ok=True)
        roll = formats.randrange(100)
        kind = 0 if roll < mix[0] else 1 if roll < mix[0] + mix[1] else 2
        counts[kind] += 1
        name = os.path.join(folder, "doc-%05d" % n)
        if kind == 0:
            with open(name + ".txt", "w", encoding="utf-8") as f:
                f.write(text)
        elif kind == 1:
            with open(name + ".html", "w", encoding="utf-8") as f:
                f.write(html_page(text))
        else:
            with open(name + ".pdf", "wb") as f:
                f.write(pdf_file(text))
    print("wrote %d documents to %s (%d text, %d HTML, %d PDF)" % (
        args.docs, args.out_dir, counts[0], counts[1], counts[2]))


if __name__ == "__main__":
    main()
