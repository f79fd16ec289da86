"""Decoding bytes with no declared charset: short Western pages in Latin-1 /
Windows-1252 must not come out in a Central European or East Asian code page.

charset-normalizer ties on short pages (French bytes decode as cleanly in cp1250,
where 0xE0 'à' is 'ŕ' and 0xE3 'ã' is 'ă'; a Spanish line decodes in Big5), and
the first of a tie wins; Windows-1252 wins the tie (stripper.parse).
"""

from __future__ import annotations

import pytest

from stripper import extract
from stripper.parse import decode, language_hint

# each of these came out garbled before the tie rule (cp1250, cp1258 or Big5)
WESTERN = {
    "fr": ("<html><head><title>Le lavoir</title></head><body><p>Le lavoir a été rénové par "
           "les bénévoles de l'association. La fête aura lieu à la salle des fêtes, près de "
           "l'église. Les travaux ont coûté cher, mais ça valait la peine.</p></body></html>"),
    "fr-short": ("<html><body><p>Le programme de l'été : à Lyon, pâtisserie et dégustation "
                 "pour les enfants.</p></body></html>"),
    "es": ("<html><body><p>Año nuevo en la ciudad: ¡feliz año a todos los vecinos del "
           "barrio!</p></body></html>"),
    "pt": ("<html><body><p>Atenção: a promoção é válida até sábado, não perca a "
           "oportunidade de comprar com desconto.</p></body></html>"),
    "pt-lang": "<html lang='pt-BR'><p>Atenção: promoção válida até sábado.</p></html>",
    "it": ("<html><body><p>La città è bellissima in primavera. Perché non vieni a trovarci? "
           "Così potremo andare insieme al caffè più famoso della zona.</p></body></html>"),
}


@pytest.mark.parametrize("name", sorted(WESTERN))
def test_short_latin1_page_without_charset(name: str) -> None:
    text = WESTERN[name]
    decoded, encoding = decode(text.encode("cp1252"))
    assert decoded == text, encoding


def test_a_one_line_page_without_language_keeps_the_detected_charset() -> None:
    """With no declared language and too few words to show one, the bytes are
    ambiguous: stripper does not guess Windows-1252 (a Czech line reads the same)."""
    text = "<html><body><p>Dobrý den, čeština je krásná.</p></body></html>"
    assert decode(text.encode("cp1250"))[0] == text


OTHERS = [
    ("<html><body><p>Привет, мир! Это короткая страница о погоде в Москве.</p></body></html>",
     "cp1251"),
    # a template that says lang="en" over Russian bytes: the language is not believed
    ("<html lang='en'><body><p>Привет, мир! Это короткая страница о погоде.</p></body></html>",
     "cp1251"),
    ("<html><body><p>Γειά σου κόσμε! Αυτή είναι μια σελίδα για τον καιρό.</p></body></html>",
     "cp1253"),
    ("<html><body><p>Příliš žluťoučký kůň úpěl ďábelské ódy. Dnes je v Praze.</p></body></html>",
     "cp1250"),
    (("<html><body><p>Zítra bude v Brně zataženo a večer přeháňky; na horách se očekává "
      "sníh a do údolí přijde mráz.</p></body></html>"), "cp1250"),
    ("<html lang='pl'><body><p>Zażółć gęślą jaźń, dziś świeci słońce.</p></body></html>",
     "cp1250"),
    ("<html><body><p>Bugün İstanbul'da hava güneşli. Şehir çok güzel.</p></body></html>",
     "cp1254"),
    ("<html><body><p>こんにちは世界。今日は東京は晴れです。</p></body></html>", "shift_jis"),
]


@pytest.mark.parametrize(("text", "encoding"), OTHERS)
def test_other_code_pages_are_still_detected(text: str, encoding: str) -> None:
    decoded, _ = decode(text.encode(encoding))
    assert decoded == text


def test_declared_charset_wins_over_the_language() -> None:
    text = "<html lang='fr'><head><meta charset='windows-1250'></head><p>Zażółć</p></html>"
    assert decode(text.encode("cp1250"))[0] == text


@pytest.mark.parametrize(("head", "lang"), [
    (b"<!DOCTYPE html><html lang=\"fr-FR\" dir=\"ltr\">", "fr"),
    (b"<html><head><meta http-equiv='Content-Language' content='es'>", "es"),
    (b"<html><head><meta property=\"og:locale\" content=\"pt_BR\">", "pt"),
    (b"<html><body><p>lang=en in the text</p>", None),
])
def test_language_hint(head: bytes, lang: str | None) -> None:
    assert language_hint(head) == lang


def test_a_western_lang_with_bytes_cp1252_leaves_undefined_falls_back() -> None:
    """0x81/0x8D/0x8F/0x90/0x9D are undefined in Windows-1252: detection decides."""
    data = "<html lang='en'><p>caf\u00e9</p></html>".encode("cp1252") + b"\x81\x8d\x9d"
    text, _ = decode(data)
    assert "<p>" in text


def test_short_latin1_article_extracts_with_its_accents() -> None:
    page = ("<html><head><title>Fête au village</title></head><body><article>"
            "<p>La fête du village aura lieu à la salle des fêtes, près de l'église.</p>"
            "<p>Les bénévoles préparent déjà le goûter ; venez nombreux à l'après-midi.</p>"
            "</article></body></html>")
    record = extract(page.encode("iso-8859-1"))
    assert record.error is None
    assert "près de l'église" in record.body and "goûter" in record.body
    assert "ŕ" not in record.body


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 4,
    b"\x80\x81\x8d\x8f\x90\x9d\xff" * 300,
    "<p>café</p>".encode("cp1252") + bytes(range(128, 256)),
    b"<p>\xe0\xe3\xf5</p>",
])
def test_mis_encoded_or_binary_input_never_crashes(data: bytes) -> None:
    record = extract(data)
    assert record.error is None or record.error.kind == "decode-error"
