"""Final Draft (FDX) import: the shared fixtures, Final Draft's own figures, hostile XML, fuzzing.

Expected values come from ../shared/bench/screenplays/truth/*.json (derived from the FDX
element types) and from the Fountain version of each script; the small FDX documents
below are written for these tests.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clapboard.engines.screenplay import (
    MAX_SCRIPT_BYTES,
    ElementKind,
    Screenplay,
    ScreenplayParseError,
    parse_screenplay,
    to_fountain,
    to_json,
)
from clapboard.engines.screenplay.fdx import eighths_of, parse_fdx
from clapboard.engines.screenplay.fountain import parse_fountain

from .fixtures import FIXTURES, fixture_json, fixture_path

FOLDERS = ("rsdoiel-fdx", "fountain-io-samples", "screenplain-tests")
FDX_FILES = sorted(
    f"{folder}/{path.name}" for folder in FOLDERS for path in (FIXTURES / folder).glob("*.fdx")
) or [f"{folder}/missing.fdx" for folder in FOLDERS]
TRUTHS = sorted(path.name for path in (FIXTURES / "truth").glob("*.json")) or ["missing.json"]


def _read(relative: str) -> Screenplay:
    path = fixture_path(*relative.split("/"))
    return parse_screenplay(path.read_bytes(), source_name=path.name)


def _fdx(body: str, *, head: str = '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n') -> bytes:
    return f'{head}<FinalDraft DocumentType="Script" Version="3">{body}</FinalDraft>'.encode()


def _paragraph(kind: str, text: str, extra: str = "", inside: str = "") -> str:
    return f'<Paragraph Type="{kind}"{extra}>{inside}<Text>{text}</Text></Paragraph>'


# The fixtures ----------------------------------------------------------------------------


@pytest.mark.parametrize("relative", FDX_FILES)
def test_every_fixture_parses(relative: str) -> None:
    screenplay = _read(relative)
    assert screenplay.format == "fdx"
    assert screenplay.elements
    document = to_json(screenplay)
    assert document["format"] == "fdx"
    assert document["page_count"] >= 1
    assert all(scene.eighths >= 1 for scene in screenplay.scenes)
    # What the engine produces can be written back as Fountain and read again.
    again = parse_fountain(to_fountain(screenplay))
    assert [s.heading for s in again.scenes] == [s.heading for s in screenplay.scenes]


@pytest.mark.parametrize("truth_name", TRUTHS)
def test_matches_the_truth_files(truth_name: str) -> None:
    truth = fixture_json("truth", truth_name)
    screenplay = _read(truth["source_file"])
    expected = truth["scenes"]
    assert len(screenplay.scenes) == truth["n_scenes"] == len(expected)
    assert [s.heading for s in screenplay.scenes] == [e["heading"] for e in expected]
    assert [s.number for s in screenplay.scenes] == [e["number"] for e in expected]
    assert [list(s.speaking_characters) for s in screenplay.scenes] == [e["characters"] for e in expected]
    assert [c.name for c in screenplay.characters] == truth["characters"]
    for scene, wanted in zip(screenplay.scenes, expected, strict=True):
        if wanted["eighths"] is not None:
            assert scene.eighths == wanted["eighths"], scene.heading
        if wanted["page"] is not None:
            assert scene.page_start == int(wanted["page"]), scene.heading


def test_final_draft_figures_are_used() -> None:
    truth = fixture_json("truth", "rsdoiel-fdx__sample-06.json")
    screenplay = _read("rsdoiel-fdx/sample-06.fdx")
    assert [s.eighths for s in screenplay.scenes] == [2, 3, 2] == [e["eighths"] for e in truth["scenes"]]
    assert [s.page_start for s in screenplay.scenes] == [1, 1, 2]
    assert screenplay.page_count == 2
    assert screenplay.title == "SAMPLE 06"
    assert screenplay.title_page["author"] == "Jane Doe"


PAIRS = [
    "fountain-io-samples/The-Last-Birthday-Card",
    "fountain-io-samples/Brick-and-Steel",
    *(f"rsdoiel-fdx/sample-0{n}" for n in range(1, 7)),
    "screenplain-tests/simple",
    "screenplain-tests/utf-8-bom",
    "screenplain-tests/indentation",
    "screenplain-tests/dialogue",
    "screenplain-tests/dual-dialogue",
    "screenplain-tests/parenthetical",
]


@pytest.mark.parametrize("stem", PAIRS)
def test_fdx_and_fountain_of_the_same_script_agree(stem: str) -> None:
    from_fdx = _read(f"{stem}.fdx")
    from_fountain = _read(f"{stem}.fountain")

    def scenes(screenplay: Screenplay) -> list[tuple[str, str | None, tuple[str, ...], str | None]]:
        return [(s.heading, s.number, s.speaking_characters, s.int_ext) for s in screenplay.scenes]

    assert scenes(from_fdx) == scenes(from_fountain)
    assert [(c.name, c.lines, c.scenes) for c in from_fdx.characters] == [
        (c.name, c.lines, c.scenes) for c in from_fountain.characters
    ]
    assert [e.dual for e in from_fdx.elements if e.kind is ElementKind.CHARACTER] == [
        e.dual for e in from_fountain.elements if e.kind is ElementKind.CHARACTER
    ]


def test_a_feature_paginates_like_its_fountain() -> None:
    # Screenplain's FDX stores no scene properties: both are paginated the same way.
    from_fdx = _read("fountain-io-samples/The-Last-Birthday-Card.fdx")
    from_fountain = _read("fountain-io-samples/The-Last-Birthday-Card.fountain")
    assert from_fdx.page_count == from_fountain.page_count
    assert [s.eighths for s in from_fdx.scenes] == [s.eighths for s in from_fountain.scenes]
    assert [s.page_start for s in from_fdx.scenes] == [s.page_start for s in from_fountain.scenes]


# The format, written for these tests -----------------------------------------------------

SCRIPT = _fdx(
    "<Content>"
    + _paragraph("Action", "FADE IN:")
    + _paragraph(
        "Scene Heading",
        "int. café des arts - nuit",
        ' Number="12A"',
        '<SceneProperties Length="1 2/8" Page="3" Title=""/>',
    )
    + '<Paragraph Type="Action"><Text>HÉLÈNE waits. It </Text><Text Style="Bold+Underline">is</Text>'
    + "<Text> late, 2*3 = 6_</Text></Paragraph>"
    + _paragraph("Character", "hélène (V.O.)")
    + _paragraph("Parenthetical", "(bas)")
    + _paragraph("Dialogue", "Tu es là ?")
    + "<Paragraph><DualDialogue>"
    + _paragraph("Character", "MARC")
    + _paragraph("Dialogue", "Oui.")
    + _paragraph("Character", "LÉA")
    + _paragraph("Dialogue", "Non.")
    + "</DualDialogue></Paragraph>"
    + _paragraph("Shot", "close on the door")
    + _paragraph("Transition", "cut to:")
    + _paragraph("New Act", "ACT TWO", ' StartsNewPage="Yes"')
    + _paragraph("Scene Heading", "EXT. RUE - JOUR", ' Number="13"')
    + _paragraph("Action", "MARC runs.")
    + _paragraph("Outline 1", "Outline text, not printed")
    + _paragraph("General", "")
    + "</Content>"
    + '<TitlePage><Content><Paragraph Alignment="Center"><Text Style="Underline">LA NUIT</Text></Paragraph>'
    + '<Paragraph Alignment="Center"><Text>Écrit par</Text></Paragraph>'
    + '<Paragraph Alignment="Center"><Text>Jeanne Dupont</Text></Paragraph>'
    + '<Paragraph Alignment="Left"><Text>Paris</Text></Paragraph></Content></TitlePage>'
    + "<SmartType><Characters><Character>NOBODY</Character></Characters></SmartType>"
)


def test_paragraph_types_and_properties() -> None:
    screenplay = parse_screenplay(SCRIPT, source_name="nuit.fdx")
    first, second = screenplay.scenes
    assert (first.number, first.heading, first.int_ext, first.location, first.time_of_day) == (
        "12A",
        "INT. CAFÉ DES ARTS - NUIT",
        "INT",
        "CAFÉ DES ARTS",
        "NUIT",
    )
    assert (first.eighths, first.page_start) == (10, 3)
    assert first.speaking_characters == ("HÉLÈNE", "MARC", "LÉA")
    assert "2*3 = 6_" in first.text
    assert "It is late" in first.text
    assert second.number == "13"
    assert second.page_start >= 2  # not stored: paginated, after the forced page break
    assert screenplay.page_count >= 3
    kinds = [(e.kind, e.text, e.dual) for e in screenplay.elements]
    assert (ElementKind.CHARACTER, "MARC", True) in kinds
    assert (ElementKind.DIALOGUE, "Non.", True) in kinds
    assert (ElementKind.CHARACTER, "HÉLÈNE (V.O.)", False) in kinds
    assert (ElementKind.ACTION, "CLOSE ON THE DOOR", False) in kinds
    assert (ElementKind.TRANSITION, "CUT TO:", False) in kinds
    assert (ElementKind.CENTERED, "ACT TWO", False) in kinds
    assert (ElementKind.SECTION, "Outline text, not printed", False) in kinds
    assert ElementKind.PAGE_BREAK in {e.kind for e in screenplay.elements}
    assert "NOBODY" not in {c.name for c in screenplay.characters}
    assert screenplay.title == "LA NUIT"
    assert screenplay.title_page == {
        "title": "_LA NUIT_",
        "credit": "Écrit par",
        "author": "Jeanne Dupont",
        "contact": "Paris",
    }
    # Emphasis is kept as Fountain markers, literal stars and underscores escaped.
    action = next(e for e in screenplay.elements if e.text.startswith("HÉLÈNE waits"))
    assert action.text == "HÉLÈNE waits. It _**is**_ late, 2\\*3 = 6\\_"
    assert action.line == 2  # the line of its <Paragraph> in the file


def test_round_trip_through_fountain_keeps_scenes_and_speakers() -> None:
    screenplay = parse_fdx(SCRIPT, source_name="nuit.fdx")
    again = parse_fountain(to_fountain(screenplay))
    assert [(s.number, s.heading, s.speaking_characters) for s in again.scenes] == [
        (s.number, s.heading, s.speaking_characters) for s in screenplay.scenes
    ]


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        ("3/8", 3),
        ("1 2/8", 10),
        ("2", 16),
        (" 0/8 ", 0),
        ("", None),
        ("half", None),
        ("3/4", None),
        ("9" * 5000 + "/8", None),
    ],
)
def test_scene_lengths(length: str, expected: int | None) -> None:
    assert eighths_of(length) == expected


def test_a_zero_length_counts_as_one_eighth() -> None:
    body = _paragraph("Scene Heading", "INT. A - DAY", inside='<SceneProperties Length="0/8" Page="1"/>')
    assert parse_fdx(_fdx(f"<Content>{body}</Content>")).scenes[0].eighths == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "windows-1252"])
def test_encodings(encoding: str) -> None:
    declared = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16"}.get(encoding, encoding)
    text = SCRIPT.decode().replace('encoding="UTF-8"', f'encoding="{declared}"')
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    # Detected by content without an extension, accents intact.
    screenplay = parse_screenplay(data, source_name="upload")
    assert screenplay.format == "fdx"
    assert screenplay.scenes[0].heading == "INT. CAFÉ DES ARTS - NUIT"


def test_text_input_and_detection() -> None:
    assert parse_screenplay(SCRIPT.decode(), source_name="upload").format == "fdx"
    bare = SCRIPT.decode().split("?>\n", 1)[1]
    assert parse_screenplay(bare.encode(), source_name="upload").format == "fdx"


# Hostile and broken input -----------------------------------------------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&lol9;</Text></Paragraph></Content></FinalDraft>
"""


def _refused(data: bytes | str, name: str = "bad.fdx", **options: Any) -> str:
    with pytest.raises(ScreenplayParseError) as caught:
        parse_screenplay(data, source_name=name, **options)
    message = str(caught.value)
    assert message.startswith(name)
    assert caught.value.source_name == name
    return message


def test_billion_laughs_is_refused() -> None:
    assert "DTD" in _refused(BOMB)
    assert "DTD" in _refused(BOMB, "bomb.xml", format="fdx")


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4242", encoding="utf-8")
    uri = secret.as_uri()
    attacks = [
        f'<?xml version="1.0"?><!DOCTYPE FinalDraft [<!ENTITY x SYSTEM "{uri}">]>'
        '<FinalDraft><Content><Paragraph Type="Action"><Text>&x;</Text></Paragraph></Content></FinalDraft>',
        f'<?xml version="1.0"?><!DOCTYPE FinalDraft SYSTEM "{uri}">'
        '<FinalDraft><Content><Paragraph Type="Action"><Text>Hi &x;</Text></Paragraph></Content></FinalDraft>',
        f'<?xml version="1.0"?><!DOCTYPE FinalDraft [<!ENTITY % p SYSTEM "{uri}"> %p;]>'
        "<FinalDraft><Content/></FinalDraft>",
    ]
    for attack in attacks:
        message = _refused(attack.encode())
        assert "TOP-SECRET" not in message
        assert "refused for safety" in message


def test_a_dtd_is_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE FinalDraft><FinalDraft><Content/></FinalDraft>'
    assert "DTD" in _refused(data)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b"  \n\t", "the file is empty"),
        (_fdx("<Content><Paragraph>").replace(b"</FinalDraft>", b""), "malformed"),
        (b'<?xml version="1.0"?><FinalDraft><Content></Paragraph></Content></FinalDraft>', "malformed"),
        (
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
            "not a Final Draft",
        ),
        (b'<?xml version="1.0"?><FinalDraft><TitlePage/></FinalDraft>', "no <Content>"),
        (_fdx("<Content><Paragraph Type='Action'><Text> </Text></Paragraph></Content>"), "no script text"),
        (b'<?xml version="1.0" encoding="no-such-codec"?><FinalDraft/>', "FDX"),
        (b"\x00\xff\xfe junk", "malformed"),
    ],
)
def test_broken_files_give_one_clear_error(data: bytes, problem: str) -> None:
    assert problem in _refused(data, format="fdx")


def test_malformed_xml_names_the_line() -> None:
    data = b'<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n<Paragraph Type="Action">\n</Content>'
    with pytest.raises(ScreenplayParseError) as caught:
        parse_screenplay(data, source_name="broken.fdx")
    assert caught.value.line == 5
    assert str(caught.value).startswith("broken.fdx, line 5: not a valid FDX file")


FDX_PIECES = st.sampled_from(
    [
        "<Content>",
        "</Content>",
        "<Paragraph Type='Scene Heading'>",
        "<Paragraph Type='Character'>",
        "<Paragraph Type='Dialogue'>",
        "<Paragraph Type='New Act' StartsNewPage='Yes'>",
        "<Paragraph>",
        "</Paragraph>",
        "<DualDialogue>",
        "</DualDialogue>",
        "<Text>",
        "<Text Style='Bold+Italic'>",
        "</Text>",
        "<SceneProperties Length='1 3/8' Page='2'/>",
        "<SceneProperties Length='x' Page='?'/>",
        "INT. HOUSE - DAY",
        "JOHN (V.O.)",
        "&amp;",
        "&bogus;",
        "<![CDATA[*]]>",
        "<TitlePage>",
        "</TitlePage>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FDX_PIECES, st.text(max_size=10)), max_size=30))
def test_fuzz_fdx_like_documents(pieces: list[str]) -> None:
    data = ("<FinalDraft>" + "".join(pieces) + "</FinalDraft>").encode("utf-8", "surrogatepass")
    message = ""
    try:
        screenplay = parse_screenplay(data, source_name="fuzz.fdx")
    except ScreenplayParseError as error:
        message = str(error)
    else:
        to_json(screenplay)
        assert all(scene.eighths >= 1 for scene in screenplay.scenes)
    assert not message or message.startswith("fuzz.fdx")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_bytes_as_fdx(data: bytes) -> None:
    for prefix in (b"", b'<?xml version="1.0"?><FinalDraft><Content>'):
        message = ""
        try:
            parse_fdx(prefix + data, source_name="fuzz.fdx")
        except ScreenplayParseError as error:
            message = str(error)
        assert not message or message.startswith("fuzz.fdx")


# Size limit ------------------------------------------------------------------------------


def test_large_inputs_are_refused_by_size_before_parsing() -> None:
    assert MAX_SCRIPT_BYTES == 20 * 1024 * 1024
    too_big = b"\x00" * (MAX_SCRIPT_BYTES + 1)  # binary junk: refused for its size, not its content
    message = _refused(too_big, "huge.fountain")
    assert "too large" in message
    assert f"{MAX_SCRIPT_BYTES:,} bytes" in message
    assert "too large" in _refused(BOMB + b" " * MAX_SCRIPT_BYTES, "huge.fdx")


def test_the_limit_is_a_parameter() -> None:
    script = "INT. HOUSE - DAY\n\nJOHN\nHello.\n"
    assert parse_screenplay(script.encode(), source_name="a.fountain", max_bytes=len(script)).scenes
    message = _refused(script.encode(), "a.fountain", max_bytes=len(script) - 1)
    assert f"limit is {len(script) - 1:,} bytes" in message
    assert "too large" in _refused("é" * 20, "a.txt", max_bytes=30)


def test_absurd_page_numbers_are_ignored() -> None:
    properties = f'<SceneProperties Length="{"9" * 5000}/8" Page="{"7" * 5000}"/>'
    body = _paragraph("Scene Heading", "INT. A - DAY", inside=properties)
    scene = parse_fdx(_fdx(f"<Content>{body}</Content>")).scenes[0]
    assert (scene.page_start, scene.eighths) == (1, 1)
