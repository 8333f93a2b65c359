"""The actor codebook: categories, date-bounded roles, overrides and malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from amity.codebook.actors import ActorCodebook, load_default
from amity.errors import CodebookError


@pytest.fixture(scope="module")
def codebook() -> ActorCodebook:
    return load_default()


def _key_of(codebook: ActorCodebook, form: str) -> str:
    return dict(codebook.name_forms())[form]


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Cambodia", "KHM"),  # country name
        ("Filipino", "PHL"),  # demonym
        ("Tokyo", "JPNGOV"),  # capital metonym
        ("Kremlin", "RUSGOV"),  # government body
        ("Pentagon", "USAMIL"),
        ("ASEAN", "ASN"),  # IGO acronym
        ("UNTAC", "UNO"),  # UN body shares the UN code
        ("Brussels", "EUR"),
        ("JICA", "JPNGOV"),  # national agency
        ("JMSDF", "JPNMIL"),
        ("CNRP", "KHMOPP"),  # party
        ("Cambodian People's Party", "KHMPTY"),
        ("Khmer Rouge", "KHMREB"),
    ],
)
def test_each_category_resolves_to_its_code(codebook: ActorCodebook, form: str, code: str) -> None:
    assert codebook.resolve(_key_of(codebook, form), "2018-08-01").code == code


def test_every_un_member_and_observer_is_present(codebook: ActorCodebook) -> None:
    countries = [e for e in codebook.entries() if e.kind == "country" and e.end is None]
    assert len(countries) >= 195
    assert {"VAT", "PSE", "KHM", "JPN", "SSD"} <= {e.key for e in countries}


def test_historical_name_maps_to_the_state(codebook: ActorCodebook) -> None:
    assert codebook.resolve(_key_of(codebook, "Kampuchea"), "1980").country == "KHM"
    assert codebook.form_kind("Burma") == "historical"


def test_a_former_state_keeps_its_code_after_its_end(codebook: ActorCodebook) -> None:
    key = _key_of(codebook, "Soviet Union")  # "the Soviet Union" in a 2017 story is not Russia
    assert codebook.resolve(key, "1985-06-01").code == "SUN"
    assert codebook.resolve(key, "2017").code == "SUN"
    assert codebook.resolve(_key_of(codebook, "South Vietnam"), "2000").code == "VDR"


@pytest.mark.parametrize(
    ("key", "date", "code", "role"),
    [
        ("fumio_kishida", "2014-07-01", "JPNGOV", "Foreign Minister"),
        ("fumio_kishida", "2022-06-01", "JPNGOV", "Prime Minister"),
        ("hun_manet", "2020", "KHMMIL", "Commander of the Royal Cambodian Army"),
        ("hun_manet", "2023-09", "KHMGOV", "Prime Minister"),
        ("yoshihide_suga", "2018-08-06", "JPNGOV", "Chief Cabinet Secretary"),
        ("yasushi_akashi", "1993-03-01", "UNO", "Special Representative of the Secretary-General"),
    ],
)
def test_roles_are_bounded_by_dates(codebook: ActorCodebook, key: str, date: str, code: str, role: str) -> None:
    actor = codebook.resolve(key, date)
    assert (actor.code, actor.role) == (code, role)


def test_outside_every_role_a_person_keeps_country_and_default_sector(codebook: ActorCodebook) -> None:
    actor = codebook.resolve("fumio_kishida", "2019-01-01")
    assert (actor.code, actor.role) == ("JPNPTY", None)
    assert codebook.resolve("sam_rainsy", "2019").code == "KHMOPP"


def test_user_file_overrides_an_entry(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        'version: "1"\nparties:\n'
        "- {key: KHM_CPP, name: Cambodian People's Party, country: KHM, sector: GOV, acronyms: [CPP]}\n"
        "people:\n- {name: Jane Roe, country: KHM, default: CVL}\n",
        encoding="utf-8",
    )
    codebook = ActorCodebook.load([extra])
    assert codebook.resolve("KHM_CPP", None).code == "KHMGOV"
    assert codebook.resolve("jane_roe", None).code == "KHMCVL"
    assert codebook.resolve("KHM_CNRP", None).code == "KHMOPP"  # the rest is ours
    assert codebook.version.endswith("+mine.yaml")


def test_malformed_user_file_names_file_and_line(tmp_path: Path) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(
        'version: "1"\npeople:\n- {name: Good Person, country: KHM}\n- {name: Bad Person, country: khm}\n',
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as info:
        ActorCodebook.load([extra])
    assert info.value.path == str(extra)
    assert info.value.line == 4
    assert "country" in str(info.value) and "bad.yaml:4" in str(info.value)


def test_invalid_yaml_reports_line(tmp_path: Path) -> None:
    extra = tmp_path / "broken.yaml"
    extra.write_text('version: "1"\npeople:\n- {name: X, country: KHM\n- y\n', encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        ActorCodebook.load([extra])
    assert info.value.line is not None and info.value.line >= 3


def test_bad_role_date_is_rejected(tmp_path: Path) -> None:
    extra = tmp_path / "dates.yaml"
    extra.write_text(
        'version: "1"\npeople:\n- name: A B\n  country: KHM\n  roles:\n  - {role: PM, code: KHMGOV, start: "May 2020"}\n',
        encoding="utf-8",
    )
    with pytest.raises(CodebookError, match="start") as info:
        ActorCodebook.load([extra])
    assert info.value.line == 6


def test_an_unquoted_comma_in_a_flow_entry_is_an_unknown_field_error(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text('version: "1"\nigos:\n- {code: UNO, name: United Nations Educational, Scientific and Cultural}\n')
    with pytest.raises(CodebookError, match="unknown field") as info:
        ActorCodebook.load([path])
    assert info.value.line == 3


def test_a_bare_year_picks_the_role_held_for_most_of_that_year(codebook: ActorCodebook) -> None:
    assert codebook.resolve("norodom_sihanouk", "1955").role == "Prime Minister"
    assert codebook.resolve("norodom_sihanouk", "1955-02-01").role == "King"


def test_an_impossible_role_date_names_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text('version: "u1"\npeople:\n- {name: Jane Example, country: KHM,\n'
                    "   roles: [{role: Minister, code: KHMGOV, start: 2019-13-01}]}\n")
    with pytest.raises(CodebookError, match=r"mine.yaml:4: field 'start' must be a date"):
        ActorCodebook.load([user])


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Hezbollah", "LBNREB"),  # armed and non-state groups carry their country and REB
        ("Houthis", "YEMREB"),
        ("Islamic Jihad", "PSEREB"),
        ("Rapid Support Forces", "SDNREB"),
        ("TPLF", "ETHREB"),
        ("Taliban", "AFGREB"),
        ("Bangladesh Nationalist Party", "BGDOPP"),  # opposition parties
        ("Tehran", "IRNGOV"),  # capitals stand for their governments
        ("Algiers", "DZAGOV"),
        ("Downing Street", "GBRGOV"),  # seats of government
        ("Federal Penitentiary Service", "RUSGOV"),  # state agencies
        ("Export-Import Bank of China", "CHNGOV"),  # state banks are GOV (CODING.md §2)
        ("Japan Coast Guard", "JPNMIL"),
        ("Ministry of National Defense", "KORMIL"),
        ("ECOWAS", "ECOWAS"),  # other organisations keep their own code (scored as IGO)
        ("Arctic Council", "ARC"),
        ("Human Rights Watch", "NGO"),  # NGOs
        ("Amnesty International", "NGO"),
        ("the Europeans", "EUR"),
        ("some foreign governments", "WST"),
    ],
)
def test_groups_seats_agencies_and_organisations(codebook: ActorCodebook, form: str, code: str) -> None:
    assert codebook.resolve(_key_of(codebook, form), "2020-06-01").code == code


def test_former_states_keep_their_cameo_codes(codebook: ActorCodebook) -> None:
    assert codebook.resolve(_key_of(codebook, "Soviet Union"), "1980").code == "SUN"
    assert codebook.resolve(_key_of(codebook, "Yugoslavia"), "1990").code == "YUG"
    assert codebook.resolve(_key_of(codebook, "East Germany"), "1985").code == "DDR"


@pytest.mark.parametrize(
    ("name", "date", "code", "role"),
    [
        ("Pervez Musharraf", "2007-11-04", "PAKGOV", "President"),  # president and army chief: the later role
        ("Pervez Musharraf", "2000-06-01", "PAKGOV", "Chief Executive"),
        ("Christine Lagarde", "2010-05-03", "FRAGOV", "Finance Minister"),
        ("Christine Lagarde", "2015-01-01", "IMF", "Managing Director of the IMF"),
        ("Morgan Tsvangirai", "2007-03-13", "ZWEOPP", None),  # opposition before the unity government
        ("Morgan Tsvangirai", "2010-01-01", "ZWEGOV", "Prime Minister"),
        ("Herman Van Rompuy", "2012-01-01", "EUR", "President of the European Council"),
        ("Volodymyr Zelensky", "2022-03-02", "UKRGOV", "President"),
    ],
)
def test_world_leaders_take_the_role_held_on_the_date(codebook: ActorCodebook, name: str, date: str, code: str,
                                                      role: str | None) -> None:
    actor = codebook.resolve(_key_of(codebook, name), date)
    assert (actor.code, actor.role) == (code, role)


def test_bound_sector_words_are_marked(codebook: ActorCodebook) -> None:
    assert codebook.sector_words["shelling"].bound and codebook.sector_words["people"].bound
    assert not codebook.sector_words["troops"].bound
    assert codebook.sector_words["police"].sector == "GOV"  # CODING.md §2: police are a state agency
