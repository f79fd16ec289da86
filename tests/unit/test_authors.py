

def test_an_outlet_after_the_byline_comma_is_not_a_second_author() -> None:
    from stripper.metadata.authors import split_names

    assert split_names("Por Ana Beatriz Costa, Jornal do Norte — Belém") == ("Ana Beatriz Costa",)
    assert split_names("By Jane Doe, John Smith and Ann Lee") == ("Jane Doe", "John Smith", "Ann Lee")
