"""Golden pages: one parametrized case per fixture and check (fixtures/pages/<slug>/).

Checks (see goldenlib.py): ``body`` (token F1 against expected.txt), ``with`` /
``without`` (snippets.jsonl), ``title``, ``author``, ``date``, ``language``,
``page_type`` (expected.json) and, for listings, ``items`` and ``item-dates``.

Where stripper is wrong today the case is listed in KNOWN_FAILURES with the
reason, as a strict xfail: when a change fixes it, the XPASS fails the run and
the entry must be removed here. Never weaken an expectation to make a case pass.
"""

from __future__ import annotations

import pytest
from goldenlib import METADATA_FIELDS, PAGES, checks_for, load, run_check, slugs

# (slug, check) -> what stripper does wrong. Keep the reasons precise: they are
# bug reports. Regenerate the picture with ``python tests/golden/regen.py``.
KNOWN_FAILURES: dict[tuple[str, str], str] = {
}


def _cases() -> list[object]:
    out: list[object] = []
    for slug in slugs():
        for check in checks_for(slug):
            marks = []
            reason = KNOWN_FAILURES.get((slug, check))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            out.append(pytest.param(slug, check, marks=marks, id=f"{slug}:{check}"))
    return out


REQUIRED_FILES = ("source.html", "page.json", "expected.txt", "expected.json")


@pytest.mark.parametrize("slug", slugs())
def test_fixture_is_complete(slug: str) -> None:
    """Every page has its four files, a url, the metadata keys and snippets both ways."""
    d = PAGES / slug
    for name in REQUIRED_FILES:
        assert (d / name).is_file(), name
    fx = load(slug)
    assert fx.page.get("url", "").startswith(("http://", "https://"))
    assert {"encoding", "modelled_on", "source"} <= set(fx.page)
    assert set(METADATA_FIELDS) <= set(fx.expected), "expected.json needs every metadata key"
    assert fx.text.strip() and fx.text.endswith("\n") and "\n\n\n" not in fx.text
    assert fx.with_ and fx.without, "snippets.jsonl needs a with and a without list"
    low = fx.text.lower()
    assert all(w.lower() in low for w in fx.with_), "a with-snippet is not in expected.txt"
    assert not [w for w in fx.without if w.lower() in low], "a without-snippet is in expected.txt"
    fx.source.decode(fx.page["encoding"])  # the declared encoding really decodes the bytes


def test_known_failures_name_real_cases() -> None:
    """A stale KNOWN_FAILURES key (renamed fixture or check) would hide nothing; refuse it."""
    real = {(s, c) for s in slugs() for c in checks_for(s)}
    assert set(KNOWN_FAILURES) <= real, sorted(set(KNOWN_FAILURES) - real)


@pytest.mark.parametrize(("slug", "check"), _cases())
def test_page(slug: str, check: str) -> None:
    problems = run_check(slug, check)
    assert not problems, "\n".join(problems)
