"""Pages laid out in one page-wide table (sites built before CSS layouts): the
article's cell is the body, not the banner, menu, side column and footer cells
around it; a breadcrumb trail written as text goes wherever it is.

The page is written for this test, modelled on 2000s association sites made
with an HTML editor (French class names that no English rule knows).
"""

from __future__ import annotations

import dataclasses

import pytest

from stripper import extract
from stripper.options import DEFAULT_OPTIONS, ScoreOptions
from stripper.score import classify_block

STORY = (
    ("Il aura fallu deux ans et une quarantaine de bénévoles pour que le lavoir retrouve "
     "l'allure qu'il avait au début du siècle dernier, avec sa charpente de chêne."),
    ("Construit en 1887 au bord du ruisseau, le lavoir avait perdu sa toiture lors de la "
     "tempête de 1999 ; depuis, les murs de pierre sèche se dégradaient chaque hiver."),
    ("La charpente a été taillée dans du chêne de la vallée, selon les techniques "
     "traditionnelles, sous la conduite d'un compagnon charpentier à la retraite."),
    ("Le budget total s'élève à deux mille huit cents euros, financés pour moitié par la "
     "commune et pour moitié par les cotisations et la fête annuelle de l'association."),
)
SIDE = ("<div class='bloc'><h3>Agenda</h3><p><b>14 mars</b> - Assemblée générale, salle "
        "des fêtes de Saint-Martin, 18 h</p><p><b>4 avril</b> - Chantier bénévole au four "
        "banal de Lacapelle, rendez-vous à 9 h</p></div><div class='bloc'><h3>Lettre "
        "d'information</h3><p>Recevez nos nouvelles par courriel chaque mois :</p></div>"
        "<div class='compteur'>Vous êtes le visiteur n° 48213 depuis l'ouverture</div>")
FOOT = ("Les Amis du Patrimoine de la Vallée - Association loi 1901 - Mairie, 46330 "
        "Saint-Martin<br>Site réalisé par un bénévole avec amour et un éditeur HTML.")


def _page() -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return f"""<html><head><title>Le lavoir retrouve son toit - Les Amis du Patrimoine</title>
</head><body><table width="960" id="page"><tr><td colspan="2" id="bandeau">
<img src="bandeau.jpg" alt="Les Amis du Patrimoine"></td></tr>
<tr><td width="220" valign="top" class="colonne">{SIDE}</td>
<td width="740" valign="top" id="contenu">
<p class="chemin"><a href="index.html">Accueil</a> &gt; <a href="actu.html">Actualités</a>
&gt; Le lavoir de Saint-Martin</p>
<h1>Le lavoir de Saint-Martin retrouve son toit</h1>{story}</td></tr>
<tr><td colspan="2" id="pied">{FOOT}</td></tr></table></body></html>"""


URL = "http://patrimoine.example/actu-2009-02-lavoir-de-saint-martin.html"


def test_the_article_cell_is_the_body() -> None:
    record = extract(_page(), url=URL)
    assert record.page_type == "article"
    assert all(p in record.body for p in STORY)
    for chrome in ("Assemblée générale", "Recevez nos nouvelles", "Vous êtes le visiteur",
                   "Association loi 1901", "Accueil", "retrouve son toit"):
        assert chrome not in record.body, chrome


def test_without_the_option_the_whole_table_is_kept() -> None:
    off = dataclasses.replace(DEFAULT_OPTIONS, select=dataclasses.replace(
        DEFAULT_OPTIONS.select, layout_cell_types=()))
    body = extract(_page(), url=URL, options=off).body
    assert "Assemblée générale" in body and "Vous êtes le visiteur" in body


@pytest.mark.parametrize(("text", "link_chars", "cls"), [
    ("Accueil > Actualités > Le lavoir de Saint-Martin", 18, "bad"),
    ("Home » Guides » Kitchen » How to season a cast-iron pan", 20, "bad"),
    ("Inicio / Tienda / Mochilas de viaje", 15, "bad"),
    # two parts are not a trail; without links it is a sentence or a menu path
    ("Home » How to season a cast-iron pan properly", 4, "good"),
    ("Open Settings > Privacy > Location to turn the feature off", 0, "good"),
])
def test_breadcrumb_trail_is_bad(text: str, link_chars: int, cls: str) -> None:
    s = classify_block(text, len(text), link_chars, 0, ScoreOptions())
    assert s.cls == cls
    assert (s.reason == "breadcrumb") == (cls == "bad")
