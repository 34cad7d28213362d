"""Identifier schemes: well-formed and ill-formed values of every scheme, checked by hand."""

from __future__ import annotations

import pytest

from atelier_kg.sources.identifiers import SCHEMES, luhn_valid, problem

# Luhn, worked out for SIREN 417669587 (CIRIDD): from the right, every second digit is doubled
# and a doubled digit above 9 loses 9:
#   digits from the right  7  8  5  9  6  6  7  1  4
#   doubled?                  x     x     x     x
#   counted                7  7  5  9  6  3  7  2  4   -> sum 50, a multiple of 10: valid.
# With a last digit of 8 the sum is 51: invalid; only a last digit of 7 makes 43 + d a multiple of 10.


def test_the_schemes_of_the_contract():
    assert list(SCHEMES) == [
        "SIREN",
        "SIRET",
        "INSEE.REG",
        "INSEE.DEP",
        "INSEE.COM",
        "INSEE.EPCI",
        "wikidata",
        "CPV",
    ]
    for prefix, scheme in SCHEMES.items():
        assert scheme.prefix == prefix
        assert scheme.label and scheme.datatype and scheme.agency and scheme.form
    assert SCHEMES["SIREN"].agency == "INSEE"
    assert SCHEMES["wikidata"].agency == "Wikimedia Foundation"
    assert SCHEMES["CPV"].agency == "Publications Office of the European Union"
    assert SCHEMES["INSEE.COM"].datatype == "InseeCommuneCode"


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("417669587", True),  # sum 50 (above)
        ("417669588", False),  # sum 51
        ("79927398713", True),  # 3 2 7 7 9 6 7 4 9 9 7 (doubled 1 8 3 2 9) -> 70
        ("79927398710", False),  # 67
        ("0", True),
        ("", False),
        ("41766958a", False),
        ("417 669 587", False),
    ],
)
def test_luhn(digits, valid):
    assert luhn_valid(digits) is valid


# SIREN numbers of the graph's organisations, each sum worked out as above:
#   552081317 EDF: 7 2 3 2 8 0 2 1 5 = 30;  385290309 ADEME: 9 0 3 0 9 4 5 7 3 = 40;
#   225900018 Département du Nord: 8 2 0 0 0 9 5 4 2 = 30;  243100633 (EPCI): 3 6 6 0 0 2 3 8 2 = 30.
@pytest.mark.parametrize("siren", ["417669587", "552081317", "385290309", "225900018", "243100633"])
def test_valid_siren(siren):
    assert problem("SIREN", siren) is None


def test_a_siren_failing_luhn_says_which_last_digit_would_pass():
    assert problem("SIREN", "417669588") == (
        "SIREN 417669588 fails the Luhn check: check the digits against the register "
        "(a valid number with these first 8 digits ends in 7)"
    )
    # EDF's with its last digit changed: 30 - 7 + 8 = 31; 23 + d must be a multiple of 10, d = 7.
    assert "ends in 7" in problem("SIREN", "552081318")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("417 669 587", "write it without spaces (417669587)"),
        ("417\u00a0669\u00a0587", "write it without spaces (417669587)"),
        ("417 669 588", "write it without spaces"),
        ("417.669.587", "has characters other than digits"),
        ("41766958", "has 8 digits, not 9"),
        ("4176695870", "has 10 digits, not 9"),
        ("41766958700038", "it looks like a SIRET, whose first 9 digits (417669587) are the SIREN"),
        ("", "is empty"),
    ],
)
def test_ill_formed_siren(value, expected):
    message = problem("SIREN", value)
    assert message is not None and expected in message
    assert "\n" not in message


# SIRET 41766958700038 (CIRIDD's establishment), from the right:
#   8 3 0 0 0 7 8 5 9 6 6 7 1 4, doubled every second: 8 6 0 0 0 5 8 1 9 3 6 5 1 8 -> 60.
# La Poste (SIREN 356000000): 35600000049837 has the digit sum 3+5+6+4+9+8+3+7 = 45, a multiple
# of 5, while its Luhn sum is 7 6 8 9 4 0 0 0 0 0 0 3 5 6 = 48 (not valid by Luhn);
# 35600000000048 (the head office) has the Luhn sum 8 8 0 … 0 3 5 6 = 30 and the digit sum 26.
@pytest.mark.parametrize("siret", ["41766958700038", "35600000049837", "35600000000048"])
def test_valid_siret(siret):
    assert problem("SIRET", siret) is None


def test_ill_formed_siret():
    # 41766958700039: Luhn sum 61; the first 13 digits count 52, so the last digit must be 8.
    assert problem("SIRET", "41766958700039") == (
        "SIRET 41766958700039 fails the Luhn check: check the digits against the register "
        "(a valid number with these first 13 digits ends in 8)"
    )
    # 35600000049838: digit sum 46 and Luhn sum 49, neither rule holds.
    assert "fails both the Luhn check and La Poste's rule" in problem("SIRET", "35600000049838")
    # 41766958800036 passes Luhn as a whole (6 6 0 0 0 7 8 1 9 3 6 5 1 8 = 60) but its SIREN
    # 417669588 does not (sum 51).
    assert "begins with 417669588, which is not a valid SIREN" in problem("SIRET", "41766958800036")
    assert "it looks like a SIREN" in problem("SIRET", "417669587")
    assert "write it without spaces (41766958700038)" in problem("SIRET", "417 669 587 00038")
    assert "has 13 digits, not 14" in problem("SIRET", "4176695870003")


def test_epci_code_is_the_siren_of_the_epci():
    assert problem("INSEE.EPCI", "243100633") is None
    # 243100634: sum 31; the first 8 digits count 27, so the last digit must be 3.
    assert problem("INSEE.EPCI", "243100634") == (
        "EPCI code 243100634 fails the Luhn check: check the digits against the register "
        "(a valid number with these first 8 digits ends in 3)"
    )


# The current région codes, as the contract lists them.
@pytest.mark.parametrize("code", "01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94".split())
def test_valid_region(code):
    assert problem("INSEE.REG", code) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4", "has lost its leading zero: write 04"),
        ("6", "has lost its leading zero: write 06"),
        ("05", "is not one of the current région codes"),
        ("99", "is not one of the current région codes"),
        ("2A", "is not one of the current région codes"),
        ("", "is not one of the current région codes"),
        ("44 ", "write it without spaces (44)"),
    ],
)
def test_ill_formed_region(value, expected):
    assert expected in problem("INSEE.REG", value)


@pytest.mark.parametrize("code", ["01", "09", "19", "21", "38", "59", "95", "2A", "2B", "971", "974", "976"])
def test_valid_departement(code):
    assert problem("INSEE.DEP", code) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20", "Corsica has been two départements since 1976, 2A (Corse-du-Sud) and 2B (Haute-Corse)"),
        ("2a", "with a capital letter: 2A"),
        ("2b", "with a capital letter: 2B"),
        ("1", "has lost its leading zero: write 01"),
        ("00", "does not exist"),
        ("96", "does not exist"),
        ("97", "does not exist"),
        ("970", "does not exist"),
        ("977", "does not exist"),
        ("2C", "does not exist"),
        ("038", "does not exist"),
    ],
)
def test_ill_formed_departement(value, expected):
    assert expected in problem("INSEE.DEP", value)


@pytest.mark.parametrize("code", ["38185", "2A004", "2B033", "97411", "01001", "75056", "59350", "97601"])
def test_valid_commune(code):
    assert problem("INSEE.COM", code) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20004", "begins with 20, which no commune code has since 1976"),
        ("2a004", "with a capital letter: 2A004"),
        ("1001", "has lost its leading zero: write 01001"),
        ("97701", "is not well formed"),  # 977 is not an overseas département
        ("97011", "is not well formed"),
        ("9741", "has lost its leading zero: write 09741"),  # a hint only: 09741 has the form of a code
        ("974111", "is not well formed"),
        ("381850", "is not well formed"),
        ("96001", "is not well formed"),
        ("00001", "is not well formed"),
        ("2C004", "is not well formed"),
        ("38 185", "write it without spaces (38185)"),
    ],
)
def test_ill_formed_commune(value, expected):
    assert expected in problem("INSEE.COM", value)


@pytest.mark.parametrize("item", ["Q1", "Q42", "Q90", "Q12661"])
def test_valid_wikidata_item(item):
    assert problem("wikidata", item) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("q90", "capital Q: Q90"),
        ("Q090", "leading zero: write Q90"),
        ("Q0", "is not an item"),
        ("90", "lacks its Q: write Q90"),
        ("P31", "is a property, not an item"),
        ("L7", "is a lexeme, not an item"),
        ("http://www.wikidata.org/entity/Q90", "write Q90 alone"),
        ("Q 90", "write it without spaces (Q90)"),
        ("Q", "is not the id of an item"),
        ("", "is not the id of an item"),
    ],
)
def test_ill_formed_wikidata_item(value, expected):
    assert expected in problem("wikidata", value)


# Codes with their check digits as a copy of the CPV 2008 list prints them (09310000-5 Electricity,
# 03000000-1 Agricultural, farming, fishing, forestry and related products, 03300000-2 Farming,
# hunting and fishing products, 09100000-0 Fuels, 09134100-8 Diesel oil, 38941000-7 Alpha counters,
# 38947000-7 X-ray microanalysers). The sum with the weights 3 7 1 3 7 1 3 7 that some programs use
# gives the listed digit for 03000000 only (0+21 = 21 -> 1): 0+63+3+3 = 69 -> 9 for 09310000,
# 0+21+3 = 24 -> 4 for 03300000, 0+63+1 = 64 -> 4 for 09100000, 0+63+1+9+28+1 = 102 -> 2 for
# 09134100, 9+56+9+12+7 = 93 -> 3 for 38941000, 9+56+9+12+49 = 135 -> 5 for 38947000.
@pytest.mark.parametrize(
    "code",
    ["09310000-5", "03000000-1", "03300000-2", "09100000-0", "09134100-8", "38941000-7", "38947000-7"],
)
def test_valid_cpv(code):
    assert problem("CPV", code) is None


def test_the_cpv_check_digit_is_the_lists():
    # No published algorithm gives the check digits of the CPV list (see the module's docstring):
    # the digit is checked against the list. 09310000 is Electricity, printed 09310000-5 in the
    # regulation's annex; 38941000-7 and 38947000-7 share a digit though they differ in one.
    assert "the CPV 2008 list gives 09310000-5 (Electricity)" in problem("CPV", "09310000-4")
    assert problem("CPV", "38941000-7") is None and problem("CPV", "38947000-7") is None
    # 09310001 is well formed but no code of the list (a class ends in zeros below its parent).
    assert "not in the CPV 2008 list" in problem("CPV", "09310001-5")


def test_the_cpv_list_is_whole():
    from atelier_kg.sources.cpv import cpv_list

    codes = cpv_list()
    # CPV 2008 main vocabulary: 9,454 codes in 45 divisions (03 Agricultural products … 98 Other
    # community, social and personal services).
    assert len(codes) == 9454
    assert len({code[:2] for code in codes}) == 45
    assert codes["03000000"].notation == "03000000-1"
    assert codes["09310000"].label_fr == "Électricité"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09310000", "lacks its check digit"),
        ("093100005", "no hyphen before its check digit: write 09310000-5"),
        ("9310000-5", "a leading zero may have been lost (09310000-5)"),
        ("09310000-55", "is not well formed"),
        ("0931000A-5", "is not well formed"),
        ("09310000 - 5", "write it without spaces (09310000-5)"),
        ("", "is not well formed"),
    ],
)
def test_ill_formed_cpv(value, expected):
    assert expected in problem("CPV", value)


def test_an_unknown_scheme_is_a_programming_error():
    with pytest.raises(ValueError, match="no identifier scheme 'NUTS'"):
        problem("NUTS", "FRK24")
