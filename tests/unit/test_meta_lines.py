"""Byline and dateline lines above an article's text, and its headline, stay out of
the body (metadata reads them): ``metadata.meta_line`` and the article strategy.

The page is written for this test, modelled on Portuguese and Spanish news portals
whose class names say nothing an English rule knows ("materia-info__autor").
"""

from __future__ import annotations

import dataclasses

import pytest

from stripper import extract
from stripper.metadata import meta_line
from stripper.options import DEFAULT_OPTIONS


@pytest.mark.parametrize(("line", "kind"), [
    ("Por Ana Beatriz Costa, Jornal do Norte — Belém", "byline"),
    ("by Jim Donnelly | August 24, 2023", "byline"),
    ("Von Anna Schmidt und Peter Müller", "byline"),
    ("Par Jean-Luc Moreau", "byline"),
    ("By Matt Miller on Dec 16, 2025 at 11:00 AM", "byline"),
    ("Publicado em 05/03/2023 às 14h20 · Atualizado em 06/03/2023 às 09h00", "dateline"),
    ("Posted by Peter Bell on August 21, 2019", "dateline"),
    ("Last updated on 17 December 2025", "dateline"),
    ("Publié le 3 février 2009 par Jean-Luc Moreau", "dateline"),
    ("October 11, 2023 by Autumn Huerter", "byline"),
    ("By Chris McNamara ⋅ Founder and Editor ⋅ Updated May 6, 2025", "byline"),
    ("March 12, 2024", "dateline"),
    ("- June 26, 2025", "dateline"),
    ("August 16, 2019 - Updated July 9, 2025", "dateline"),
    ("30 January 2025 / 23:07 GMT", "dateline"),
    # sentences, labels without a date, and names cut short by lower-case words
    ("January 16, 2026 Computer Overhauls", None),
    ("In 2019 the company opened its second plant", None),
    ("By the 17th century, coffee had reached Europe", None),
    ("Von Berlin aus fährt der Zug nach Hamburg", None),
    ("By submitting your phone number, you agree", None),
    ("Published by Helvetiq", None),
    ("Updated", None),
    ("Por favor, deixe seu comentário abaixo", None),
])
def test_meta_line(line: str, kind: str | None) -> None:
    assert meta_line(line) == kind


STORY = (
    ("Depois de dois anos de obras, a prefeitura entregou neste sábado a nova cobertura "
     "do mercado de peixe, com estrutura de aço e lona tensionada no lugar do amianto."),
    ("A obra custou R$ 12,6 milhões, pagos com recursos do município e de um convênio "
     "federal; a nova cobertura deixa passar mais luz e reduz a temperatura."),
    ("Para os feirantes, a entrega chegou tarde: a associação cobra agora a reforma dos "
     "banheiros, prometida para a mesma etapa da obra e adiada duas vezes."),
)


def _page(after_story: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    return f"""<html lang="pt-BR"><head><title>Feira ganha nova cobertura | Jornal</title>
</head><body><main class="conteudo"><div class="materia-cabecalho">
<h1 class="materia-titulo">Feira ganha nova cobertura após dois anos de obras</h1>
<h2 class="materia-subtitulo">Prefeitura promete reorganizar as barracas até o fim do mês</h2>
<div class="materia-info"><p class="materia-info__autor">Por Ana Beatriz Costa, Jornal do
Norte — Belém</p><p class="materia-info__data">Publicado em 05/03/2023 às 14h20 ·
Atualizado em 06/03/2023 às 09h00</p></div></div>
<div class="materia-corpo">{paras}{after_story}</div></main></body></html>"""


URL = "https://jornal.example/belem/noticia/feira-ganha-nova-cobertura-apos-dois-anos.ghtml"


def test_byline_dateline_and_headline_leave_the_body_the_standfirst_stays() -> None:
    record = extract(_page(), url=URL)
    assert record.page_type == "article"
    assert all(p in record.body for p in STORY)
    assert "Prefeitura promete reorganizar" in record.body  # the standfirst
    assert "Ana Beatriz Costa" not in record.body
    assert "Publicado em" not in record.body
    assert "Feira ganha nova cobertura após" not in record.body
    assert record.author == "Ana Beatriz Costa"  # metadata still reads them
    assert record.date is not None and record.date.startswith("2023-03-05")


def test_without_the_options_the_lines_stay() -> None:
    off = dataclasses.replace(DEFAULT_OPTIONS, select=dataclasses.replace(
        DEFAULT_OPTIONS.select, meta_line_types=(), drop_headline_types=()))
    body = extract(_page(), url=URL, options=off).body
    assert "Por Ana Beatriz Costa" in body
    assert "Publicado em 05/03/2023" in body
    assert "Feira ganha nova cobertura após" in body


def test_a_byline_below_the_text_begins_is_content() -> None:
    """Below the first paragraph a byline credits a book or a quoted piece."""
    book = ("<h3>Leitura recomendada</h3><p>Por Maria do Socorro Lima</p>"
            "<p>Um livro sobre as feiras do Norte, suas ervas e garrafadas, e as famílias "
            "que as mantêm há gerações no mercado.</p>")
    body = extract(_page(book), url=URL).body
    assert "Por Maria do Socorro Lima" in body


def test_a_byline_and_a_date_set_as_headings_leave_the_body() -> None:
    """Themes set the byline or the date as an h6 or h2 above the text."""
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    html = (f"<html><body><article><h1>Feira ganha nova cobertura</h1><h6>By Jane Doe</h6>"
            f"<h2>March 12, 2024</h2>{paras}<h2>Os feirantes</h2>{paras}</article>"
            f"</body></html>")
    body = extract(html, url=URL).body
    assert "Jane Doe" not in body and "March 12, 2024" not in body
    assert "Os feirantes" in body


def test_a_share_bar_named_in_portuguese_goes_and_the_standfirst_stays() -> None:
    """Left in place, a share bar is a bad block right after the standfirst, and
    the heading rule drops the standfirst with it (share words in six languages)."""
    bar = ('<div class="compartilhar"><span>Compartilhe:</span><a href="#">WhatsApp</a>'
           '<a href="#">Facebook</a></div>')
    html = _page().replace('<div class="materia-corpo">', bar + '<div class="materia-corpo">')
    body = extract(html, url=URL).body
    assert "WhatsApp" not in body
    assert "Prefeitura promete reorganizar" in body


def test_explain_reports_each_dropped_line_once() -> None:
    record = extract(_page(), url=URL, options=dataclasses.replace(DEFAULT_OPTIONS, trace=True))
    drops = [(d.node, d.text) for d in record.trace
             if d.stage == "select" and d.verdict.startswith("drop")]
    rules = {d.rule for d in record.trace if d.stage == "select"}
    assert {"byline", "dateline", "headline"} <= rules
    assert len(drops) == len(set(drops))
