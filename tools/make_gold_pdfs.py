#!/usr/bin/python3
"""Writes the gold-set PDFs (tests/gold/*.pdf) with reportlab, deterministically.

Run: /usr/bin/python3 tools/make_gold_pdfs.py   (needs reportlab and the DejaVuSans font:
apt-get install -y fonts-dejavu-core). Each page is a list of lines drawn as written, so
line ends (including the hyphenated ones, which extraction must repair) are under our
control. Output is byte-identical between runs (invariant=1).
"""
import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "gold")

DOCS = {
    "en_ilo_report.pdf": ("ILO report on cooperatives", [
        [
            "ILO report on cooperatives and decent work",
            "",
            "The International Labour Office and the International Training Centre of the ILO",
            "organised a seminar on the Domestic Workers Convention, 2011 (No. 189) and on R193.",
            "The ITCILO and the Inter-",
            "national Co-operative Alliance prepared the materials together.",
        ],
        [
            "The UN Task Force on SSE and the UNTFSSE secretariat met on 2 February 2024. A",
            "member wrote UNTFFSE by mistake.",
            "ECOSOC and the UNGA were briefed. The Mont-Blanc Meet-",
            "ings and the SSE International Forum were also on the agenda.",
        ],
    ]),
    "fr_rapport_ess.pdf": ("Rapport ESS Afrique", [
        [
            "Rapport sur l'économie sociale et solidaire en Afrique",
            "",
            "La Commission économique pour l'Afrique et le Programme des Nations Unies pour le dévelop-",
            "pement ont lancé, le 15 novembre 2023, un programme commun avec l'Organisation internationale",
            "du Travail. La CNUCED et l'ONUDI y participent.",
        ],
        [
            "Le Haut-Commissariat des Nations Unies pour les réfugiés (HCR) et l'Organisation",
            "internationale pour les migrations soutiennent les coopératives de réfugiés.",
            "Selon la résolution 77/281 et les résolutions 1514 (XV) et 2625 (XXV), la coopéra-",
            "tion est encouragée.",
        ],
    ]),
    "es_informe.pdf": ("Informe ESS", [
        [
            "Informe sobre la economía social y solidaria",
            "",
            "La Organización Internacional del Trabajo y el Centro Internacional de Formación de la",
            "OIT presentaron la Recomendación n.º 193 el 20 de junio de 2022. La Conferencia de las",
            "Naciones Unidas sobre Comercio y Desarrollo y el Instituto de Investigación de las Naciones",
            "Unidas para el Desarrollo Social publicaron datos. La Red de Economía Solidaria de las",
            "Américas y el Mediterráneo (RESAM) nació en 2021; hoy la RESAM reúne a coopera-",
            "tivas de diez países. El Foro Internacional de la ESS y los Encuentros del Mont-Blanc la",
            "invitaron.",
        ],
    ]),
    "en_statement.pdf": ("Statement to the General Assembly", [
        [
            "Statement to the General Assembly",
            "",
            "Mr. President, the United Nations must implement Security Council resolutions 242 (1967) and",
            "338 (1973). The Secretary-General of the United Nations reported on 18 September 2023. The",
            "World Bank, the International Monetary Fund (IMF) and the World Trade Organization joined the",
            "United Nations Conference on Trade and Development in Geneva. The Office of the United Nations",
            "High Commissioner for Human Rights (OHCHR) and the Human Rights Council followed resolution",
            "A/HRC/RES/37/7. The Joint United Nations Programme on HIV/AIDS (UNAIDS) and the United Nations",
            "Population Fund spoke too.",
        ],
        [
            "The Economic Commission for Latin America and the Caribbean and the Economic and Social",
            "Commission for Western Asia (ESCWA) reported on the sustain-",
            "able development goals. The draft resolution A/78/L.1 was introduced.",
        ],
    ]),
    "en_ecosoc_summary.pdf": ("ECOSOC summary", [
        [
            "Summary of the ECOSOC Partnership Forum",
            "",
            "On 30 January 2024 the United Nations Economic and Social Council heard the UNDP, the",
            "UNESCO delegation and the Food and Agriculture Organization. Delegates recalled ILO",
            "Convention No. 169 and ECOSOC resolution E/RES/2023/5, and welcomed the Council of the",
            "European Union's support for the social and solidarity economy. The UNRISD paper, pub-",
            "lished as document E/2024/12, was discussed.",
        ],
        [
            "Annex: acronyms",
            "The Social Solidarity Finance Network (SSFN) presented its data; SSFN members include",
            "cooperative banks. The International Association of Mutual Benefit Societies sent a note.",
        ],
    ]),
}


def main():
    if not os.path.exists(FONT):
        sys.exit("missing %s: apt-get install -y fonts-dejavu-core" % FONT)
    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    for name, (title, pages) in DOCS.items():
        path = os.path.join(OUT, name)
        c = canvas.Canvas(path, pagesize=A4, invariant=1)
        c.setTitle(title)
        c.setAuthor("Concord gold set")
        for lines in pages:
            c.setFont("DejaVuSans", 9)
            y = A4[1] - 72
            for line in lines:
                c.drawString(56, y, line)
                y -= 13
            c.showPage()
        c.save()
        print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
