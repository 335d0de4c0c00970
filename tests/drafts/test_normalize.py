import pytest

from drafts.normalize import is_stub, number, same, words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", "1"),
        ("1.", "1"),
        ("(1)", "1"),
        ("1)", "1"),
        ("1\\.", "1"),
        ("[1]", "1"),
        (" (3) ", "3"),
        ("12a", "12a"),
        ("5-1.", "5-1"),
        ("16.5.4", "16.5.4"),
        ("а)", "а"),
        ("IV.", "IV"),
        ("", ""),
    ],
)
def test_number_forms(raw, expected):
    assert number(raw) == expected


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a line\nwrapped here", "a line wrapped\nhere"),
        ("two  spaces", "two spaces"),
        ("Verwal\u00adtung", "Verwaltung"),
        ("§\u00a012", "§ 12"),
        ("10\u202f000", "10 000"),
        ("„Der Richter“", '"Der Richter"'),
        ("“quoted”", '"quoted"'),
        ("«слово»", '"слово"'),
        ("it’s", "it's"),
        ("1990–2000", "1990-2000"),
        ("1\\. Satz", "1. Satz"),
        ("**bold** word", "bold word"),
        ('<a id="st1"></a>Статья', "Статья"),
        ("Cafe\u0301", "Café"),
        ("  trailing  ", "trailing"),
    ],
)
def test_formatting_alone_is_the_same(old, new):
    assert words(old) == words(new)
    assert same(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("erfüllt.", "erfüllt,"),
        ("Der Richter", "Das Gericht"),
        ("1", "2"),
        ("word", "Word"),
        ("snake_case_name", "snakecasename"),
    ],
)
def test_wording_is_a_change(old, new):
    assert not same(old, new)


@pytest.mark.parametrize(
    ("heading", "text", "stub"),
    [
        ("", "(weggefallen)", True),
        ("(weggefallen)", "", True),
        ("", "-", True),
        ("", "Утратил силу", True),
        ("", "утратила силу.", True),
        ("", "Güýjüni ýitirdi", True),
        ("", "[Repealed]", True),
        ("", "*(weggefallen)*", True),
        ("", "Dieser Absatz ist weggefallen, weil er überholt ist.", False),
        ("Aufhebung", "Das Gesetz wird aufgehoben.", False),
        ("", "", False),
    ],
)
def test_stubs(heading, text, stub):
    assert is_stub(heading, text) is stub
