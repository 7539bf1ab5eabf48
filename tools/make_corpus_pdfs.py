#!/usr/bin/python3
"""Generate the PDF documents of the Concord sample corpus.

Usage:
    /usr/bin/python3 tools/make_corpus_pdfs.py [OUTPUT_DIR]

OUTPUT_DIR defaults to the corpus/ folder next to tools/. Each PDF is written
to OUTPUT_DIR/<relative path given in DOCS>; sub-folders are created if needed.

Requirements: python3-reportlab and the DejaVuSans TrueType font
(Debian package fonts-dejavu-core).

The output is deterministic: the canvas runs in invariant mode and the
creation/modification date is forced to the date of each document, so running
the script twice produces byte-identical files.

Source text mark-up (used only by this script):
    "## "  at the start of a paragraph: section heading (bold).
    "|"    inside a word: optional hyphenation point. If the word does not
           fit at the end of a line, it is split there and "-" is appended.
    "~"    inside a word: forced hyphenated line break ("Eco~nomy" always
           ends a line with "Eco-" and starts the next one with "nomy").
    Paragraphs are separated by blank lines.
In addition, long lowercase words get automatic hyphenation points between
two consonants (VC-CV, never inside digraphs such as "ch" or "tr"); they are
used only when the line would otherwise stay visibly short. This mimics a
narrow, hand-set column with several hyphenated line ends per page.
Ligature characters (U+FB01, U+FB02) and soft hyphens (U+00AD) are kept as is
in the text, so that the PDFs contain them.
"""

import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

PAGE_W, PAGE_H = A4
LEFT = 90            # left margin of the (narrow) text column
COL_W = 270          # column width in points
TOP = PAGE_H - 80
BOTTOM = 95
SIZE = 10.5
LEADING = 15
TITLE_SIZE = 14
TITLE_LEADING = 19

# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------
# Each entry: path (relative to the output dir), title, author, subject,
# date (Y, M, D) used as creation date, dateline printed under the title,
# and text.

DOCS = []


def doc(**kw):
    DOCS.append(kw)


doc(
    path="resolutions/2023-04-18_a_res_77_281_analytical_summary.pdf",
    title="Analytical summary of General Assembly resolution A/RES/77/281",
    author="SSE Archive Network, Documentation Unit",
    subject="Promoting the social and solidarity economy for sustainable development",
    date=(2023, 4, 18),
    dateline="Archive document | 18 April 2023 | English",
    text="""\
This summary was prepared by the documentation unit of the SSE Archive Network on the day of adoption. It is an aid to research, written in our own words; it does not reproduce the resolution and has no oﬃcial status. Readers should consult the text issued under the symbol A/RES/77/281.

## 1. Identiﬁcation

Title: Promoting the social and solidarity economy for sustainable development. Adopted by the United Nations General Assembly at its seventy-seventh session, on 18 April 2023, without a vote. Draft: A/77/L.60. Archive subject heading: UN resolution on SSE (2023).

## 2. Background

The resolution is the ﬁrst text of the General Assembly devoted entirely to the Social and Solidarity Eco~nomy. Earlier resolutions on co­operatives, adopted regularly since the 1990s, dealt with one family of organizations only. The new text covers the whole ﬁeld: cooperatives, mutual societies, associations, foundations, social enterprises and other entities that pursue a social purpose and are governed democratically or in a participatory way.

Three recent texts paved the way. The European Commission presented its Social Economy Action Plan on 9 December 2021. The Organisation for Economic Co-operation and Development adopted its Recommendation on the Social and Solidarity Economy and Social Innovation on 10 June 2022. On the same day, the International Labour Conference adopted its resolution concerning decent work and the social and solidarity economy, which contains the ﬁrst tripartite deﬁnition of the sector.

## 3. Main elements (paraphrased)

Recognition. The General Assembly recognizes that the social and solidarity economy can contribute to the Sustainable Development Goals, in particular to decent work, the reduction of inequalities, gender equality and the transition to more sustain|able patterns of production and consumption.

Deﬁnition. The resolution refers to the deﬁnition agreed at the International Labour Conference, thereby giving it a wider inﬂuence beyond the world of work.

Encouragement to Member States. States are encouraged to promote and implement national, local and regional strategies, policies and programmes for the sector; to consider it in their statistical systems; and to take into account its speciﬁc features in tax rules, public procure|ment and access to ﬁnancing.

The United Nations system. Relevant entities, including the United Nations Inter-Agency Task Force on Social and Solidarity Economy (UNTFSSE), are invited to support Member States, and international ﬁnancial institutions are encouraged to consider the sector in their operations.

Follow-up. The Secretary-General is requested to prepare a report on the implementation of the resolution, to be submitted to the General Assembly at its seventy-eighth session.

## 4. First observations

The resolution does not create binding obligations and contains no ﬁnancial commitments. Its value lies in recognition and in the common vocabulary it oﬀers. For the archive, it is a reference point: from now on, many documents of networks, governments and international organizations will cite it, often under variant forms of the symbol.

The documentation unit will follow the reactions of networks in all regions and record them in the catalogue under the subject heading "UN resolution on SSE (2023)". A comparison with the French and Spanish versions of the text will be added when they are available.

## 5. Key dates

9 December 2021: Social Economy Action Plan of the European Commission. 10 June 2022: OECD Recommendation; resolution of the 110th International Labour Conference. 18 April 2023: adoption of A/RES/77/281 by the General Assembly.
""",
)

doc(
    path="resolutions/2022-06-14_ilc110_sse_outcome_brief.pdf",
    title="Brief: outcome of the ILC general discussion on decent work and the SSE",
    author="SSE Archive Network, Documentation Unit",
    subject="International Labour Conference, 110th session, June 2022",
    date=(2022, 6, 14),
    dateline="Archive brief | 14 June 2022 | English",
    text="""\
## What was adopted

On 10 June 2022 the International Labour Conference, meeting in Geneva for its 110th session, adopted the resolution concerning decent work and the social and solidarity economy. The text closes the ﬁrst general discussion that the Conference has ever held on the Social and Solidarity Eco~nomy as a whole. The International Labour Organi|zation (ILO) had until then dealt mainly with cooperatives, through the Promotion of Cooperatives Recommendation, 2002 (No. 193).

## Why it matters

The resolution gives the sector a deﬁnition agreed by governments, employers and workers. This tripartite basis is what makes it authoritative: other organizations can adopt it without being suspected of taking sides. Observers expect the deﬁnition to be taken up by the United Nations General Assembly, where several delegations are preparing a draft resolution on the subject.

The text also links the sector ﬁrmly to decent work. It recalls that social and solidarity economy entities are employers like others, and that they must respect labour rights, including freedom of association and collective bargaining. It notes their potential in the transition from the informal to the formal economy, in care work and in the inclusion of persons with disabilities, migrants and young people.

## What the Office must do

The International Labour Office is asked to prepare a strategy and a plan of action. Research, statistics, policy advice and capacity building are the main areas. The ITCILO and the ILO will play complemen|tary roles: the International Training Centre of the ILO will develop training for constituents, while the Office will lead research and technical cooperation.

## Reactions

Cooperative organizations welcomed the outcome, while pointing out that Recommendation No. 193 remains the specific standard for cooperatives. Trade unions insisted on the decent work dimension. Networks of social enterprises welcomed their explicit inclusion in the deﬁnition. Researchers at CIRIEC and UNRISD stressed that the deﬁnition must now be made measurable, so that statistical oﬃces can count the organizations concerned.

## Next steps to watch

Adoption of the plan of action by the Governing Body; use of the deﬁnition by the United Nations Inter-Agency Task Force on Social and Solidarity Economy; and a possible resolution of the General Assembly in 2023.
""",
)

doc(
    path="reports/2022-06-20_oecd_recommendation_sse_briefing.pdf",
    title="Briefing note: the OECD Recommendation on the Social and Solidarity Economy and Social Innovation",
    author="SSE Archive Network, Policy Desk",
    subject="OECD Recommendation adopted on 10 June 2022",
    date=(2022, 6, 20),
    dateline="Briefing note | 20 June 2022 | English",
    text="""\
## Summary

On 10 June 2022 the OECD (Organisation for Economic Co-operation and Development) adopted a Recommendation on the Social and Solidarity Economy and Social Innovation. It is the ﬁrst international legal instrument of its kind for the OECD and it applies to all its Members as well as to other countries that choose to adhere to it.

This note explains the content of the Recommendation in plain language and identiﬁes points of interest for networks of the social and solidarity economy (SSE).

## Content

The Recommendation is organized as a set of building blocks. Governments are invited to promote a culture of the social and solidarity economy; to set up institutional frameworks that support it across ministries and levels of govern|ment; to adopt legal and regulatory frameworks adapted to the variety of organiza|tional forms; to improve access to ﬁnancing and to public and private markets; to support skills and business development; to encourage impact measurement; to produce data; and to nurture social inno­vation.

A notable feature is the attention given to local and re­gional authorities. Many of the policies that matter most for SSE organizations are designed and implemented locally: premises, procurement, training and support services.

## Points of interest for networks

Finance. The text recognizes that mainstream ﬁnancial institutions often misunderstand collective ownership. It encourages blended ﬁnance, guarantees and patient capital, and the involvement of ethical and cooperative banks.

Measurement. Governments are encouraged to help organizations measure their social impact without imposing costly reporting. Networks should make sure that measure|ment tools are proportionate.

Inﬂuence. Because the OECD works through peer review, the Recommendation may have more practical inﬂuence than its soft-law status suggests. Countries will report on implementation and compare results.

## Links with other texts

The Recommendation was adopted on the same day as the resolution of the International Labour Conference concerning decent work and the Social and Solidarity Eco~nomy, and six months after the Social Economy Action Plan of the European Commission. The three texts are compatible, although they use slightly diﬀerent vocabularies: the OECD speaks of the social and solidarity economy and of social innovation; the European Commission of the social economy.

## Recommendation to members

Members of the network should ask their governments whether they intend to adhere, which ministry will lead, and how networks will be consulted during implementation.
""",
)

doc(
    path="reports/2023-08-30_review_sg_report_a_78_168.pdf",
    title="Reading notes on the report of the Secretary-General on the social and solidarity economy (A/78/168)",
    author="SSE Archive Network, Research Committee",
    subject="Review of document A/78/168",
    date=(2023, 8, 30),
    dateline="Research note | 30 August 2023 | English",
    text="""\
## Purpose of these notes

In General Assembly resolution 77/281, adopted on 18 April 2023, the Secretary-General was requested to report on the implementation of the resolution. The report was issued in July 2023 as document A/78/168, in time for the seventy-eighth session of the General Assembly. These reading notes summarize its structure and oﬀer a few comments from the point of view of an archive of the sector. They do not reproduce the report.

## Structure of the report

The report opens with a section on concepts. It recalls the deﬁnition agreed at the International Labour Conference in June 2022 and the process that led to the adoption of the resolution in April. It then describes the size and characteristics of the Social and Solidarity Eco~nomy in different regions, drawing on the limited statistics available.

A second part reviews poli­cies. It covers framework laws, strategies and action plans, registration systems, tax rules, access to ﬁnancing, public procure|ment and education. Examples come from Africa, Asia and the Paciﬁc, Europe, Latin America and the Caribbean, and North America.

A third part presents the contribution of entities of the United Nations system, most of them members of the United Nations Inter-Agency Task Force on Social and Solidarity Economy. The International Labour Organization, UNRISD, UNCTAD, UNDP, FAO, UNIDO, UN Women, UNESCO, WHO and UN DESA are among the entities whose work is described.

The report ends with conclusions and recommendations to Member States.

## Comments

Data. The report is frank about the lack of data. This conﬁrms what archivists observe: the sector produces a great deal of documentation, but little of it is consolidated at national level. Archives of networks can help to ﬁll the gap, provided that they are catalogued consistently.

Diversity. The examples show a great variety of legal forms and traditions. In some countries the term social economy is preferred; in others, solidarity economy; in Latin America, economía social y solidaria; in French-speaking countries, économie sociale et solidaire. A good index must connect these terms.

Finance. The report identiﬁes access to ﬁnancing as a major obstacle. It mentions guarantee funds, cooperative banks, development banks and public procurement as levers, but gives few ﬁgures.

Follow-up. Much will depend on whether the General Assembly decides to return to the subject and request further reports. A single report would be a missed opportunity.

## Citation note

Some early citations circulating among networks refer to the report as "A/78/186" or as "the report on resolution 77/218". Both are typing errors: the correct references are A/78/168 and resolution 77/281. Catalogue records should be corrected accordingly.

## Suggested actions for the network

Make the report available in the reading room with a short guide in English, French and Spanish. Contact the statistical offices of member countries to ask what data they collect on the sector. Prepare a contribution to the next report, if one is requested, based on documents held in the archive.

## Annex: entities mentioned

International Labour Organization (ILO); United Nations Research Institute for Social Development (UNRISD); United Nations Conference on Trade and Development (UNCTAD); United Nations Development Programme (UNDP); Food and Agriculture Organization of the United Nations (FAO); United Nations Industrial Development Organization (UNIDO); UN Women; United Nations Educational, Scientiﬁc and Cultural Organization (UNESCO); World Health Organization (WHO); Department of Economic and Social Affairs (UN DESA); Organisation for Economic Co-operation and Development (OECD).
""",
)

doc(
    path="reports/2022-01-20_note_plan_action_economie_sociale.pdf",
    title="Note de synthèse : le plan d'action européen pour l'économie sociale",
    author="Réseau des archives de l'ESS, cellule veille",
    subject="Plan d'action pour l'économie sociale (Commission européenne, 9 décembre 2021)",
    date=(2022, 1, 20),
    dateline="Note de synthèse | 20 janvier 2022 | Français",
    footer="Page %d sur %d",
    text="""\
## Objet de la note

Le 9 décembre 2021, la Commission européenne a présenté un plan d'action pour l'économie sociale. Cette note en résume le contenu et en propose une première lecture du point de vue des acteurs de l'économie sociale et solidaire (ESS) francophones.

## Le contenu du plan

Le plan couvre la période allant jusqu'en 2030. Il vise les coopératives, les mutuelles, les associations, les fondations et les entreprises sociales, qui représentent selon la Commission environ 13,6 millions d'emplois dans l'Union européenne.

Il s'organise autour de trois axes. Le premier consiste à créer des conditions favorables au dévelop|pement de l'économie sociale : la Commission annonce une proposition de recommandation du Conseil sur les conditions-cadres, ainsi que des orientations sur la ﬁscalité et les aides d'État. Le deuxième axe vise à ouvrir des possibilités de création et de croissance, notamment par un meilleur accès au ﬁnancement et aux marchés. Le troisième cherche à ren­dre l'économie sociale plus visible, grâce à la communication, à la recherche et à la collecte de données.

Une passerelle numérique européenne de l'économie sociale doit en outre regrouper les informations sur les ﬁnancements, les politiques et les formations.

## Premiers commentaires

Une reconnaissance attendue. Le plan répond à une demande ancienne de Social Economy Europe, du Parlement européen et de nombreux États membres. Il conforte la place de l'économie sociale et solidaire dans les politiques européennes.

Le ﬁnancement. Le plan mobilise surtout des programmes existants. Les réseaux devront veiller à ce que les enveloppes annoncées soient réellement accessibles aux petites structures, souvent découragées par la complexité des procédures.

L'inﬂuence internationale. Le plan pourrait avoir une inﬂuence au-delà de l'Europe. L'Organisation de coopération et de développement économiques (OCDE) prépare une recommandation sur l'ESS et l'innovation sociale, et la Conférence internationale du Travail débattra de l'ESS en juin 2022. Les acteurs réunis au sein de l'ESS Forum International, héritier des Rencontres du Mont-Blanc, plaident de leur côté pour une résolution de l'Assemblée générale des Nations Unies.

Le rôle de l'État. En France, la loi de 2014 relative à l'Écono~mie sociale et solidaire offre déjà un cadre. Le plan européen invite chaque État à se doter d'une stratégie ; il conviendra d'articuler la stratégie nationale avec les politiques régionales.

## Recommandations aux membres du réseau

Suivre la préparation de la recommandation du Conseil et y contribuer par l'intermédiaire des réseaux nationaux. Recenser les programmes européens ouverts aux structures de l'ESS et diﬀuser l'information. Conserver dans nos archives les prises de position des réseaux sur le plan, aﬁn de documenter cette étape pour les chercheurs.

## Repères

9 décembre 2021 : présentation du plan d'action par la Commission européenne. Premier semestre 2022 : consultation sur les conditions-cadres. Juin 2022 : discussion générale sur l'ESS à la Conférence internationale du Travail de l'Organisation internationale du Travail (OIT).
""",
)

doc(
    path="reports/2023-09-28_informe_ess_america_latina.pdf",
    title="Informe: la economía social y solidaria en América Latina después de la resolución 77/281",
    author="Red de Archivos de la Economía Social",
    subject="Panorama regional de políticas de economía social y solidaria",
    date=(2023, 9, 28),
    dateline="Informe | 28 de septiembre de 2023 | Español",
    footer="Página %d de %d",
    text="""\
## Presentación

Este informe reúne la información recogida por los miembros de la red sobre las políticas de economía social y solidaria (ESS) en América Latina durante los meses siguientes a la aprobación, el 18 de abril de 2023, de la resolución 77/281 de la Asamblea General de las Naciones Unidas. No pretende ser exhaustivo: es un primer panorama para orientar la búsqueda de documentos en el archivo.

## Un terreno fértil

América Latina tiene una larga tradición cooperativa y mutualista, y varios países cuentan desde hace años con leyes o instituciones dedicadas a la Economía Social y Solida~ria. En algunos casos la ESS tiene rango constitucional; en otros, existen institutos nacionales o secretarías encargadas de su fomento. La resolución llega, por lo tanto, a una región que ya ha debatido intensa|mente sobre el concepto.

## Qué ha cambiado desde abril

Reconocimiento. Las redes consultadas coinciden en que la resolución refuerza su legitimidad ante los gobiernos. Varias mencionan que la citan en sus documentos de incidencia junto con la definición de la Organización Internacional del Trabajo (OIT), aprobada en junio de 2022.

Nuevas redes. En mayo se creó la Red de Economía Social de las Américas (RESAM), que busca articular a organizaciones de todo el continente y documentar su historia. La Red Intercontinental de Promoción de la Economía Social Solidaria (RIPESS) sigue siendo la principal referencia internacional para muchas organizaciones.

Cooperación internacional. El Programa de las Naciones Unidas para el Desarrollo (PNUD) y la OIT han recibido solicitudes de apoyo técnico para la elaboración de leyes y de estadísticas. El Grupo de Trabajo Interinstitucional de las Naciones Unidas sobre Economía Social y Solidaria ha publicado materiales en español que circulan ampliamente.

## Desafíos pendientes

El primer desafío es la ﬁnanciación: las cooperativas y mutuales siguen teniendo dificultades para acceder al cré­dito en condiciones justas. El segundo es la medición: pocos países producen estadísticas regulares sobre el sector. El tercero es la coordinación entre niveles de gobierno, ya que muchas políticas se deciden en provincias y municipios.

Las organizaciones también señalan el riesgo de que la etiqueta de la ESS se utilice para programas asistenciales que no respetan la autonomía ni la gestión democrática de las organizaciones. La definición de la OIT ofrece criterios útiles para evitarlo.

## Recomendaciones

Traducir y difundir el informe del Secretario General sobre la aplicación de la resolución. Promover cuentas satélite de la economía social en los institutos nacionales de estadística. Documentar las experiencias locales y conservarlas en archivos accesibles, con descripciones en español, portugués e inglés.

## Nota sobre las citas

En los documentos recibidos, la resolución aparece citada de formas muy diversas: «resolución 77/281», «A/RES/77/281», «Res. 77/281» y, en un caso, con la fecha equivocada. Se recomienda utilizar siempre la signatura oficial A/RES/77/281 y la fecha del 18 de abril de 2023.
""",
)

doc(
    path="meetings/2023-11-21_untfsse_plenary_minutes.pdf",
    title="Minutes of the plenary meeting of the UN Inter-Agency Task Force on Social and Solidarity Economy (archive transcription)",
    author="SSE Archive Network (transcription of observer notes)",
    subject="Plenary meeting, November 2023",
    date=(2023, 11, 21),
    dateline="Observer notes | 21 November 2023 | English",
    text="""\
These minutes were transcribed by the SSE Archive Network from notes taken by an observer. They are unofficial and do not engage any of the entities mentioned.

## 1. Opening

The meeting was opened by the chair of the United Nations Inter-Agency Task Force on Social and Solidarity Economy. She welcomed representatives of the member entities and observers, and recalled that the Task Force, established in 2013, had reached a turning point with the adoption of General Assembly resolution 77/281 on 18 April 2023 and the presentation of the Secretary-General's report A/78/168 during the summer.

## 2. The report of the Secretary-General

The representative of the Department of Economic and Social Affairs (UN DESA) reported on the preparation of the report. Contributions were received from many Member States and from most member entities. Participants agreed that the report had given a useful overview but that its data section was weak.

The representative of UNRISD proposed a research programme on the measurement of the Social and Solidarity Eco~nomy in countries with limited statistical capacity. The ILO representative recalled the guidelines on statistics of cooperatives and proposed to use them as a starting point. UNCTAD expressed interest in data on SSE organizations involved in international trade.

## 3. Work plan 2024-2025

The secretariat presented a draft work plan. It includes: a series of policy briefs on SSE and the care economy, the green transition, digital platforms, and the informal economy; a knowledge hub with documents in several languages; and support to countries that request help in preparing legislation.

The representative of UN Women asked that gender equality be mainstreamed in all products. FAO proposed a brief on agricultural cooperatives and food systems. WHO offered to contribute to a brief on community-based health schemes. UNIDO suggested a focus on SSE enterprises in industrial value chains. UNESCO proposed work on education and culture.

The representative of the OECD described the ﬁrst steps in the implementation of the OECD Recommendation on the Social and Solidarity Economy and Social Innovation, including country reviews and a global action to promote social and solidarity economy ecosystems, ﬁnanced by the European Union.

Decision: the work plan was approved subject to comments to be sent within two weeks.

## 4. Observers

Observers from civil society networks took the ﬂoor. The International Cooperative Alliance welcomed the attention given to cooperatives but warned against a dilution of the cooperative identity. RIPESS called for more space for grassroots organizations in the work of the Task Force. The representative of GSEF (Global Social Economy Forum) stressed the role of local governments and proposed a joint event with mayors. The SSE International Forum, formerly the Mont-Blanc Meetings, offered to facilitate contacts with mutual and cooperative enterprises.

The International Coalition of the Social and Solidarity Economy asked the Task Force to support a request for a regular reporting cycle on the implementation of the resolution. Several members expressed support, noting that the decision lies with Member States.

## 5. Communication

The secretariat presented the plan for the first anniversary of the adoption of the resolution in April 2024. It includes a high-level event in New York, a social media campaign and the publication of a collection of case studies. Participants asked that the campaign highlight the diversity of the sector, and that materials be available at least in English, French and Spanish.

It was also noted that the Task Force is frequently misnamed in external documents; a short style sheet with the official names in the six official languages will be prepared. In French: Groupe de travail inter-institutions des Nations Unies sur l'économie sociale et solidaire. In Spanish: Grupo de Trabajo Interinstitucional de las Naciones Unidas sobre Economía Social y Solidaria.

## 6. Other business

The representative of the ITCILO announced the dates of the next SSE Academy and invited member entities to contribute speakers. The ITCILO and the ILO will also develop an online course on the resolution and on the ILO deﬁnition, open to staff of all member entities.

## 7. Closing

The chair thanked the participants and closed the meeting. The next plenary meeting will be held in the ﬁrst half of 2024.

## Annex I: entities represented (as noted by the observer)

Members: International Labour Organization (ILO); International Training Centre of the ILO (ITCILO); United Nations Research Institute for Social Development (UNRISD); United Nations Conference on Trade and Development (UNCTAD); United Nations Development Programme (UNDP); Department of Economic and Social Affairs (UN DESA); Food and Agriculture Organization of the United Nations (FAO); United Nations Industrial Development Organization (UNIDO); United Nations Entity for Gender Equality and the Empowerment of Women (UN Women); World Health Organization (WHO); United Nations Educational, Scientiﬁc and Cultural Organization (UNESCO); Organisation for Economic Co-operation and Development (OECD).

Observers: International Cooperative Alliance (ICA); International Coalition of the Social and Solidarity Economy (ICSSE); Intercontinental Network for the Promotion of Social Solidarity Economy (RIPESS); Global Social Economy Forum (GSEF); SSE International Forum (SSE-IF); International Association of Mutual Beneﬁt Societies (AIM); International Cooperative and Mutual Insurance Federation (ICMIF); International Centre of Research and Information on the Public, Social and Cooperative Economy (CIRIEC); Social Economy Europe; Global Fund for Cities Development (FMDV).

## Annex II: documents referred to during the meeting

General Assembly resolution 77/281 of 18 April 2023 (A/RES/77/281) and its draft, A/77/L.60. Report of the Secretary-General, A/78/168. Resolution concerning decent work and the social and solidarity economy, International Labour Conference, 110th session, 2022. Promotion of Cooperatives Recommendation, 2002 (No. 193). OECD Recommendation on the Social and Solidarity Economy and Social Innovation, 10 June 2022. Social Economy Action Plan of the European Commission, 9 December 2021. Council Recommendation on developing social economy framework conditions, adopted by the Council of the European Union in November 2023.

## Annex III: follow-up actions

1. Secretariat: circulate the revised work plan, with a timetable for each policy brief, by mid-December.
2. UNRISD, ILO and UNCTAD: prepare a concept note on measurement for the next plenary meeting.
3. UN DESA: inform members of any Member State initiative concerning a further General Assembly resolution on the subject.
4. Secretariat: prepare the style sheet on the name of the Task Force in the six ofﬁcial languages.
5. All members: send examples of country support activities for the knowledge hub, with documents in their original language.
""",
)

doc(
    path="reports/2023-07-01_international_day_of_cooperatives_note.pdf",
    title="International Day of Cooperatives 2023: archive note",
    author="SSE Archive Network, Documentation Unit",
    subject="International Day of Cooperatives, 1 July 2023",
    date=(2023, 7, 1),
    dateline="Archive note | 1 July 2023 | English",
    text="""\
## The day

The International Day of Cooperatives is celebrated every year on the ﬁrst Saturday of July. In 2023 it falls on 1 July. The day is promoted by the International Cooperative Alliance (ICA) together with the United Nations, and it is the ﬁrst edition since the General Assembly adopted resolution 77/281 on promoting the social and solidarity economy.

## Why the archive marks it

Cooperatives form the largest and oldest family of the social and solidarity economy. Their records, from the ﬁrst rules of consumer societies to the annual reports of large agricultural and banking cooperatives, are a central part of our holdings. Each year, the archive collects messages, posters and press coverage of the day.

## The ICA and its practical work

The ICA, founded in 1895, represents coopera~tives from all sectors and all continents. Beyond its advocacy, it is known for practical tools: guidance notes on the cooperative principles, training materials, and a monitoring of the world's largest cooperatives. Members regularly describe the ICA as practical and close to their concerns, even if its work at the United Nations is less visible to the public.

This year, cooperative organizations will link the day to the recent resolution of the General Assembly. Many federations plan to ask their governments how they intend to implement it, and how cooperatives will be consulted. Some also recall that the Promotion of Cooperatives Recommendation, 2002 (No. 193) of the International Labour Organi|zation remains the main international standard for cooperative legislation.

## Cooperatives and the wider ﬁeld

The relationship between cooperatives and the wider Social and Solidarity Eco~nomy is not always simple. Cooperative organizations value their distinct identity, based on the seven cooperative principles, and are wary of general legislation that could blur it. At the same time, they recognize that alliances with mutuals, associations and social enterprises strengthen their inﬂuence in policy debates.

## How to contribute

Members are invited to send to the archive any material produced for the day: statements, photographs, recordings of events, and local press coverage. Please indicate the date, the place and the organization responsible, and the language of each document. Digital ﬁles should be sent in their original format, without conversion.
""",
)

doc(
    path="reports/2024-06-28_sse_academy_participation_report.pdf",
    title="Report on the participation of network members in the SSE Academy",
    author="SSE Archive Network, Training Committee",
    subject="ITCILO SSE Academy; capacity building after resolution 77/281",
    date=(2024, 6, 28),
    dateline="Report | 28 June 2024 | English",
    text="""\
## Introduction

Since 2010, the International Training Centre of the ILO (ITCILO) in Turin has organized an annual SSE Academy, bringing together practitioners, policy makers and researchers from all regions. This report summarizes the experience of the ﬁve members of our network who attended recent editions with ﬁnancial support from the network, and draws lessons for future participation.

## Context

The Academy has taken on new importance since the General Assembly adopted its resolution on the social and solidarity economy, on April 18th of last year. The ITCILO and the ILO have both expanded their offer on the subject, in line with the plan of action adopted by the International Labour Organization after the 2022 resolution of the International Labour Conference.

## What participants learned

Policy design. Participants valued sessions comparing national frameworks for the Social and Solidarity Eco~nomy, including laws in Latin America, Africa and Europe. Several said that they had, for the ﬁrst time, understood how ministries of labour, ﬁnance and economy share responsibilities for the sector.

Finance. A workshop on social ﬁnance presented guarantee funds, community development ﬁnance institutions and cooperative banks. One participant noted that the most useful part was the discussion of failures, rather than success stories.

Measurement. The sessions on statistics were considered diﬃcult but essential. Participants learned about satellite accounts and about the ILO guidelines on statistics of cooperatives.

Networking. Everyone mentioned the value of meeting peers. One participant from West Africa established a partnership with a mutual health organization in Belgium, a member of the Association internationale de la mutualité (AIM).

## Diﬃculties

The main diﬃculties were linguistic and ﬁnancial. Not all sessions are interpreted, and French- and Spanish-speaking participants sometimes found it hard to follow. The cost of travel and accommo|dation remains high for small organizations, even with bursaries.

## Recommendations

The network should continue to support participation, giving priority to members from regions where the sector is less organized and to young staff. Participants should be asked to share their learning through a short webinar on their return. The network should also propose to the ITCILO a session on archives and the documentation of the sector's history, which is currently absent from the programme.

## Annex: participants' feedback

Average rating of the Academy: 4.5 out of 5. Most appreciated: exchanges between participants, policy case studies, study visits to cooperatives in Piedmont. Least appreciated: the density of the programme and the limited time for questions. Suggested improvements: more practical exercises, more sessions in French and Spanish, and follow-up coaching after the Academy.
""",
)

doc(
    path="reports/2023-03-15_finanzas_locales_ess_nota.pdf",
    title="Nota técnica: finanzas locales al servicio de la economía social y solidaria",
    author="Red de Archivos de la Economía Social",
    subject="Instrumentos municipales de financiación de la ESS",
    date=(2023, 3, 15),
    dateline="Nota técnica | 15 de marzo de 2023 | Español",
    footer="Página %d de %d",
    text="""\
## Objetivo

Esta nota resume los instrumentos que los gobiernos locales pueden utilizar para facilitar el acceso de las organizaciones de la economía social y solidaria (ESS) a la ﬁnanciación. Se basa en documentos conservados en el archivo y en los trabajos del Fondo Mundial para el Desarrollo de las Ciudades (FMDV), red de gobiernos locales especializada en ﬁnanzas urbanas.

## El problema

Las cooperativas, mutuales y asociaciones suelen tener diﬁcultades para obtener crédito. Los bancos desconocen su modelo de propiedad colectiva, sus garantías son escasas y sus proyectos son a menudo pequeños. Sin embargo, su impacto en el empleo local y en la cohesión social es considerable. Los municipios están bien situados para actuar, porque conocen a las organizaciones de su territorio.

## Instrumentos disponibles

Fondos de garantía municipales. El municipio garantiza una parte del préstamo concedido por un banco, lo que reduce el riesgo y permite condiciones más favorables.

Presupuestos participativos. Una parte del presupuesto municipal se asigna a proyectos decididos por los vecinos, entre los cuales ﬁguran a menudo iniciativas de la Economía Social y Solida~ria.

Compras públicas responsables. Las cláusulas sociales y los contratos reservados permiten que las organizaciones de la ESS accedan a los mercados públicos.

Ahorro local. Algunos municipios promueven, junto con bancos éticos y cooperativas de crédito, productos de ahorro cuyos fondos se destinan a empresas sociales del territorio.

## Contexto internacional

Las negociaciones en curso en Nueva York sobre un proyecto de resolución de la Asamblea General relativo a la economía social y solidaria podrían dar mayor visibilidad a estas políticas. El Foro Global de Economía Social (GSEF) y la Red Intercontinental de Promoción de la Economía Social Solidaria (RIPESS) siguen de cerca el proceso. La Organización Internacional del Trabajo (OIT) aprobó en junio de 2022 una deﬁnición del sector que puede servir de referencia para los reglamentos municipales.

## Recomendaciones

Combinar varios instrumentos en lugar de depender de uno solo; asociar a las redes de la ESS al diseño de los programas; evaluar los resultados con indicadores sencillos; y documentar las experiencias para que otras ciudades puedan aprender de ellas. La inﬂuencia de los gobiernos locales será mayor si actúan en red.
""",
)


# ---------------------------------------------------------------------------
# Layout engine
# ---------------------------------------------------------------------------

def register_fonts():
    pdfmetrics.registerFont(TTFont(FONT, os.path.join(FONT_DIR, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))


def width(s, font, size):
    return pdfmetrics.stringWidth(s, font, size)


VOWELS = set("aeiouyàâäáéèêëíìîïóòôöúùûü")
NO_SPLIT = {"th", "ch", "sh", "ph", "wh", "gh", "ck", "qu", "ll", "rr", "gn",
            "pr", "br", "tr", "dr", "cr", "gr", "fr", "vr", "pl", "bl", "cl",
            "gl", "fl", "ng"}
AUTO_MIN_GAP = 0.10  # auto hyphenation only if the line would be >10% short


def auto_hints(word):
    """Insert '|' hyphenation points in a long lowercase word (VC|CV rule)."""
    if "|" in word or "~" in word:
        return word
    core = word.rstrip(".,;:!?)»\"'")
    trail = word[len(core):]
    if len(core) < 8 or not core.isalpha() or not core.islower():
        return word
    cuts = []
    for i in range(3, len(core) - 2):
        a, b = core[i - 1], core[i]
        if (core[i - 2] in VOWELS and a not in VOWELS and b not in VOWELS
                and core[i + 1] in VOWELS and (a + b) not in NO_SPLIT
                and a != "\u00ad" and b != "\u00ad"):
            cuts.append(i)
    if not cuts:
        return word
    out, last = [], 0
    for i in cuts:
        out.append(core[last:i])
        last = i
    out.append(core[last:])
    return "|".join(out) + trail


def wrap(text, font, size, maxw):
    """Greedy line breaking with optional ('|') and forced ('~') hyphenation.

    Returns a list of lines (strings) for one paragraph.
    """
    lines = []
    cur = ""
    queue = text.split()
    while queue:
        word = queue.pop(0)
        if "~" in word:
            head, tail = word.split("~", 1)
            queue.insert(0, tail)
            word = head + "-"
            forced = True
        else:
            forced = False
        plain = word.replace("|", "")
        cand = (cur + " " + plain) if cur else plain
        if width(cand, font, size) <= maxw:
            cur = cand
        else:
            # try to split at an optional hyphenation point; automatic
            # points only when the line would otherwise be visibly short
            gap = maxw - width(cur, font, size) if cur else maxw
            if "|" not in word and gap > AUTO_MIN_GAP * maxw:
                word = auto_hints(word)
            parts = word.split("|")
            done = False
            for k in range(len(parts) - 1, 0, -1):
                pre = "".join(parts[:k]) + "-"
                c2 = (cur + " " + pre) if cur else pre
                if width(c2, font, size) <= maxw:
                    lines.append(c2)
                    queue.insert(0, "|".join(parts[k:]))
                    cur = ""
                    done = True
                    break
            if not done:
                if cur:
                    lines.append(cur)
                cur = plain
        if forced:
            lines.append(cur)
            cur = ""
    if cur:
        lines.append(cur)
    return lines


def layout(d):
    """Return a list of pages; each page is a list of (font, size, lead, text)."""
    items = []  # (font, size, leading, text) ; None text = vertical gap
    for tl in wrap(d["title"], FONT_BOLD, TITLE_SIZE, COL_W):
        items.append((FONT_BOLD, TITLE_SIZE, TITLE_LEADING, tl))
    items.append((FONT, 9, 14, d["dateline"]))
    items.append((None, 0, 10, None))
    for para in d["text"].strip().split("\n\n"):
        para = " ".join(para.split("\n"))
        if para.startswith("## "):
            items.append((None, 0, 6, None))
            for hl in wrap(para[3:], FONT_BOLD, SIZE + 0.5, COL_W):
                items.append((FONT_BOLD, SIZE + 0.5, LEADING, hl))
        else:
            for bl in wrap(para, FONT, SIZE, COL_W):
                items.append((FONT, SIZE, LEADING, bl))
            items.append((None, 0, 7, None))
    pages, page, y = [], [], TOP
    for it in items:
        lead = it[2]
        if y - lead < BOTTOM and it[3] is not None:
            pages.append(page)
            page, y = [], TOP
        if it[3] is None and not page:
            continue  # no gap at the top of a page
        y -= lead
        page.append((it, y))
    if page:
        pages.append(page)
    return pages


def pdf_date(ymd):
    y, m, dd = ymd
    return "D:%04d%02d%02d100000+00'00'" % (y, m, dd)


def render(d, outpath):
    pages = layout(d)
    n = len(pages)
    c = Canvas(outpath, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(d["title"])
    c.setAuthor(d["author"])
    c.setSubject(d.get("subject", ""))
    c.setCreator("Concord corpus generator (tools/make_corpus_pdfs.py)")
    datestr = pdf_date(d["date"])
    c.setDateFormatter(lambda *args: datestr)
    for i, page in enumerate(pages, 1):
        for (font, size, lead, text), y in page:
            if text is None:
                continue
            c.setFont(font, size)
            c.drawString(LEFT, y, text)
        c.setFont(FONT, 8.5)
        c.drawCentredString(LEFT + COL_W / 2, 55, d.get("footer", "Page %d of %d") % (i, n))
        c.showPage()
    c.save()
    return n


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(here), "corpus")
    register_fonts()
    for d in DOCS:
        out = os.path.join(outdir, d["path"])
        os.makedirs(os.path.dirname(out), exist_ok=True)
        n = render(d, out)
        print("%-70s %d pages" % (d["path"], n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
