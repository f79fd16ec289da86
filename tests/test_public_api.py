"""The public API is small, typed and guarded (httpx's test_exported_members).

Adding a public name to ``stripper/__init__.py`` without listing it in ``__all__``
(or the reverse) fails here, so the API never grows by accident.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType

import stripper

INCLUDED_PRIVATE_MEMBERS = {"__version__"}
# Names the project promises (style.md, issue 2): removing one breaks users.
PROMISED = {"extract", "extract_page", "extract_url", "fetch", "run", "Options", "Record",
            "Metadata", "Page", "StripperError", "FetchError", "DEFAULT_OPTIONS"}


def _public_members() -> set[str]:
    return {
        name for name, value in vars(stripper).items()
        if (not name.startswith("_") or name in INCLUDED_PRIVATE_MEMBERS)
        and not isinstance(value, ModuleType)
        and name != "annotations"  # from __future__ import annotations
    }


def test_all_lists_exactly_the_public_members() -> None:
    assert set(stripper.__all__) == _public_members()


def _isort_key(name: str) -> tuple[int, str]:
    """ruff RUF022 / isort order: CONSTANTS, then Classes, then functions and dunders."""
    group = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return group, name


def test_all_is_sorted_without_duplicates() -> None:
    assert stripper.__all__ == sorted(set(stripper.__all__), key=_isort_key)


def test_promised_names_are_exported() -> None:
    assert PROMISED <= set(stripper.__all__)


def test_errors_share_one_root() -> None:
    errors = [getattr(stripper, n) for n in stripper.__all__ if n.endswith("Error")]
    assert errors
    for e in errors:
        assert issubclass(e, stripper.StripperError), e


def test_public_callables_are_fully_annotated() -> None:
    for name in stripper.__all__:
        obj = getattr(stripper, name)
        if inspect.isfunction(obj):
            sig = inspect.signature(obj)
            assert sig.return_annotation is not inspect.Signature.empty, name
            for p in sig.parameters.values():
                assert p.annotation is not inspect.Parameter.empty, f"{name}({p.name})"


def test_options_are_keyword_only_in_entry_points() -> None:
    for fn in (stripper.extract, stripper.extract_page, stripper.extract_url):
        assert inspect.signature(fn).parameters["options"].kind is inspect.Parameter.KEYWORD_ONLY


def test_package_ships_py_typed() -> None:
    assert (Path(stripper.__file__).parent / "py.typed").is_file()


def test_version_matches_distribution() -> None:
    from importlib.metadata import version

    assert stripper.__version__ == version("stripper")
