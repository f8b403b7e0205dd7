"""Rules against sentences: what each default rule removes, and public text it must leave alone."""

from __future__ import annotations

from datetime import date

import pytest

from redactor import default_policy
from redactor.detect import detect
from redactor.textmodel import DocumentText


def removed(text: str, terms: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    document = DocumentText(text=text, words=[], page_count=1, body_end=len(text))
    return [(f.category, text[lo:hi]) for f in detect(document, default_policy(), terms) for lo, hi in f.cuts]


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("whose Social Security number is 512-43-8817, was", "ssn", "512-43-"),
        ("SSN 512438817 on file", "ssn", "51243"),
        ("his employer identification number is 12-3456789.", "taxpayer-id", "12-345"),
        ("He was born on March 14, 1978 in Tijuana.", "birth-date", "March 14,"),
        ("date of birth: 03/14/1978", "birth-date", "03/14/"),
        ("His minor son, Daniel Ortega, was present.", "minor-name", "aniel"),
        ("bank account number 004512337781 was used", "financial-account", "00451233"),
        ("reached at (619) 555-0142 or", "phone", "(619) 555-0142"),
        ("or at m.ortega.family@gmail.com. He", "email", "m.ortega.family@gmail.com"),
        ("He lives at 1427 Calle Serena, Chula Vista, California 91910. The", "home-address", "1427 Calle Serena,"),
        ("resides at 88 Oak Street, Apt. 4, El Centro, CA 92243.", "home-address", "88 Oak Street, Apt. 4,"),
        ("registration number is A212-345-678 and", "alien-number", "A212-345-678"),
        ("her passport number is 548213977.", "passport", "548213977"),
        ("A card numbered 4111 1111 1111 1111 was found", "credit-card", "4111 1111 1111 1111"),
        ("CBP operates 46 fixed cameras and", "surveillance", "46"),
        ("cover northbound vehicle lanes 1 through 24.", "surveillance", "1 through 24"),
        ("The fixed cameras are Axis Q6215-LE units", "surveillance", "Axis Q6215-LE"),
        ("mounted on the canopy at a height of 18 feet.", "surveillance", "18 feet"),
        ("Readers are installed in 22 of the 26 lanes.", "surveillance", "22 of the 26"),
        (
            "It is fine. The walkway is not covered by any camera at night. Next.",
            "surveillance",
            "The walkway is not covered by any camera at night.",
        ),
        ("affected by CVE-2019-12345 today", "cybersecurity", "CVE-2019-12345"),
        ("The server is reachable at 10.24.8.15.", "cybersecurity", "10.24.8.15"),
        ("named sy-vms-01.sdfo.cbp.example on", "cybersecurity", "sy-vms-01.sdfo.cbp.example"),
        ("segment VLAN 214 carries", "cybersecurity", "214"),
        ("The server runs Genetec Security Center 5.7 SR2 today.", "cybersecurity", "Genetec Security Center 5.7 SR2"),
        ("Contract No. HSBP1017C00045 was", "contract", "HSBP1017C00045"),
        ("The total estimated cost is $4,872,500, at", "cost", "$4,872,500"),
        ("at a labor rate of $187.50 per hour", "cost", "$187.50"),
    ],
)
def test_rule_removes(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Case No. 3:19-cv-01234-BAS-KSC",
        "Defendants' Motion to File Under Seal (Doc. No. 158) and",
        "Foltz v. State Farm Mut. Auto. Ins. Co., 331 F.3d 1122, 1135 (9th Cir. 2003)",
        "pursuant to 28 U.S.C. § 1746.",
        "consistent with Fed. R. Civ. P. 5.2 and Civil Local Rule 79.2.",
        "Executed on November 3, 2026, at San Diego, California.",
        "Telephone: (619) 546-7000",
        "Email: jane.collins@usdoj.gov",
        "880 Front Street, Room 6293, San Diego, California 92101",
        "I have held this position since 2017.",
        "The court awarded fees in 2019.",
        "See Exhibit 3, at 12-14.",
        "Telephone: 6195465000",  # an office line, as the phone rule leaves it
        "Phone records, Bates 0001234567 to 1234567899.",  # no area code starts with 0 or 1
        "Call volume reached 2025550100.5 minutes.",
    ],
)
def test_public_text_is_left_alone(text: str) -> None:
    assert removed(text) == []


def test_terms_match_across_line_breaks_and_case() -> None:
    text = "awarded to SENTINEL Integrated\nSystems, Inc. in 2019"
    assert ("term", "SENTINEL Integrated\nSystems, Inc.") in removed(text, ("Sentinel Integrated Systems, Inc.",))


def test_a_sentence_is_not_cut_short_at_an_abbreviation() -> None:
    text = "Intro. The camera at U.S. Route 5 is offline since Jan. 3 for repairs. After."
    assert ("surveillance", "The camera at U.S. Route 5 is offline since Jan. 3 for repairs.") in removed(text)


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        # Separators a word processor writes: non-breaking hyphen, en dash, minus, thin and
        # narrow no-break spaces, and a zero-width space or soft hyphen inside the value.
        ("his SSN is 512\u201143\u20118817 on file", "ssn", "512\u201143\u2011"),
        ("call 619\u2013555\u20130143 at home", "phone", "619\u2013555\u20130143"),
        ("his SSN is 512\u221243\u22128817.", "ssn", "512\u221243\u2212"),
        ("call 619\u2009555\u20090143 at home", "phone", "619\u2009555\u20090143"),
        ("his SSN is 512-4\u200b3-8817.", "ssn", "512-4\u200b3-"),
        ("affected by CVE\u20112021\u201144228 today", "cybersecurity", "CVE\u20112021\u201144228"),
        # Full-width digits and hyphens.
        (
            "his SSN is \uff15\uff11\uff12\uff0d\uff14\uff13\uff0d\uff18\uff18\uff11\uff17.",
            "ssn",
            "\uff15\uff11\uff12\uff0d\uff14\uff13\uff0d",
        ),
        # Wider formats.
        ("SSN: 512438817 on file", "ssn", "51243"),
        ("Social Security No.: 512438817", "ssn", "51243"),
        ("He was born on March 14th, 1981 in Tijuana.", "birth-date", "March 14th,"),
        ("Her home phone, not her office, is 619-555-0143.", "phone", "619-555-0143"),
        ("the gateway CAM-GW01.SDPOE.LOCAL is", "cybersecurity", "CAM-GW01.SDPOE.LOCAL"),
        ("The estimated cost is USD 4,250,000 in total.", "cost", "USD 4,250,000"),
        ("his SSN is 512 -43- 8817 (spaced by kerning)", "ssn", "512 -43-"),
        # Ten digits together, or separated by characters that take no space.
        ("Her cell phone is 619\u200b555\u200b0143.", "phone", "619\u200b555\u200b0143"),
        ("Cell: 6195550143", "phone", "6195550143"),
        ("She called him from 16195550143 twice.", "phone", "16195550143"),
    ],
)
def test_rules_see_through_typographic_variants(text: str, category: str, cut: str) -> None:
    """Cuts are offsets of the text as written: the variant characters go with the value."""
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    ("text", "term", "cut"),
    [
        ("the firm of Kevin O\u2019Brien agreed", "Kevin O'Brien", "Kevin O\u2019Brien"),
        ("awarded to A\ufb03nity Fiber Systems in", "Affinity Fiber Systems", "A\ufb03nity Fiber Systems"),
        ("awarded to Affinity Fiber Systems in", "A\ufb03nity Fiber Systems", "Affinity Fiber Systems"),
        ("witness Jose\u0301 Nu\u0301n\u0303ez said", "Jos\u00e9 N\u00fa\u00f1ez", "Jose\u0301 Nu\u0301n\u0303ez"),
        ("at the \u0130zmir Port Terminal", "\u0130zmir Port Terminal", "\u0130zmir Port Terminal"),
        ("at HAUPTSTRASSE 4", "Hauptstra\u00dfe", "HAUPTSTRASSE"),
        ("the Smith\u2011Jones report", "Smith-Jones", "Smith\u2011Jones"),
        ("the Hal\u200bvorsen crew", "Halvorsen", "Hal\u200bvorsen"),
        ("the self\u00adcheckout lanes", "self-checkout", "self\u00adcheckout"),
        ("the selfcheckout lanes", "self-checkout", "selfcheckout"),
        ("informant #7 Ortega said", "#7 Ortega", "#7 Ortega"),
    ],
)
def test_terms_match_whatever_the_typography(text: str, term: str, cut: str) -> None:
    assert ("term", cut) in removed(text, (term,)), removed(text, (term,))


@pytest.mark.parametrize(
    "text",
    [
        "Axis\u2122 cameras are sold widely.",  # a symbol is not folded into letters
        "See note 8817\u00b2 below.",  # nor a superscript into a digit
        "the cameras \u2014 all of them \u2014 work",
    ],
)
def test_folding_leaves_symbols_and_superscripts_alone(text: str) -> None:
    assert removed(text) == []


def test_folded_offsets_map_back_to_the_text_as_written() -> None:
    from redactor.fold import fold

    text = "a\ufb03x \u200bb\u00dfc d\u0301e"  # a ligature, a zero-width space, a sharp s, an accent
    folded = fold(text)
    assert folded.text == "affix bssc de"
    spans = {(0, 5): (0, 3), (1, 4): (1, 2), (2, 3): (1, 2), (6, 7): (5, 6), (5, 7): (3, 6), (7, 8): (6, 7),
             (6, 10): (5, 8), (11, 13): (9, 12), (11, 12): (9, 10)}  # fmt: skip
    assert {span: folded.original_span(*span) for span in spans} == spans
    assert folded.folded(text.index("d")) == folded.text.index("d")
    assert fold("plain ASCII").original_span(2, 5) == (2, 5)


def test_every_line_of_a_terms_file_is_a_term(tmp_path) -> None:
    """No comment lines: an informant's code "#7 Ortega" is a term like any other."""
    from redactor.api import read_terms

    path = tmp_path / "terms.txt"
    path.write_text("#7 Ortega\n\n  Halvorsen Logistics  \n", encoding="utf-8")
    assert read_terms(path)[0] == ["#7 Ortega", "Halvorsen Logistics"]
    path.write_text("#7 Ortega\r\nHalvorsen Logistics\r\n", encoding="utf-16")  # Notepad's "Unicode"
    assert read_terms(path)[0] == ["#7 Ortega", "Halvorsen Logistics"]


def test_a_table_header_is_the_context_of_every_row_below_it() -> None:
    """Rule 5.2 identifiers down a list or table: the header "Date of Birth" is near the first
    row only; the rows below carry it down (the year stays, as Rule 5.2 allows)."""
    text = (
        "Name Date of Birth Relation\nMaria Ortega 03/14/1978 declarant\n"
        "Daniel Ortega 11/02/2009 son\nAna Ortega 07/22/2011 daughter\n"
    )
    assert [cut for category, cut in removed(text) if category == "birth-date"] == ["03/14/", "11/02/", "07/22/"]


@pytest.mark.parametrize(
    "text",
    [
        # A sentence ends between them: not a list.
        "She was born on March 14, 1978. The contract was signed on\nJune 3, 2019 in San Diego.",
        # Not a Rule 5.2 identifier: a price list's context stays with its own line.
        "The total estimated cost is $4,872,500 for the towers listed in the first table of the report"
        "\nand the plaintiffs later received $10,000 in a separate order",
    ],
)
def test_context_is_not_carried_past_a_sentence_or_beyond_rule_5_2(text: str) -> None:
    assert len(removed(text)) == 1, removed(text)


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("My SSN is 512.43.8817 (dots).", "ssn", "512.43."),
        ("Her social security number is 512/43/8817.", "ssn", "512/43/"),
        ("My SSN is 512\u201443\u20148817 (em dashes).", "ssn", "512\u201443\u2014"),
        ("SSN \U0001d7d3\U0001d7cf\U0001d7d0-\U0001d7d2\U0001d7d1-\U0001d7d6\U0001d7d6\U0001d7cf\U0001d7d5 in bold",
         "ssn", "\U0001d7d3\U0001d7cf\U0001d7d0-\U0001d7d2\U0001d7d1-"),
        ("Write to j.doe\ufe6bexample.com today.", "email", "j.doe\ufe6bexample.com"),
        ("The camera server is at 10\u300220\u300230\u300240 now.", "cybersecurity", "10\u300220\u300230\u300240"),
        ("Call her cell phone at 619\u2014555\u20140143 today.", "phone", "619\u2014555\u20140143"),
    ],
)  # fmt: skip
def test_values_written_with_look_alike_characters(text: str, category: str, cut: str) -> None:
    """Every reader reads these as the plain value: a dot leader or an ideographic stop for a dot,
    an em dash or a modifier minus for a hyphen, mathematical bold digits for digits."""
    assert (category, cut) in removed(text)


def test_dotted_numbers_without_the_words_stay() -> None:
    """Dots between three groups of digits are an SSN only when the text says so."""
    assert not [c for c in removed("Release 512.43.8817 of the firmware shipped.") if c[0] == "ssn"]


def test_a_term_written_with_cyrillic_look_alikes_is_found() -> None:
    text = "The vendor is N\u043erthg\u0430te S\u0435nsing of San Diego."
    assert ("term", "N\u043erthg\u0430te S\u0435nsing") in removed(text, ("Northgate Sensing",))


# The third review (2026-11-26) wrote sentences as a CBP official or an IT security officer would,
# in the forms real declarations use; each case below was missed before.
@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        # A colon straight after a label.
        ("Passport No.: G12345678 was scanned.", "passport", "G12345678"),
        ("Account Number: 123456784471 at the bank.", "financial-account", "12345678"),
        ("Driver's License No.: D1234567 was shown.", "drivers-license", "D1234567"),
        ("Alien Registration Number: 012345678 appears.", "alien-number", "012345678"),
        ("He presented California Driver License No. D1234567 at the booth.", "drivers-license", "D1234567"),
        ("Name: Jose Ruiz; A#: 012 345 678; COB: Mexico", "alien-number", "012 345 678"),
        ("His A-number is 012-345-678.", "alien-number", "012-345-678"),
        ("The Form I-213 lists Mr. Ruiz's SSN as 512438817.", "ssn", "51243"),
        ("The company's taxpayer identification number is 954738291.", "taxpayer-id", "95473"),
        ("DOB: 03/03/87 was recorded.", "birth-date", "03/03/"),
        ("DOB: 03-MAR-1987 was recorded.", "birth-date", "03-MAR-"),
        (
            "The record shows his date of birth, as stated by him to the officer, as March 3, 1987.",
            "birth-date",
            "March 3,",
        ),
        ("Plaintiff's 16-year-old daughter, Ana Ruiz, was present.", "minor-name", "na"),
        ("Plaintiffs are Jose Ruiz and his minor children Ana and Diego.", "minor-name", "iego"),
        ("Sofia Martinez, 9 years old, was referred to secondary.", "minor-name", "artinez"),
        ("Mr. Ruiz's address is 1234 Palm Avenue, Chula Vista, CA 91910.", "home-address", "1234 Palm Avenue,"),
        ("She resides at 2045 4th Street, El Centro, CA 92243.", "home-address", "2045 4th Street,"),
        # Surveillance.
        (
            "The cameras do not cover the eastern pedestrian walkway.",
            "surveillance",
            "The cameras do not cover the eastern pedestrian walkway.",
        ),
        (
            "There is no camera coverage of the area between the lanes and the fence.",
            "surveillance",
            "There is no camera coverage of the area between the lanes and the fence.",
        ),
        (
            "The reader in Lane 7 was inoperative from January 4 to January 9.",
            "surveillance",
            "The reader in Lane 7 was inoperative from January 4 to January 9.",
        ),
        (
            "Six cameras were not working on the day of the incident.",
            "surveillance",
            "Six cameras were not working on the day of the incident.",
        ),
        (
            "Camera 17 was down for three weeks in March 2023.",
            "surveillance",
            "Camera 17 was down for three weeks in March 2023.",
        ),
        (
            "The northern fence line lacks sensor coverage.",
            "surveillance",
            "The northern fence line lacks sensor coverage.",
        ),
        (
            "The cameras are not recording between 0200 and 0400.",
            "surveillance",
            "The cameras are not recording between 0200 and 0400.",
        ),
        (
            "The eastern walkway is outside the cameras' field of view.",
            "surveillance",
            "The eastern walkway is outside the cameras' field of view.",
        ),
        ("CBP has deployed 1,200 cameras at the port.", "surveillance", "1,200"),
        ("The port has twelve cameras on the canopy.", "surveillance", "twelve"),
        ("Lanes are read by 52 LPRs in all.", "surveillance", "52"),
        ("The cameras are mounted at 35 ft. above grade.", "surveillance", "35 ft."),
        ("The cameras are mounted on 35-foot poles.", "surveillance", "35-foot"),
        ("Each booth has a Canon VB-H45 camera above the window.", "surveillance", "Canon VB-H45"),
        # Cybersecurity.
        (
            "The camera server is still running Windows Server 2012 R2.",
            "cybersecurity",
            "The camera server is still running Windows Server 2012 R2.",
        ),
        (
            "The NVR firmware has not been updated since it was installed in 2018.",
            "cybersecurity",
            "The NVR firmware has not been updated since it was installed in 2018.",
        ),
        (
            "The administrator account uses the credentials admin/admin.",
            "cybersecurity",
            "The administrator account uses the credentials admin/admin.",
        ),
        (
            "The cameras can be accessed with the username admin and password 12345.",
            "cybersecurity",
            "The cameras can be accessed with the username admin and password 12345.",
        ),
        (
            "The password for the admin account is 12345.",
            "cybersecurity",
            "The password for the admin account is 12345.",
        ),
        ("The recorder listens on 2001:db8:85a3::8a2e:370:7334 only.", "cybersecurity", "2001:db8:85a3::8a2e:370:7334"),
        ("The camera subnet is 2001:db8:10::/48.", "cybersecurity", "2001:db8:10::/48"),
        ("The server at VMS-SY01.cbp.dhs.gov stores footage.", "cybersecurity", "VMS-SY01.cbp.dhs.gov"),
        ("The VMS server, SY-VMS-01, stores all footage.", "cybersecurity", "SY-VMS-01"),
        ("The switch port shows 001A.2B3C.4D5E as its peer.", "cybersecurity", "001A.2B3C.4D5E"),
        ("The firewall runs PAN-OS version 9.1.2-h3 today.", "cybersecurity", "PAN-OS version 9.1.2-h3"),
        ("The proxy software is OpenSSL 1.0.1f on that host.", "cybersecurity", "OpenSSL 1.0.1f"),
        ("The cameras run AXIS OS 10.12 at the port.", "cybersecurity", "AXIS OS 10.12"),
        ("The readers have firmware V4.30.085 installed.", "cybersecurity", "firmware V4.30.085"),
        (
            "The system uses Apache Struts 2.3.5, which has known vulnerabilities.",
            "cybersecurity",
            "Apache Struts 2.3.5",
        ),
        # Costs and contracts.
        ("CBP spent $12.4 million on the camera upgrade.", "cost", "$12.4 million"),
        ("The vendor charges $145.50/hr for technicians.", "cost", "$145.50"),
        ("The camera upgrade cost 12.4 million dollars.", "cost", "12.4 million dollars"),
        ("The order was placed under the vendor's GSA schedule 47QTCA18D00HJ in May.", "contract", "47QTCA18D00HJ"),
    ],
)
def test_rule_removes_what_the_third_review_found_missed(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Plaintiff's assertion that officers used excessive force is unsupported by the record.",
        "Plaintiff's claims for damages are not covered by the FTCA's waiver of sovereign immunity.",
        "Plaintiff's family was vulnerable to retaliation in Mexico, according to his application.",
        "The statements Plaintiff made in secondary were not recorded because he declined an interview.",
        "CBP policy requires that passwords are changed every 60 days.",
        "The CM/ECF system was offline on the filing deadline, and counsel filed the next morning.",
        "Plaintiff's vehicle was inoperable and was towed from the port.",
        "Plaintiff seeks damages of $75,000, exclusive of interest and costs.",
        "In 2019 cameras were first installed at the vehicle lanes, as CBP announced in a press release.",
        "See Stipulated Order No. 24-cv-01234 (S.D. Cal. 2024).",
        "as provided in Government Code Section (5) and Civil Code Section (12).",  # corpus filings
        "Application to File Documents In Camera and Under Seal (2) Redacted Copy of the Application",
        "Its office is at 411 West Fourth Street, Suite 4170, Santa Ana, California 92701, near the courthouse.",
        "pursuant to 40 CFR 1.5, which the agency uses in all such reviews.",
        "produced as CISCO-FINJAN-YS 00001547.001 to the software team",
    ],
)
def test_public_prose_the_third_review_found_removed_is_left_alone(text: str) -> None:
    assert removed(text) == []


@pytest.mark.parametrize(
    ("sensitive", "public"),
    [
        ("CBP first installed 2019 sensors at the port.", "Smith v. Jones, 900 F.3d 1, 5 (9th Cir. 2019)."),
        ("License plate readers are installed in Lanes 1 through 13.", "See Exhibits 1 through 13."),
        ("Booths 10 to 12 have readers.", "He was detained for 10 to 12 hours."),
        ("CBP installed 1097 sensors.", "Id. at 1092, 1097."),
    ],
)
def test_a_count_or_range_is_not_looked_for_elsewhere(sensitive: str, public: str) -> None:
    """A number of four digits or fewer, or a range of them, means something else elsewhere (a
    year, a pin cite, exhibits): only the place the rule found it is redacted."""
    found = removed(f"{sensitive} {public}")
    assert found and all(cut not in public for _, cut in found[1:]), found
    assert len(found) == 1, found


def test_a_case_number_is_not_a_contract_number_and_the_caption_keeps_it() -> None:
    text = "Case No. 3:24-cv-01234-JLS-MSB\n\nSee Stipulated Order No. 24-cv-01234 and Contract No. HSBP1017C00045."
    assert removed(text) == [("contract", "HSBP1017C00045")]


# The fourth review (2026-11-26), a second pass over realistic declarations.
@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("His minor son, Jose\nRuiz, was detained.", "minor-name", "uiz"),
        ("The UAC Diego Ruiz-Lopez, age 15, was transferred.", "minor-name", "uiz"),
        ("The UAC Diego Ruiz-Lopez, age 15, was transferred.", "minor-name", "opez"),
        ("A 12-year-old Sofia Ramirez was in the vehicle.", "minor-name", "amirez"),
        ("The unaccompanied child, Diego Ruiz, was referred.", "minor-name", "iego"),
        ("Diego Ruiz, a 15-year-old, was referred.", "minor-name", "uiz"),
        ("Ana Ruiz (age 12) was referred.", "minor-name", "uiz"),
        ("Minor: Diego Ruiz", "minor-name", "uiz"),
        ("He was born March 3, 1987 in Tijuana.", "birth-date", "March 3,"),
        ("She was born in Tijuana, Mexico, on 03/03/1987.", "birth-date", "03/03/"),
        ("His SSN is 512 43\n8817 in the file.", "ssn", "512 43"),
        ("His A-number is A212\n345 678 in the file.", "alien-number", "A212\n345 678"),
        (
            "The controller login is root. Password: Cbp2019! is used on all units.",
            "cybersecurity",
            "Password: Cbp2019!",
        ),  # "!" ends a sentence
        ("The booths have AXIS Q6215-LE cameras.", "surveillance", "AXIS Q6215-LE"),
        (
            "The camera at the east gate cannot see the pedestrian exit.",
            "surveillance",
            "The camera at the east gate cannot see the pedestrian exit.",
        ),
        ("The readers were disconnected for 11 days.", "surveillance", "The readers were disconnected for 11 days."),
        (
            "The west lanes have no camera coverage at night.",
            "surveillance",
            "The west lanes have no camera coverage at night.",
        ),
        (
            "The system is vulnerable to remote code execution.",
            "cybersecurity",
            "The system is vulnerable to remote code execution.",
        ),
        ("The IGCE was $31.2M for the upgrade.", "cost", "$31.2M"),
    ],
)
def test_rule_removes_what_the_fourth_review_found_missed(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The contractor must comply with DFARS 252.204-7012 and clause 252.239-7010.",
        "Section 3.1 of the contract requires software updates every quarter.",
        "Under FAR 52.204-21, the servers must be protected.",
        "DHS policy requires software to use TLS 1.2 or higher.",
        "The government submits the 5 unredacted exhibits in camera for the Court's review.",
        "See HHS, Latest UAC Data, FY 2021 (children aged 0-12).",  # corpus filings
        "I am over the age of 18; my business address is 150 California Street, 15th Floor, San Francisco.",
    ],
)
def test_public_text_the_fourth_review_found_removed_is_left_alone(text: str) -> None:
    assert removed(text) == []


def test_a_minors_single_name_is_not_looked_for_elsewhere() -> None:
    """Carried everywhere, "his son Diego" blacked out San Diego and the father's name in the caption."""
    text = "DIEGO RAMIREZ, Plaintiff. His 12-year-old son Diego was in the back seat. Executed at San Diego."
    assert removed(text) == [("minor-name", "iego")]
    assert text.index("iego") == text.index("son Diego") + 5


def test_a_repeat_is_found_across_a_line_number_that_reading_left_in() -> None:
    """A filing whose pleading line numbers were not all taken for furniture reads "Gianna\\n3
    Bryant": the name found elsewhere must be found there too (verification refused the file)."""
    text = "Her 13-year-old daughter Gianna Bryant was aboard.\n2 They included Kobe and Gianna\n3 Bryant and others."
    cuts = [cut for category, cut in removed(text) if category == "minor-name"]
    assert cuts[0] == "ianna" and cuts[1] == "ryant" and "Gianna\n3 Bryant" in cuts[2:], cuts


def test_a_capitalised_word_before_a_minor_is_not_a_name() -> None:
    assert removed("Just a minor inconvenience, the delay lasted an hour.") == []


# A review of the day's changes (2026-11-26): what they broke, and put right.
@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("He was born at Scripps Memorial Hospital on March 3, 1987.", "birth-date", "March 3,"),
        ("Born: March 3, 1987", "birth-date", "March 3,"),
        ("Birth: 03/14/1978", "birth-date", "03/14/"),
        ("He was born, on March 3, 1987, in Tijuana.", "birth-date", "March 3,"),
        ("Date of birth: 1987-03-14.", "birth-date", "-03-14"),
        ("Date of birth of Juan Ruiz Jr. 03/14/1978", "birth-date", "03/14/"),
        ("The DOB of CBP Officer Sgt. Ruiz is 03/14/1978.", "birth-date", "03/14/"),
        ("The SSL VPN gateway runs FortiOS 6.0.4 firmware.", "cybersecurity", "FortiOS 6.0.4"),
        ("The TLS proxy server runs OpenSSL 1.0.1 still.", "cybersecurity", "OpenSSL 1.0.1"),
        ("The server in Building 4 runs Apache Tomcat 8.5.23.", "cybersecurity", "Apache Tomcat 8.5.23"),
        ("He lives far away; call (619) 555-0142 today.", "phone", "(619) 555-0142"),
        ("The firmware (see section 3) is Hikvision 5.4.61 now.", "cybersecurity", "Hikvision 5.4.61"),
        ("Her 13-year-old daughter Gianna\n3 Bryant was aboard.", "minor-name", "ryant"),
    ],
)
def test_what_the_days_changes_broke_is_found_again(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "As shown in Exhibit 4.2, the agency uses a standard form.",
        "See Table 2.1 and Appendix 4.2, which the agency uses.",
        "CBP Directive 4300.1 governs how the agency uses software.",
        "Plaintiffs have failed to explain why the camera placement is relevant.",
        "CBP filed two declarations about the cameras.",
        "While a minor, he lived in Tijuana. Although a minor, she worked.",
    ],
)
def test_public_text_the_days_changes_took_is_left_alone(text: str) -> None:
    assert removed(text) == []


# What the fourth review's list of things still not found asked for (2026-11-26, fifth session).
@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("Her children, Ana Ruiz, 15, and Diego Ruiz, 12, live with her.", "minor-name", "iego"),
        ("Her children, Ana Ruiz, 15, and Diego Ruiz, 12, live with her.", "minor-name", "uiz"),
        ("Her son, DIEGO RUIZ, age 15, was in the vehicle.", "minor-name", "IEGO"),
        ("The minor child ANA RUIZ was detained.", "minor-name", "UIZ"),
        ("Officers stopped a car bearing California license plate 7ABC123 at the gate.", "vehicle", "7ABC123"),
        ("The vehicle's VIN is 1HGCM82633A004352.", "vehicle", "1HGCM82633A004352"),
        ("VIN: JA4AR3AU2LU022764; CALIFORNIA LICENSE PLATE: 8PKE039", "vehicle", "8PKE039"),  # a corpus caption
        ("His Mexican cell phone is +52 664 123 4567.", "phone", "+52 664 123 4567"),
        ("He may be reached at +44 20 7946 0958 in London.", "phone", "+44 20 7946 0958"),
        ("His Border Crossing Card number is 12345678.", "government-id", "12345678"),
        ("His FIN is 1234567890 and his FBI number is 123456AB7.", "government-id", "123456AB7"),
        ("His FIN is 1234567890 and his FBI number is 123456AB7.", "government-id", "1234567890"),
        ("Modification P00012 raised the ceiling.", "contract", "P00012"),
        ("The camera is mounted 12 m above the lane.", "surveillance", "12 m"),
        ("The camera sits on a 35' pole.", "surveillance", "35'"),
        ("Invoice No. 2023-0457 billed the labor hours.", "contract", "2023-0457"),
        (
            "The VMS does not require multi-factor authentication for administrators.",
            "cybersecurity",
            "The VMS does not require multi-factor authentication for administrators.",
        ),
        (
            "Port 23 (Telnet) remains open on every camera controller.",
            "cybersecurity",
            "Port 23 (Telnet) remains open on every camera controller.",
        ),
        (
            "The recorders send video unencrypted over the port network.",
            "cybersecurity",
            "The recorders send video unencrypted over the port network.",
        ),
        (
            "The camera network is flat: it is not segmented from the office network.",
            "cybersecurity",
            "The camera network is flat: it is not segmented from the office network.",
        ),
        (
            "CBP will not complete remediation of these vulnerabilities until fiscal year 2028.",
            "cybersecurity",
            "CBP will not complete remediation of these vulnerabilities until fiscal year 2028.",
        ),
        (
            "The patch for the VMS is scheduled for installation in March 2027.",
            "cybersecurity",
            "The patch for the VMS is scheduled for installation in March 2027.",
        ),
        (
            "Video footage is retained for 30 days and then overwritten.",
            "surveillance",
            "Video footage is retained for 30 days and then overwritten.",
        ),
        (
            "Between 2:00 a.m. and 5:00 a.m., only one officer is on duty at the gate.",
            "surveillance",
            "Between 2:00 a.m. and 5:00 a.m., only one officer is on duty at the gate.",
        ),
        (
            "The pedestrian lanes are unstaffed between midnight and 6:00 a.m.",
            "surveillance",
            "The pedestrian lanes are unstaffed between midnight and 6:00 a.m.",
        ),
        (
            "The average response time to a sensor alarm is 12 minutes.",
            "surveillance",
            "The average response time to a sensor alarm is 12 minutes.",
        ),
    ],
)
def test_rule_removes_what_was_still_not_found(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Paragraphs 5 through 9 describe the camera system.",
        "Paragraph 9 describes the cameras.",
        "The FBI agents arrived at the port of entry at 3:00 p.m.",
        "Multi-factor authentication is required by agency policy for all remote systems.",
        "The San Ysidro port of entry is open 24 hours a day, and its cameras record throughout.",
        "Counsel met and conferred on March 3, 2026, and no officers were present.",
        "The Visa application was denied in 2019.",
        "JANE DOE, Plaintiff, v. UNITED STATES, Defendant.",
        "The agency retains records for 30 days under its records schedule.",
        "The plates were replaced in 2019.",
        "“VIOLET,” minor, JANE ROE as next friend for “PIA,”",  # a corpus caption: Jane Roe is the adult
        "CISCO-FINJAN-2412 board meeting",  # a corpus exhibit list: not a FIN
        "The cameras were installed in the 1990's and replaced in 2019.",
    ],
)
def test_public_text_near_the_new_rules_is_left_alone(text: str) -> None:
    assert removed(text) == []


def test_a_sentence_goes_on_after_a_period_followed_by_lower_case() -> None:
    """ "2:00 a.m. and" does not end a sentence: the sentence rule took half of it."""
    text = "First. Between 2:00 a.m. and 5:00\na.m. only one officer is on duty at night. Next."
    assert removed(text) == [("surveillance", text[7:-6])]


def test_a_long_word_and_a_period_end_a_sentence_even_before_lower_case() -> None:
    """A poor OCR layer dropped "The" of a sentence: the sentence before (the declaration under
    penalty of perjury) must not be sealed with it."""
    text = "that the foregoing is true and correct. pedestrian east walkway is not covered by any camera."
    assert removed(text) == [("surveillance", text[text.index("pedestrian") :])]


# What a sixth review (2026-11-26, evening) found missed in five new declarations.
@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("Her DOB is 4/9/71.", "birth-date", "4/9/"),  # a two-digit year was read as 2071 and dropped
        ("DOB 04/09/65 on the booking sheet.", "birth-date", "04/09/"),
        ("My daughter, Valeria Sánchez Ortiz, who is 14, was born here.", "minor-name", "ánchez"),
        ("My son Mateo is nine years old.", "minor-name", "ateo"),
        ("Her son, Mateo Sanchez Ortiz (9 years old), was present.", "minor-name", "rtiz"),
        ("I live at 1147 Ocean View Drive, Long Beach, California 90803.", "home-address", "1147 Ocean View Drive,"),
        ("staying with my cousin at 2250 Boston Ave in National City", "home-address", "2250 Boston Ave"),
        ("The Wells Fargo checking account, number 1839204471, received it.", "financial-account", "183920"),
        ("Checking 1839204471", "financial-account", "183920"),
        ("Banorte CLABE 072180009876543217", "financial-account", "07218000987654"),
        ("My line of credit is loan number 0045-778812-01.", "financial-account", "0045-7788"),
        ("My wife's Soc. Sec. No. is 602148893.", "ssn", "60214"),
        ("My cell phone number is 619\n555-0177 and no other.", "phone", "619\n555-0177"),
        ("I gave the officer my Honduran passport (No. G48213377) at the port.", "passport", "G48213377"),
        ("My driver license is California No. B4471932.", "drivers-license", "B4471932"),
        ("a closed-circuit television system of fifty-three (53) cameras", "surveillance", "53"),
        (
            "There is a 40-yard stretch of the eastern fence that no camera views.",
            "surveillance",
            "There is a 40-yard stretch of the eastern fence that no camera views.",
        ),
        (
            "Camera OM-C-27, which overlooks the hazardous-materials holding area, has been intermittently out of service.",
            "surveillance",
            "Camera OM-C-27, which overlooks the hazardous-materials holding area, has been intermittently out of service.",
        ),
        (
            "During the overnight shift the facility is staffed by two CBP officers.",
            "surveillance",
            "During the overnight shift the facility is staffed by two CBP officers.",
        ),
        (
            "After an alarm, officers reach the fence line within four to six minutes.",
            "surveillance",
            "After an alarm, officers reach the fence line within four to six minutes.",
        ),
        (
            "The NVRs retain recorded footage for 30 days.",
            "surveillance",
            "The NVRs retain recorded footage for 30 days.",
        ),
        (
            "Multi-factor authentication has not been implemented for the VMS.",
            "cybersecurity",
            "Multi-factor authentication has not been implemented for the VMS.",
        ),
        (
            "The camera network is not separated from that network by a firewall.",
            "cybersecurity",
            "The camera network is not separated from that network by a firewall.",
        ),
        (
            "Port 23 (Telnet) is enabled on the LPR controllers.",
            "cybersecurity",
            "Port 23 (Telnet) is enabled on the LPR controllers.",
        ),
        (
            "We expect to complete the NVR replacement by the end of the third quarter of fiscal year 2026.",
            "cybersecurity",
            "We expect to complete the NVR replacement by the end of the third quarter of fiscal year 2026.",
        ),
        (
            "we lived at Calle Cuauhtémoc 1450, Colonia Libertad, Tijuana.",
            "home-address",
            "Calle Cuauhtémoc 1450, Colonia Libertad",
        ),
        ("my national identity card (DNI 0801-1986-04512) was taken", "government-id", "0801-1986-04512"),
    ],
)
def test_rule_removes_what_the_sixth_review_found_missed(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Valeria has applied for Special Immigrant Juvenile Status.",
        "CBP Juvenile Coordinator Henry Moak visited the shelter.",
        "My daughter, Ana Ruiz, is 34 and lives in Texas.",
        "Section 4.8.2.1 of the DHS 4300A Sensitive Systems Handbook applies.",
        "The agent wrote the FBI FD-302 dated February 21, 2025.",
        "The bank's routing number 026009593 is printed on every check.",
        "Exhibit 9 contains camera stills from the day of the incident.",
        "The Court held a hearing on May 6, 2025 about the cameras at the port.",
        "Plaintiff paid the $405 filing fee under the contract.",
        # A corpus deposition, once outages were looked for 120 characters around a camera word:
        "It says so on the body camera footage: you told the officer he was totally disconnected from reality.",
    ],
)
def test_public_text_the_sixth_review_found_removed_is_left_alone(text: str) -> None:
    assert removed(text) == []


def test_a_number_labelled_public_elsewhere_stays_public_everywhere() -> None:
    """An office number written in prose was taken for a personal phone, and its repeat then
    took it from the caption's "Tel.:" line, which the rule leaves (sixth review): a value the
    rule's own words call public somewhere stays public. A personal number stays found."""
    text = "I may be reached at my office, (619) 232-4410, extension 12.\nTel.: (619) 232-4410\n"
    assert removed(text) == []
    assert removed("My cell is (619) 555-0142. Tel.: (619) 232-4410") == [("phone", "(619) 555-0142")]


def test_a_value_is_public_elsewhere_only_where_the_same_rule_leaves_it() -> None:
    """The digits of "7,500 hours" near "damages" once took the estimate "$7,500" off (code
    review, 2026-11-26): only a match of the same rule, left by its own words, makes a value
    public."""
    text = (
        "The replacement of the lane cameras is estimated at $7,500 per unit.\n"
        "Plaintiff seeks damages for 7,500 hours of delay.\n"
    )
    assert ("cost", "$7,500") in removed(text)


def test_a_pricing_table_is_found_cell_by_cell_after_its_header() -> None:
    """A table of labour rates has its header ("Labor Category ... Option Yr 2") near its
    first cell only; the other cells of the row and the rows below carry it (seventh review:
    nine of twelve rates were missed). A row's date abbreviation ("Nov. 19") does not end it."""
    table = (
        "The hourly labor rates are as follows:\n"
        "   Labor Category                    Base Year    Option Yr 1    Option Yr 2\n"
        "   Program Manager                   $214.60      $220.97        $227.60\n"
        "   Field Installation Technician     $96.40       $99.29         $102.27\n"
    )
    found = removed(table)
    for rate in ("$214.60", "$220.97", "$227.60", "$96.40", "$99.29", "$102.27"):
        assert ("cost", rate) in found, found
    orders = (
        "   Task Order          Date issued    Obligated\n"
        "   70B04C24F00000217   12/15/2023     $6,412,880.00\n"
        "   70B04C25F00000041   Nov. 19, 2024  $4,090,166.00\n"
    )
    assert ("cost", "$4,090,166.00") in removed(orders)


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        (
            "   Area                 Cameras    Mount height\n   Pedestrian queue     14         22 ft\n"
            "   Bus lot              4          26 ft\n",
            "surveillance",
            "26 ft",
        ),
        (
            "   Host            Role                     OS\n   TUC-LPR-APP01   LPR application server   Windows Server 2012 R2\n"
            "   NOG-LPR-GW02    reader gateway           CentOS 7\n",
            "cybersecurity",
            "CentOS 7",
        ),
    ],
)
def test_heights_and_versions_carry_down_a_table(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


def test_a_table_carries_only_across_cells_not_words() -> None:
    """The next cell of a row continues a table; an amount after words, far from any context
    word, does not (costs carry, but a price list's figures may be public)."""
    text = (
        "The unit price is $7,845.00; in the year the company was founded, a neighbouring "
        "business had sold its premises for $12,000 to a private buyer"
    )
    assert removed(text) == [("cost", "$7,845.00")]


@pytest.mark.parametrize(
    "text",
    [
        "Booths 17 and 18, which were added in 2023, do not have overhead cameras.",
        "Between midnight and 6:00 a.m., the facility is typically operated with four CBP officers.",
        "On weekends the overnight shift has as few as three officers assigned to the pedestrian lanes.",
        "The camera monitoring room is not staffed continuously.",
        "During the overnight shift, the monitors are checked by the on-duty supervisor approximately once per hour.",
        "If a door alarm is triggered, an officer typically arrives at the door in under 90 seconds.",
        "Recordings are stored on the network video recorders for forty-five (45) days.",
        "Installation of cameras for booths 17 and 18 is scheduled for the second quarter of fiscal year 2026.",
    ],
)
def test_surveillance_sentences_the_seventh_review_found_missed(text: str) -> None:
    assert ("surveillance" if "Installation" not in text else "cybersecurity", text) in removed(text), removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ('The PTZ units are 9 pan-tilt-zoom ("PTZ") cameras.', "9"),
        ("The fix has not yet been installed on 61 of the 74 readers.", "61 of the 74"),
    ],
)
def test_counts_the_seventh_review_found_missed(text: str, cut: str) -> None:
    assert ("surveillance", cut) in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "We do not have camera footage of the incident.",  # what the record lacks, not a gap
        "Plaintiff was kept in secondary inspection for forty-five (45) minutes.",
        "The officers were operated on at the hospital with two surgeons present.",
    ],
)
def test_public_text_near_the_seventh_reviews_surveillance_rules_is_left_alone(text: str) -> None:
    assert removed(text) == [], removed(text)


def test_a_footnote_after_the_signature_block_is_a_sentence_of_its_own() -> None:
    """The signature block ends in no period: a sentence rule that fired in the footnote below
    it took the declarant's name and title with it (seventh review)."""
    text = (
        "Executed on March 3, 2025, at Calexico, California.\n/s/ Gregory A. Tillman\nGREGORY A. TILLMAN\n"
        "Port Director\n[1] The NVRs retain recorded footage for 30 days. Nothing else.\n"
    )
    assert removed(text) == [("surveillance", "[1] The NVRs retain recorded footage for 30 days.")]
    text = "Port Director\n\nThe NVRs retain recorded footage for 30 days"
    assert removed(text) == [("surveillance", "The NVRs retain recorded footage for 30 days")]


@pytest.mark.parametrize(
    "text",
    [
        "The LPR servers share VLAN 312 with the building controllers. There is no firewall between the two.",
        'Remote access by the vendor is through a shared account ("pvsupport") that does not use multi-factor authentication.',
        "The plan calls for the Windows servers to be replaced by September 30, 2025.",
        "The reader firmware is to be updated at all ports by the end of Q1 FY2026.",
    ],
)
def test_cyber_sentences_the_seventh_review_found_missed(text: str) -> None:
    sentences = [cut for category, cut in removed(text) if category == "cybersecurity"]
    assert sentences and text.endswith(sentences[-1]), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "My sister and I keep a shared account at Wells Fargo for the rent.",
        "The old server was replaced by a newer model in the same rack.",
        "Defendants' firewall expert testified for two days.",
    ],
)
def test_public_text_near_the_seventh_reviews_cyber_rules_is_left_alone(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("I was born on 14 de abril de 1991 in San Pedro Sula, Honduras.", "birth-date", "14 de abril de"),
        ("My daughter Dayana Michelle Mejía Ochoa was born on July 8, 2012.", "minor-name", "ayana"),
        ("My oldest, Kevin Alexander Mejía Ochoa, was born on 02/27/2009 and is sixteen.", "minor-name", "lexander"),
        (
            "In Honduras we lived at Colonia Rivera Hernández, Sector 3, Bloque 7, Casa 22, San Pedro Sula.",
            "home-address",
            "Colonia Rivera Hernández, Sector 3, Bloque 7, Casa 22",
        ),
        (
            "In Ciudad Juárez we rented a room at Calle Ignacio Mejía 2216, Colonia Bellavista, for a year.",
            "home-address",
            "Calle Ignacio Mejía 2216, Colonia Bellavista",
        ),
        ("My Honduran identity card (DNI) is 0501-1991-08832.", "government-id", "0501-1991-08832"),
        ("my EAD card number is IOE0912345678, and", "government-id", "IOE0912345678"),
        ("My I-94 number is 48219936 A7.", "government-id", "48219936 A7"),
        ("a CBP One appointment (confirmation number CBP1-7Q4K-22MX).", "government-id", "CBP1-7Q4K-22MX"),
        (
            "my account at Wells Fargo, account ending in 0047; the full number is 7730158820047.",
            "financial-account",
            "773015882",
        ),
    ],
)
def test_rule_removes_what_the_seventh_review_found_missed(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


def test_a_child_named_before_a_birth_date_is_a_minor_only_if_the_date_is_under_18_years_ago() -> None:
    today = date.today()
    young, grown = today.year - 17, today.year - 19
    assert ("minor-name", "ayana") in removed(f"My daughter Dayana Mejía was born on January 2, {young}.")
    found = removed(f"My daughter Dayana Mejía was born on January 2, {grown}, and lives in Texas.")
    assert all(category != "minor-name" for category, _ in found), found


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("for trenching and fiber work, priced at a 12.5% markup on Yuma's costs.", "12.5%"),
        ("Orion applies a G&A rate of 9.75 percent and a profit of 8%.", "8%"),
        ("Escalation: 3.0% per option year. Indirect rate (G&A): 11.2%. Fee: 8%.", "8%"),  # eighth review
        ("a fixed fee of 7 percent of estimated cost", "7 percent"),
    ],
)
def test_a_contractors_markup_or_profit_rate_is_found(text: str, cut: str) -> None:
    assert ("cost", cut) in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "40% of the northbound traffic crosses at night.",
        "The Court reduced the fee award by 15% for block billing in Doc. No. 71.",
    ],
)
def test_percentages_without_a_pricing_word_stay(text: str) -> None:
    assert removed(text) == [], removed(text)


def test_an_e_mail_header_line_is_a_sentence_of_its_own() -> None:
    """A sentence rule that fires in a subject line takes that line, not the From, Sent and To
    lines above it, nor the quoted header below (eighth review: an e-mail thread as an exhibit)."""
    text = (
        "From:    Okafor, Grace (OFO) <GRACE.OKAFOR@cbp.dhs.gov>\n"
        "Sent:    Tuesday, March 11, 2025 6:15 AM\n"
        "To:      Ramirez, Daniel J (OIT) <DANIEL.J.RAMIREZ@cbp.dhs.gov>\n"
        "Subject: Ped West camera outage - remote session request\n"
        ">\n"
        "> From: Whitfield, Tom\n"
        "> Sent: Monday, March 10, 2025 11:58 PM\n"
    )
    assert removed(text) == [("surveillance", "Subject: Ped West camera outage - remote session request")]


def test_a_rule_under_a_tables_header_ends_the_header() -> None:
    text = (
        "Plugin ID   Severity   Host            Plugin Name\n"
        "--------------------------------------------------------\n"
        "108797      Critical   SY-VMS-REC01    Unsupported Windows OS (remote)\n"
    )
    found = removed(text)
    assert found and all("Plugin ID" not in cut for _, cut in found), found


def test_an_abbreviation_in_a_pricing_tables_header_does_not_end_its_context() -> None:
    """ "Est. Hours" ended a sentence, so the header's "Hourly Rate" was context for nothing below
    it and the first three rows of a price schedule stayed (eighth review)."""
    text = (
        "CLIN    Labor Category           Hourly Rate    Hourly Rate     Est. Hours\n"
        "1001    Program Manager          $212.40        $218.77              1,920\n"
        "1002    Field Engineer II        $185.00        $190.55              3,840\n"
    )
    found = removed(text)
    for cut in ("$212.40", "$218.77", "$185.00", "$190.55"):
        assert ("cost", cut) in found, found


def test_a_birth_date_across_a_line_break_in_prose_keeps_its_context() -> None:
    assert ("birth-date", "March 14,") in removed(
        "He told the officer that he was born in Tijuana and that\nhis date of\nbirth is March 14, 1978."
    )


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Traveling with him were his children, HERNANDEZ LOPEZ, Sofia (DOB: 05/02/2014) and", "ofia"),
        ("and HERNANDEZ LOPEZ, Mateo (DOB:\n11/23/2017), both United States citizens.", "ateo"),
        ("passengers Ana Ruiz, born on March 3, 2015, and", "na"),
    ],
)
def test_a_child_named_before_a_recent_birth_date_is_found(text: str, cut: str) -> None:
    """As an I-213's narrative lists the children travelling with a person (eighth review)."""
    assert ("minor-name", cut) in removed(text), removed(text)


def test_an_adult_named_before_a_birth_date_is_not_a_minor() -> None:
    found = removed("HERNANDEZ Salazar, Luis Alberto (DOB: 07/19/1986) applied for admission.")
    assert found == [("birth-date", "07/19/")], found


@pytest.mark.parametrize(
    "text",
    [
        "That is about 3 hrs 24 min with no video of the west approach from the walkway cameras.",
        "The overnight watch reported the west pedestrian camera monitors black from about 0215.",
        "The camera feeds turned black at 0214 and stayed so.",
        "Only two officers were on the ped side from midnight to 0600.",
        "Just one CBPO was on the night shift at the cargo gate over the weekend.",
    ],
)
def test_surveillance_sentences_the_eighth_review_found_missed(text: str) -> None:
    """As IT staff and watch commanders write them in an e-mail thread filed as an exhibit."""
    assert removed(text) and removed(text)[0][1] == text, removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "The camera housings are black and weatherproof.",
        "The hearing went ahead with no video link to the detention center.",
        "Plaintiff was left with no video of the arrest.",
        "Only two officers testified at the hearing about the night of the arrest.",
    ],
)
def test_public_text_near_the_eighth_reviews_surveillance_rules_is_left_alone(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Host: SY-PW-NVR02 (10.48.112.20)", "SY-PW-NVR02"),
        ("Host: sy-cam-pw31 (10.48.120.31)", "sy-cam-pw31"),
        ("  Installed version : 2019 R3 (13.3a)", "version : 2019 R3 (13.3a)"),
        ("  Fixed version     : 5.7.4.12", "version     : 5.7.4.12"),
        ("Solution: Upgrade to XProtect 2023 R1 or later on the recording server.", "XProtect 2023 R1"),
    ],
)
def test_a_scan_reports_hosts_and_versions_are_found(text: str, cut: str) -> None:
    """A vulnerability scan's "Host:" lines and "key : value" plugin output (eighth review)."""
    assert ("cybersecurity", cut) in removed(text), removed(text)


def test_a_login_written_as_user_slash_password_is_found() -> None:
    text = "Login is svcsentinel / Sentinel#2019."
    assert removed(text) == [("cybersecurity", text)], removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officers must enter their credentials and/or a PIN at the console.",
        "A login is required/optional depending on the kiosk.",
    ],
)
def test_credentials_and_or_is_not_a_password(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "0003    Replacement camera, AXIS Q6155-E PTZ",  # a price schedule's line item, not a count
        "SENTINEL VIDEO SYSTEMS, LLC                INVOICE\n4410 Kearny Villa Rd, Suite 210",
    ],
)
def test_an_invoices_line_items_and_letterhead_stay(text: str) -> None:
    found = removed(text)
    assert all(cut not in ("0003", "4410") for _, cut in found), found


def test_an_invoice_number_on_the_line_after_its_label_is_found() -> None:
    assert ("contract", "SVS-2025-0317") in removed("Invoice No.:\n   SVS-2025-0317")


def test_an_officers_desk_and_direct_lines_are_found_like_a_cell() -> None:
    """An officer's desk or direct line reaches that officer, as a cell does: the eighth review
    left "Desk:" and "Work:" lines public as the office's, and a scanned exhibit's "desk phone" of
    a reporting officer went out with them. They are proposed for removal; a reviewer may keep
    an office's switchboard ("Office:", "main line") public, which stays so."""
    text = "Desk: (619) 690-7710\nCell: 619-555-0187\nWork: 619-690-8800 | Mobile: 619-555-0123"
    found = [cut for _, cut in removed(text)]
    assert found == ["(619) 690-7710", "619-555-0187", "619-690-8800", "619-555-0123"], found
    assert removed("Office: (619) 690-7700") == []


def test_a_quoted_replys_marks_do_not_break_a_value_or_a_sentence() -> None:
    """ "> " at each line of a quoted e-mail read as part of the text: a login written across the
    quoted line break stayed (eighth review)."""
    text = "> Daniel,\n>\n> MFA isn't set up for the vendor account, so it should be quick. Login is\n> svcsentinel / Sentinel#2019.\n>\n> Tom"
    found = removed(text)
    assert ("cybersecurity", "Login is\n> svcsentinel / Sentinel#2019.") in found, found
    assert all("Daniel" not in cut and "Tom" not in cut for _, cut in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The sealed materials, including the camera diagram at Exhibit B, shall be kept under seal for ten years.",
        "The video exhibits shall be retained under seal for five years after final judgment.",
        "The footage shall be kept confidential for 30 days and then filed publicly.",
    ],
)
def test_how_long_an_order_keeps_a_filing_sealed_is_not_retention(text: str) -> None:
    """A sealing order's term is public; how long footage is kept is not (ninth review)."""
    assert removed(text) == [], removed(text)


def test_retention_is_still_found_next_to_the_words_under_seal() -> None:
    text = "Video is retained for thirty days before it is overwritten."
    assert removed(text) == [("surveillance", text)], removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "There is no camera in the stairwell at all.",
        "None of the cameras see that corner, and the PTZs can't turn far enough.",
        "Camera 14 on the canopy had been out for about three weeks.",
        "The east fence sensors were out since the storm in January.",
    ],
)
def test_gaps_and_outages_as_a_deposition_witness_answers_are_found(text: str) -> None:
    """A transcript's answers (ninth review)."""
    assert removed(text) and removed(text)[0][1] == text, removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officer Lee was out for two weeks in March.",
        "There is no dispute about the camera footage.",
        "None of the parties objected to the camera stills.",
    ],
)
def test_public_text_near_the_ninth_reviews_gap_and_outage_wording_is_left_alone(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Between midnight and six, it's just one officer in the command center.",
        "On the night shift only two officers are in the control room.",
        "Officers in secondary inspection take three to four minutes to reach the turnstiles when an alarm sounds.",
        "It takes officers about 6 minutes to respond to a fence sensor alarm.",
    ],
)
def test_staffing_and_response_the_ninth_review_found_missed(text: str) -> None:
    assert removed(text) and removed(text)[0][1] == text, removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "It took the jury three hours to reach a verdict.",
        "It took counsel ten minutes to reach the courthouse from the detention center.",
        "Only one officer in the tower testified at the hearing.",
    ],
)
def test_public_text_near_the_ninth_reviews_staffing_and_response_wording_is_left_alone(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Twenty-six fixed and twelve PTZs.", "twelve"),
        ("The plaza has 9 PTZs and 14 fixed domes.", "9"),
        ("Mostly on the canopy, about 18 feet up.", "18 feet"),
        ("and on the light poles along the queue, at maybe 25 feet.", "25 feet"),
    ],
)
def test_counts_and_heights_a_witness_gives_are_found(text: str, cut: str) -> None:
    """Pan-tilt-zoom cameras called "PTZs", heights named by the canopy or the poles (ninth review)."""
    assert ("surveillance", cut) in removed(text), removed(text)


def test_a_pole_vault_is_not_a_cameras_height() -> None:
    assert removed("He cleared the bar at 18 feet in the pole vault final.") == []


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Her telephone number there is (504) 9781-2256, and", "(504) 9781-2256"),
        ("my cousin in San Salvador, (503) 7012 4456.", "(503) 7012 4456"),
        ("call my brother at (504) 555-0142 in New Orleans", "(504) 555-0142"),
    ],
)
def test_a_central_american_number_with_its_country_code_in_brackets_is_found(text: str, cut: str) -> None:
    """Eight digits after "(504)" (Honduras), as a declaration translated from Spanish writes it (ninth review)."""
    assert ("phone", cut) in removed(text), removed(text)


def test_a_bracketed_number_that_is_neither_north_nor_central_american_stays() -> None:
    assert removed("See Exhibit 12, at (509) 1234-5678 of the Bates range.") == []


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        (
            "My children now live with my sister, Marisol Castillo Ortega, at 1845 Palm Avenue, Apt. 3, Imperial Beach, California 91932.",
            "1845 Palm Avenue, Apt. 3,",
        ),
        (
            "I lived with my husband, Carlos Alberto Mejía Ruiz, and our three children in Colonia Chamelecón, Sector 4, Bloque 9, Casa 17, San Pedro Sula.",
            "Colonia Chamelecón, Sector 4, Bloque 9, Casa 17",
        ),
    ],
)
def test_a_home_address_after_a_relatives_name_or_with_its_block_is_found(text: str, cut: str) -> None:
    """A translated asylum declaration's addresses in the United States and abroad (ninth review)."""
    assert ("home-address", cut) in removed(text), removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Josué is now 15 years old, and he is afraid.", "osué"),
        ("Kevin Mejía, who is 9 years old, stayed with us.", "evin"),
    ],
)
def test_a_child_whose_age_follows_is_now_is_found(text: str, cut: str) -> None:
    """ "X is now 15 years old", as a mother's declaration says it (ninth review)."""
    assert ("minor-name", cut) in removed(text), removed(text)


def test_an_adult_or_a_system_that_is_years_old_is_not_a_minor() -> None:
    assert removed("Carlos is now 38 years old. The Facility is 30 years old.") == []


def test_a_minors_given_name_is_found_where_it_stands_alone() -> None:
    """A declaration names a child in full once, then by the given name alone (ninth review)."""
    text = (
        "My children are Josué David Mejía Castillo, born August 3, 2011, and Ángel Mejía Castillo, "
        "born October 30, 2020. The gang said my son Josué had to join them. Josué and Ángel go to "
        "Bayside Elementary School. My youngest, Ángel (6), cries every night."
    )
    found = [cut for category, cut in removed(text) if category == "minor-name"]
    assert found.count("osué") == 3 and found.count("ngel") == 3, found


@pytest.mark.parametrize(
    "text",
    [
        "My son, DIEGO RUIZ, age 15, lives with me in San Diego; his father, Diego Ortega, stayed.",
        "my daughter May Ortega, age 9, was there. On May 12, 2024, we left.",
        "ANA RUIZ, a minor, by her mother. The hearing in Santa Ana was set.",
    ],
)
def test_a_minors_given_name_next_to_a_capital_or_a_number_stays(text: str) -> None:
    """ "San Diego", a parent's "Diego Ortega", the month "May 12" and "Santa Ana" are not the child."""
    found = [cut for category, cut in removed(text) if category == "minor-name"]
    assert len(found) == 2, found


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        (
            "I still have a savings account at Banco Atlántida in San Pedro Sula, No. 2001-03-458877, which",
            "2001-03-45",
        ),
        ("her checking account with Navy Federal Credit Union, number 7012334589.", "701233"),
    ],
)
def test_an_account_number_after_the_banks_name_is_found(text: str, cut: str) -> None:
    """The bank named between "account" and the number (ninth review)."""
    assert ("financial-account", cut) in removed(text), removed(text)


def test_an_account_of_events_before_a_docket_number_stays() -> None:
    assert removed("his account at the hearing, ECF No. 158, was consistent.") == []


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Génesis and Ángel go to Bayside Elementary School in Imperial Beach.", "Bayside Elementary School"),
        ("and Josué attends Mar Vista Middle School.", "Mar Vista Middle School"),
        (
            "My two oldest children went to the Centro Educativo Básico José Trinidad Reyes in our colonia.",
            "Centro Educativo Básico José Trinidad Reyes",
        ),
    ],
)
def test_a_childs_school_is_found(text: str, cut: str) -> None:
    """Where a child goes to school, as a mother's declaration says it (seventh and ninth reviews)."""
    assert ("school", cut) in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "I attended San Diego State University and the Federal Law Enforcement Training Center.",
        "The School District filed an amicus brief.",
        "Officers went to the port's secondary inspection area.",
    ],
)
def test_schooling_that_is_not_a_childs_school_stays(text: str) -> None:
    assert removed(text) == [], removed(text)


def test_remediation_named_as_such_needs_no_word_for_the_system() -> None:
    """A memorandum quotes the declaration a sentence at a time: "Id. ¶ 19." ends the one before (ninth review)."""
    text = "Id. ¶¶ 17-18. Remediation is not scheduled until the third quarter of fiscal year 2027. Id. ¶ 19."
    assert ("cybersecurity", "Remediation is not scheduled until the third quarter of fiscal year 2027.") in removed(
        text
    )


def test_an_update_without_a_word_for_a_system_or_a_weakness_stays() -> None:
    assert removed("Counsel will update the Court by March 1, 2026.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Juanita R. Brooks (CA SBN 75934)\nbrooks@fr.com\nRoger A. Denning (CA SBN 228998)\ndenning@fr.com",
        "Telephone: (212) 450-4000\nFacsimile: (212) 701-5800\nEmail:\ngreg.andres@davispolk.com\n"
        "antonio.perez@davispolk.com\ncraig.cagney@davispolk.com\nMicah G. Block (SBN 270712)",
        "Peter A. Arhangelsky, Esq. (SBN 291325)\nparhangelsky@emord.com\nJoshua S. Furman, Esq. (pro hac vice)\njfurman@emord.com",
        "SIDLEY AUSTIN LLP\nSamuel A. Newman (SBN 217042)\n(sam.newman@sidley.com)\nJulia Philips Roth (SBN 324987)\n(julia.roth@sidley.com)",
        "Official Court Reporter:\nTiphanne G. CROWE\nCSR No. 10958\n501 I Street\nSacramento, CA 95814\nTcrowe.csr@gmail.com",
        "KENDALL BRILL & KELLY LLP\nAlan Jay Weil (63153)\najweil@kbkfirm.com\nShauna E. Woods (300339)\nswoods@kbkfirm.com",
    ],
)
def test_counsels_and_reporters_addresses_in_a_block_stay(text: str) -> None:
    """Counsel's e-mail addresses in a caption or signature block, and a court reporter's, are public
    contact details: 1,000 of 1,200 e-mail findings over 162 real filings (precision review)."""
    assert [cut for category, cut in removed(text) if category == "email"] == [], removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        (
            "Mr. Heil utilized the email address chris@totalmerchantsupplies.com and the phone",
            "chris@totalmerchantsupplies.com",
        ),
        ("Her e-mail address is maria.lopez1987@gmail.com and she", "maria.lopez1987@gmail.com"),
        (
            "Email: jane.collins@usdoj.gov\nHer personal address, m.ortega.family@gmail.com, is",
            "m.ortega.family@gmail.com",
        ),
        ("His telephone number is 619-555-0142 and his e-mail is d.ortega@yahoo.com.", "d.ortega@yahoo.com"),
    ],
)
def test_a_persons_address_in_prose_is_still_found(text: str, cut: str) -> None:
    assert ("email", cut) in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "25\nPage 20\nAiken Welch, A Veritext Company\n510-451-1580\nCase 3:19-cv-04593-LB Document 79-23",
        "Page 4\nVeritext Legal Solutions\n866 299-5127\nCase 3:19-cv-04593-LB",
        "TIPHANNE G. CROWE\nOFFICIAL COURT REPORTER, USDC - (916) 743-0122\n1\n2",
        "JOAN MARIE COLUMBINI, CSR, RPR\nRETIRED OFFICIAL COURT REPORTER, USDC\n510-367-3043",
        "Telephone: 415/288-4545\n415/288-4534 (fax)\nshawnw@rgrdlaw.com",
    ],
)
def test_a_transcripts_footer_and_counsels_numbers_stay(text: str) -> None:
    """A reporting company's number on every page of a deposition, an official reporter's, and
    counsel's fax under the telephone line: 330 of 391 telephone findings over 162 real filings
    (precision review)."""
    assert [cut for category, cut in removed(text) if category == "phone"] == [], removed(text)


def test_a_persons_number_in_a_deposition_is_still_found() -> None:
    text = "Mr. Heil utilized the email address chris@example.com and\nthe phone number 858-225-4580. The"
    assert ("phone", "858-225-4580") in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "the phone(s) bearing IMEI numbers 359239069326461,\n354851092905311 and 359407081422499 (which are",
        "Circulation, vol. 27, pp. 742-7, 1963, doi: 10.1001/jama.1963.03700170131108.",
        "Prehospital Emerg. Care, vol. 10, no. 4, pp. 447-450, 2006, doi: 10.1080/10903120600884863.",
    ],
)
def test_an_imei_or_a_dois_digits_are_not_a_card_number(text: str) -> None:
    """Luhn-valid, but no card issuer's prefix for their length (precision review)."""
    assert [cut for category, cut in removed(text) if category == "credit-card"] == [], removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Her Amex 3782 822463 10005 was charged", "3782 822463 10005"),
        ("the Discover card 6011111111111117 and", "6011111111111117"),
        ("a Mastercard 5555 5555 5555 4444 on file", "5555 5555 5555 4444"),
    ],
)
def test_card_numbers_of_every_issuer_are_still_found(text: str, cut: str) -> None:
    assert ("credit-card", cut) in removed(text), removed(text)


def test_a_date_of_death_next_to_a_date_of_birth_stays() -> None:
    """A decedent's date of death, on the line above the birth date, took the birth date's
    context (precision review); the birth date itself is still found."""
    text = "Decedent: Jacob Bauer\nDate of Death: August 1, 2018 (38 years old)\nDate of Birth: June 27, 1980\nDear Mr. Gwilliam,"
    found = removed(text)
    assert all("August" not in cut for _, cut in found), found
    assert ("birth-date", "June 27,") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The motion seeks\n$16,861 in attorneys' fees under 42 U.S.C. § 406(b) and an order",
        "the defendant is going to pay the $179 million arbitration award.",
        "a 12 percent fee in that $124 million settlement. And it was",
        "The jury returned a $9.18 million verdict for the plaintiff.",
    ],
)
def test_a_fee_award_a_settlement_or_a_verdict_stays(text: str) -> None:
    """Amounts a court or a jury made public, named as such (precision review)."""
    assert [cut for category, cut in removed(text) if category == "cost"] == [], removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        (
            "Subscriptions - Includes Unlimited Credits\n51\n39.95\nUSD 2037.45\nSub Total\nPaid to Date\nUSD2,037.45",
            "USD2,037.45",
        ),
        ("Mr. Buck once paid him $2000.00 for the labor", "$2000.00"),
        ("the contract price of $4872500 for the base year", "$4872500"),
    ],
)
def test_an_amount_without_commas_is_taken_whole(text: str, cut: str) -> None:
    """ "$2000.00" was cut after "$200", leaving "0.00" (precision review)."""
    assert ("cost", cut) in removed(text), removed(text)


# What the reviews' lists of values still not found left open (2026-11-27, a pass over them all).
@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("You may reach me on my personal cell, tel. 619-555-0143, after 6 p.m.", "619-555-0143"),
        ("Home tel. (619) 555-0143", "(619) 555-0143"),
        ("Tel. (cell): 619-555-0143", "619-555-0143"),
        # A number abroad after "Telephone:", as an I-213 or a family's declaration lists it.
        ("Address in Mexico: Calle Segunda 2210, Tijuana, B.C.\nTelephone: +52 664 123 4567", "+52 664 123 4567"),
        # A personal word in brackets after the number; a Mexican number without "+52" (its exchange may
        # start with 1, which a North American number's may not), labelled or in prose.
        ("Maria Lopez, Tel.: (619) 555-0143 (cell), lives in Chula Vista.", "(619) 555-0143"),
        ("Address in Mexico: Calle Segunda 2210, Tijuana, B.C.\nTelephone: 664 123 4567", "664 123 4567"),
        ("My mother lives in Mexicali; her number is 686-104-2231.", "686-104-2231"),
        ("Mi celular en Guadalajara: (33) 1234 5678", "(33) 1234 5678"),
    ],
)
def test_a_personal_or_foreign_number_after_an_office_label_is_found(text: str, cut: str) -> None:
    """ "Tel." and "Telephone:" label counsel's and offices' numbers, which stay public; a personal
    word before the label, or a number abroad after it, is someone's own."""
    assert ("phone", cut) in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "For assistance, call the CBP Information Center toll-free at 1-877-227-5511.",
        "Call (800) 375-5283 to reach USCIS.",
        "Jones LLP\n123 Main St\nTelephone: +52 55 1234 5678",
        "Despacho Juridico Ruiz, Tijuana, B.C., Tel. 664 123 4567",
        "United States v. Mexico, No. 3:24-cv-00917; see Doc. No. 1234567890 and 48 C.F.R. 1234.5678.",
        "Jones LLP, 600 B Street, San Diego, Tel.: (619) 555-0100 (main), Fax: (619) 555-0101",
    ],
)
def test_a_toll_free_number_or_counsels_number_abroad_stays(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        # An IBAN in groups of four, the bank's code in letters.
        ("IBAN GB29 NWBK 6016 1331 9268 19 at Barclays", "financial-account", "GB29 NWBK 6016 1331 92"),
        ("IBAN: MX12 ABCD 7890 1234 5678 90", "financial-account", "MX12 ABCD 7890 1234 56"),
        ("His passport, No. 548213977, was seized at the port.", "passport", "548213977"),
        ("Address in Mexico: Av. Revolucion 1234, Zona Centro, Tijuana", "home-address", "Av. Revolucion 1234"),
        ("Address in Mexico: Calle Segunda 2210, Tijuana, B.C.", "home-address", "Calle Segunda 2210"),
    ],
)
def test_identifiers_the_reviews_lists_left_open_are_found(text: str, category: str, cut: str) -> None:
    assert (category, cut) in removed(text), removed(text)


def test_a_minor_named_with_an_age_in_brackets_is_found() -> None:
    """ "Ana Ruiz (15)": only where a word for children is in the same sentence, since a numbered
    list ("Count Two (3)") looks the same."""
    text = "My children, Ana Ruiz (15) and Diego Ruiz (12), crossed with me."
    assert ("minor-name", "na") in removed(text) and ("minor-name", "iego") in removed(text), removed(text)
    table = "Children:\nAna Ruiz (15)\nDiego Ruiz (12)\nMateo Ruiz (9)"
    assert ("minor-name", "ateo") in removed(table), removed(table)


@pytest.mark.parametrize(
    "text",
    ["Pursuant to the Count Two (3) of the indictment.", "The child support claims are in Section Four (3)."],
)
def test_a_numbered_item_near_a_word_for_children_is_no_minor(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("The east lanes have 40 cameras; 26 of them are fixed Hanwha XNO-6080R units.", "26"),
        ("The PTZ domes are Pelco Spectra Enhanced 7 units.", "Pelco Spectra Enhanced 7"),
        ("The cameras are Bosch AUTODOME IP 5000i domes.", "Bosch AUTODOME IP 5000i"),
    ],
)
def test_counts_and_models_the_reviews_lists_left_open_are_found(text: str, cut: str) -> None:
    assert ("surveillance", cut) in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "The recording servers run Windows Server 2012 R2, with Extended Security Updates purchased only through FY2024.",
        "Vendor support for the NVR software ended in 2023.",
        "The west fence camera feed keeps dropping every few hours and has not been fixed.",
    ],
)
def test_sentences_the_reviews_lists_left_open_are_found(text: str) -> None:
    assert any(cut == text for _, cut in removed(text)), removed(text)


def test_a_host_name_given_as_an_answer_is_found() -> None:
    """A deposition: the question names the machine, the answer gives its name after "It's"."""
    text = "Q. And what is that server's host name?\nA. It's SDPOE-NVR01."
    assert ("cybersecurity", "SDPOE-NVR01") in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Plaintiffs sued Motorola Solutions in 2019 and Axis Communications in 2020.",
        "Of the 12 officers, 3 of them were on duty.",
        "Q. Which server? A. It's the one in Building 3.",
    ],
)
def test_public_text_near_the_new_surveillance_and_cyber_patterns_is_left_alone(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "See DHS Sensitive Systems Policy Directive 4300A, Version 2.0, at 12.",
    ],
)
def test_public_text_the_reviews_lists_said_was_taken_is_left_alone(text: str) -> None:
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Public disclosure would reveal that lanes 20 through 24 have no camera coverage between 2:00 a.m. and 5:00 a.m.",
        "This information would disclose that the NVRs still use the default admin password.",
        "The attached report describes how camera 14 has been offline since March 2024.",
        "Releasing the map would identify that the pedestrian lanes are not covered by any camera at night.",
        # An order's sentence naming what is sealed is proposed too, with a note to reject it.
        "Paragraphs 7 and 8 of the Ortega Declaration identify two areas that are not covered by any camera.",
    ],
)
def test_a_sealed_fact_after_a_word_for_revealing_it_is_still_found(text: str) -> None:
    """Words that name disclosure ("would reveal that", "describes how") were tried as words
    that leave an order's sentence public, and left the sealed fact itself public: a sentence
    is proposed whatever word stands before its fact, and its review note says to reject one
    that only argues why such facts are sealed."""
    found = removed(text)
    assert found and found[0][1] == text, found


def test_a_sealed_fact_stated_or_found_in_the_past_is_still_found() -> None:
    """The words that name a sealed category ("identify") leave only the present tense public."""
    for text in (
        "The 2023 survey identified three blind spots at the port.",
        "The stairwell is not covered by any camera.",
        "The NVR runs firmware version 5.2.1 per the Directive.",
    ):
        assert removed(text), text


@pytest.mark.parametrize(
    ("text", "cuts"),
    [
        (
            "CLIN    Labor Category           Hourly Rate    Hourly Rate     Est. Hours\n"
            "1001    Program Manager          $212.40        $218.77              1,920\n"
            "1002    Field Engineer II        $185.00        $190.55              3,840\n",
            ("1,920", "3,840"),
        ),
        (
            "Labor Category            Est. Hours    Rate       Extended\n"
            "Project Manager           1,240         $187.50    $232,500.00\n"
            "Installation Technician   960           $96.40     $92,544.00\n",
            ("1,240", "960"),
        ),
    ],
)
def test_a_price_schedules_hours_are_found(text: str, cuts: tuple[str, ...]) -> None:
    """Estimated hours next to the rates, under a header that names them (eighth review)."""
    found = removed(text)
    for cut in cuts:
        assert ("cost", cut) in found, found


def test_a_number_after_an_amount_in_prose_is_not_hours() -> None:
    text = "He worked 40 hours a week and earned $500 30 days later."
    assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("Q. How long is video kept?\nA. Thirty days, then the system writes over it.", "surveillance", "Thirty days"),
        ("Q And how long did you keep the footage?\n12 A About two years, yes.", "surveillance", "two years"),
        (
            "Q. How long does it take officers to respond to an alarm?\nA. Maybe three to four minutes.",
            "surveillance",
            "three to four minutes",
        ),
        ("Q. What version of the VMS software is running?\nA. I think 5.9.", "cybersecurity", "5.9"),
        ("Q. What did the upgrade cost?\nA. Around 4.2 million.", "cost", "4.2 million"),
    ],
)
def test_an_answer_whose_subject_is_only_in_the_question_is_found(text: str, category: str, cut: str) -> None:
    """A deposition (ninth review): the answer's figure is taken, the question stays."""
    assert removed(text) == [(category, cut)], removed(text)


def test_an_answer_about_something_else_stays() -> None:
    text = "Q. How long have you worked there?\nA. Thirty years."
    assert removed(text) == [], removed(text)


def test_children_named_as_a_familys_youngest_are_minors() -> None:
    """ "my two youngest, Mateo and Camila": no age, no word "minor" (sixth review)."""
    text = "My two youngest, Mateo and Camila, stayed with me."
    assert removed(text) == [("minor-name", "ateo"), ("minor-name", "amila")], removed(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("We attend the Iglesia Bautista Emanuel in Chula Vista every Sunday.", "Iglesia Bautista Emanuel"),
        ("My family were members of the First Baptist Church of Chula Vista.", "First Baptist Church of Chula Vista"),
        ("We went to St. Jude Parish.", "St. Jude Parish"),
    ],
)
def test_the_church_a_family_attends_is_found(text: str, cut: str) -> None:
    """Where an asylum seeker's family worships tells where it can be found (ninth review)."""
    assert ("place-of-worship", cut) in removed(text), removed(text)


def test_a_count_of_attacks_on_the_network_is_found() -> None:
    """Counts of attacks (seventh review), only with a word for the systems near them."""
    text = "The port saw 1,240 intrusion attempts against the camera network last year."
    assert removed(text) == [("cybersecurity", "1,240")], removed(text)
    assert removed("He was convicted of two attacks on the victim, whose security system recorded them.") == []


def test_a_firms_address_left_public_leaves_the_firms_other_addresses() -> None:
    """Counsel's block names one address of a firm; an ECF notice list gives the rest after each
    lawyer's name, with no label (precision review). A shared domain (gmail.com) proves nothing."""
    text = (
        "Jane Roe, Esq. jroe.law@gmail.com\nROBBINS LLP\nTelephone: 415/288-4545\nshawnw@rgrdlaw.com\n\n"
        "Electronic Mail Notice List\nKenneth Joseph Black KennyB@rgrdlaw.com\n"
        "Mary K. Blasy mblasy@rgrdlaw.com\n\n"
        "The agent wrote from m.ortega.family@gmail.com that night."
    )
    assert removed(text) == [("email", "m.ortega.family@gmail.com")], removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "JOHN L. BURRIS, ESQ.\n7677 Oakport Street, Suite 1120\nOakland, California 94621\n(510) 839-5200",
        "1999 Harrison Street, Suite 1600\nOakland, California 94612\n(510) 832-5411",
        "170 Highland Avenue, Suite 250 Birmingham, Alabama 35205 T: 205.590.6986 F: 205.809.7899",
    ],
)
def test_a_phone_under_an_offices_address_stays(text: str) -> None:
    """Counsel's number under a suite, or after "T:", in a caption or signature block (precision
    review: 60 such numbers over the corpus filings). Not under a floor: see the next test."""
    assert [cut for category, cut in removed(text) if category == "phone"] == [], removed(text)


def test_a_personal_phone_after_a_home_address_is_still_found() -> None:
    text = "He lives at 88 Oak Street, Apt. 4, El Centro, CA 92243, and his cell is (760) 555-0143."
    assert ("phone", "(760) 555-0143") in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "We rented a room in Tijuana. My cell phone number is (619) 555-0143.",
        "I live on the second floor of my sister's house; my cell is (619) 555-0143.",
    ],
)
def test_a_personal_phone_after_a_room_or_a_floor_is_found(text: str) -> None:
    """ "Room" and "Floor" were tried as words of an office's address that leave the number after
    them public, and left a person's own cell public after a rented room or a floor of a house;
    counsel's number under "34th Floor" is proposed again (reject it in the plan)."""
    assert ("phone", "(619) 555-0143") in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "fees under 42 U.S.C. § 406(b) and an order for Counsel to release to Plaintiff $5,500 in fees previously received",
        "If you pay interest on a fine or restitution of more than $2,500, unless the court waives interest",
        "The Debtors are authorized, but not directed, to pay on an interim basis up to $80,000 to Critical Vendors",
        "purchased at allegedly artificially inflated prices as high as $196.94 per share",
    ],
)
def test_an_amount_a_court_a_judgment_or_a_bankruptcy_names_stays(text: str) -> None:
    """Public litigation amounts with their words 30 to 60 characters before them (precision review)."""
    assert [cut for category, cut in removed(text) if category == "cost"] == [], removed(text)


@pytest.mark.parametrize(
    "text",
    [
        # A form's labels read by OCR (a citation's "Street Address of Cincher"; "Adult [ ] Juvenile Sex").
        "Name of Defendant Cincher 1 L Street Address of Cincher 1 Etabeth, and residence",
        "Adult D Juvenile Sex Male Date of Birth",
        # A list of purchases with their dates, a maker's name among them.
        "12.31.13 Prada 01.06.14 Sony 01.08.14 Prada 01.14.14 Tumi Stores",
        # A company's address in an SEC form, a suite in it.
        "(IRS Employer Identification No.)\nof Incorporation)\nFirst Federal Plaza, Suite 1525\n28 E. Main Street\n14614\n"
        "Rochester, NY\n(Address of Principal Executive\nOffices)",
    ],
)
def test_labels_dates_and_an_offices_address_the_corpus_showed_stay(text: str) -> None:
    """False positives in the 162 corpus filings (a pass over the precision review's list)."""
    assert removed(text) == [], removed(text)


def test_a_short_purchase_order_number_is_found_and_a_po_box_is_not() -> None:
    """A purchase order number shorter than eight characters (fifth pass)."""
    text = "Purchase Order 4500123 was issued for the cameras."
    assert ("contract", "4500123") in removed(text), removed(text)
    assert removed("Send it to P.O. Box 1234, San Diego.") == []


def test_a_share_of_the_feeds_as_a_percentage_is_found() -> None:
    """ "40% of the feeds" (fifth pass): a count given as a share."""
    text = "Only 40% of the feeds are recorded overnight."
    assert ("surveillance", "40%") in removed(text), removed(text)


def test_a_numbers_without_their_a_down_a_column_headed_a_number_are_found() -> None:
    """The header is near the first row only; the rows below carry it (sixth review)."""
    text = (
        "Relation   Name          A-Number\n"
        "Son        Mateo Ruiz    212-345-678\n"
        "Daughter   Camila Ruiz   212-345-679\n"
    )
    found = removed(text)
    assert ("alien-number", "212-345-678") in found and ("alien-number", "212-345-679") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "SENTINEL INTEGRATED SYSTEMS, INC.\n4250 Executive Square, La Jolla, CA 92037\nTel (858) 555-0100",
        "SENTINEL INTEGRATED SYSTEMS, INC. | www.sentinel-is.com | 858-555-0100",
    ],
)
def test_a_vendors_letterhead_number_stays(text: str) -> None:
    """A company's number on its letterhead (eighth review)."""
    assert removed(text) == [], removed(text)


def test_a_personal_number_after_an_employers_name_is_still_found() -> None:
    text = "I worked for Sentinel Integrated Systems, Inc. until 2019; my cell is 619-555-0143."
    assert ("phone", "619-555-0143") in removed(text), removed(text)


def test_a_declarant_describing_a_gap_is_still_found() -> None:
    text = "Below I describe the areas that are not covered by any camera: the east stairwell and lane 12."
    assert removed(text) and removed(text)[0][1] == text, removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "The old cameras worked fine until the upgrade, which cost $48,000 per unit under the contract.",
        "The fair market value of the cameras under the contract is $310,000.",
    ],
)
def test_a_contract_amount_after_a_common_word_a_judgment_also_uses_is_found(text: str) -> None:
    """ "fine" and "fair market value" were tried as words naming a court's amounts, and left
    contract costs public wherever "fine" stood 60 characters before them."""
    assert [category for category, _ in removed(text)] == ["cost"], removed(text)


def test_an_unless_word_speaks_for_the_next_value_only() -> None:
    """ "office number" leaves the office's number public, not a cell phone given after it in the
    same sentence (its window of 60 characters reached both)."""
    text = "My office number is (619) 555-0100, and my cell is (619) 555-0143."
    assert removed(text) == [("phone", "(619) 555-0143")], removed(text)


def test_a_reporting_officers_desk_phone_is_found() -> None:
    """ "Reporting" (a court reporting company's name) left the desk phone of a "Reporting officer"
    public once the phone rule looked 60 characters back (the full test run: a scanned exhibit)."""
    text = "CBP INCIDENT REPORT - SAN YSIDRO\nReporting officer badge 4471, desk phone (619) 555-0142\n"
    assert ("phone", "(619) 555-0142") in removed(text), removed(text)


def test_a_passport_number_near_an_alien_registration_number_is_named_a_passport_number() -> None:
    """The rule for A-numbers down a column took any nine digits near "alien registration", and
    named a passport number an A-number (the full test run)."""
    text = "Her alien registration number is A212-345-678 and her passport\nnumber is 548213977."
    assert removed(text) == [("alien-number", "A212-345-678"), ("passport", "548213977")], removed(text)


# A detection review of three unseen filings (2026-11-27, detect17): wordings the rules missed.


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        # A tax id named "Tax ID", a minor's age given as "turned".
        ("the bakery files its returns under Tax ID No.\n473829104. My", "taxpayer-id", "47382"),
        ("My granddaughter Itzel Ramos, who turned 11 in May, lives with me.", "minor-name", "tzel"),
    ],
)
def test_rule_5_2_identifiers_worded_as_an_unseen_declaration_words_them_are_found(
    text: str, category: str, cut: str
) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The card reader was replaced on 4/9/2024 and 1184 3303 were the invoice pages.",
        "Tax identification is governed by 26 U.S.C. § 6109; see Doc. No. 158.",
        "My daughter Ana, who turned 19 in May, drove.",
        "a single officer was named in the complaint, Case No. 3:24-cv-00917-JO-DDL.",
        "The Court ordered fees of $12,000 an hour later.",
        "It was dark when the officers arrived; the windows were open.",
        "Perceptics, LLC filed its brief on May 3, 2019 (Doc. No. 12); see Kapsch TrafficCom AG, 2019 WL 1234.",
    ],
)
def test_public_sentences_like_those_new_wordings_stay(text: str) -> None:
    found = removed(text)
    assert found == [], found


def test_a_column_of_years_read_by_ocr_is_no_card_number() -> None:
    """A scanned table's years, one under the other ("2014" over "2014" ...), pass Luhn and the
    issuer check: read across line breaks as a card, a real filing's page was refused
    (gov.uscourts.cacd.762751.325.10.pdf). Only a card's name on the line or the line before
    lets a number continue on the next line."""
    assert removed("Fiscal year\n2014\n2014\n2014\n2014\n2015") == []
    assert removed("Fiscal year 2014 closed.\nThe card program was audited.\nYears\n2014\n2014\n2014\n2014") == []
    assert ("credit-card", "4539 7720 1184 3303") in removed("my Visa card, 4539 7720 1184 3303, was copied")


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("They also copied my Visa card, 4539 7720 1184\n3303. The refund", "4539 7720 1184\n3303"),
        ("the card number\n4539 7720\n1184 3303 was on the receipt", "4539 7720\n1184 3303"),
        ("charged to an American Express card 3782\n822463 10005 that day", "3782\n822463 10005"),
    ],
)
def test_a_card_number_the_line_wraps_after_the_cards_name_is_found(text: str, cut: str) -> None:
    assert ("credit-card", cut) in removed(text)


def test_a_card_number_split_over_two_lines_is_gone_from_the_public_pdf(tmp_path) -> None:
    import pymupdf
    from conftest import assert_gone, assert_present

    import redactor

    source = tmp_path / "card.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "5.  They also copied my Visa card, 4539 7720 1184", fontsize=11)
    page.insert_text((72, 108), "3303. See Fed. R. Civ. P. 5.2(a)(4); Doc. No. 158.", fontsize=11)
    doc.save(source)
    public = tmp_path / "public.pdf"
    redactor.redact(source, public)
    assert_gone(public, ["4539 7720 1184", "45397720", "3303"])
    assert_present(public, ["They also copied my Visa card,", "See Fed. R. Civ. P. 5.2(a)(4); Doc. No. 158."])


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        # Counts: two words between a number word and the equipment, and "nine of which are".
        ("fourteen seismic ground sensors run along the fence line.", "fourteen"),
        ("thirty-eight cameras in all, nine of which are pan-tilt-zoom units;", "nine"),
        ("the pan-tilt-zoom units are Bosch MIC IP fusion 9000i cameras.", "Bosch MIC IP fusion 9000i"),
        # Makers of port readers and scanners: license plates, RFID cards, cargo X-ray.
        ("the SENTRI lanes use Perceptics LPR-4000 readers overhead.", "Perceptics LPR-4000"),
        ("the booths read cards with Neology 6204 RFID readers.", "Neology 6204"),
        ("cargo is imaged by a Nuctech MT1213LH portal.", "Nuctech MT1213LH"),
        ("the toll-style gantry holds Kapsch TS-4000 readers.", "Kapsch TS-4000"),
        # Staffing: "only two officers watch", "a single officer staffs"; an outage: "were dark".
        (
            "Between 2300 and 0500 hours only two officers watch the monitors.",
            "Between 2300 and 0500 hours only two officers watch the monitors.",
        ),
        (
            "On Sunday nights a single officer staffs the command center.",
            "On Sunday nights a single officer staffs the command center.",
        ),
        (
            "From June 3 to June 19, 2024, the four cameras in the pedestrian hall were dark after a switch failed.",
            "From June 3 to June 19, 2024, the four cameras in the pedestrian hall were dark after a switch failed.",
        ),
    ],
)
def test_surveillance_facts_worded_as_an_unseen_declaration_words_them_are_found(text: str, cut: str) -> None:
    found = removed(text)
    assert ("surveillance", cut) in found, found


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        # Patch status and an exposed service.
        (
            "In all, 11 of the 27 Windows hosts lacked the March 2024 cumulative update.",
            "cybersecurity",
            "In all, 11 of the 27 Windows hosts lacked the March 2024 cumulative update.",
        ),
        (
            "The NVRs at the cargo lot answer on Telnet (TCP port 23).",
            "cybersecurity",
            "The NVRs at the cargo lot answer on Telnet (TCP port 23).",
        ),
        # A total whose only pricing word is the hourly rate before it, or "billed".
        ("its analysts at $148.25 an hour; the assessment came to $386,412.50 in all.", "cost", "$386,412.50"),
        ("Ironbark billed the agency $96,000 for the retest.", "cost", "$96,000"),
    ],
)
def test_patch_status_exposed_services_and_billed_totals_are_found(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        ("My son Teo's school is Barbara Worth Junior High. Thank you,", "school", "Barbara Worth Junior High"),
        ("My son Teo’s school is Brawley Union High School.", "school", "Brawley Union High School"),
        (
            "the vendor fixed the bypass tracked as CVE-2023-31994 in release 1.41.05, which has not been applied.",
            "cybersecurity",
            "release 1.41.05",
        ),
    ],
)
def test_a_childs_school_and_a_release_named_beside_its_cve_are_found(text: str, category: str, cut: str) -> None:
    found = removed(text)
    assert (category, cut) in found, found


def test_a_release_beside_no_cve_and_a_school_without_a_child_stay() -> None:
    for text in (
        "The Court's Order of July 22, 2024 (Doc. No. 158) cites release 2.1 of the Manual.",
        "Counsel's school is not at issue; she attended law school in 2009.",
    ):
        assert removed(text) == [], removed(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The PTZ camera that covers the SENTRI lanes is mounted atop the light standard at the southwest corner of the SENTRI lot.",
        "Two license plate readers are installed under the canopy above lanes 4 and 5.",
        "A thermal imager is concealed inside the pedestrian hall's ceiling near the exit turnstiles.",
        "The seismic sensors are bolted to the underside of the bridge.",
        # Behind or inside anything, or hidden anywhere: not on a part of a structure.
        "A fixed camera is placed behind the vending machine in the secondary inspection waiting area.",
        "The covert camera in secondary is disguised as a smoke detector above the counter.",
        "Two license plate readers are tucked inside the planters at the exit of the SENTRI lane.",
    ],
)
def test_where_a_camera_is_mounted_told_in_words_takes_the_sentence(sentence: str) -> None:
    """A camera's place with no measure in it ("atop the light standard") was found only as a
    height ("22 feet"): the tenth detection review's declaration kept it public."""
    text = f"6. {sentence} It was replaced in 2023 (Doc. No. 158)."
    assert ("surveillance", sentence) in removed(text), removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cameras are installed at the port, as Doc. No. 158 explains.",
        "The dashboard camera mounted on the patrol car recorded the stop.",
        "The officer's body camera was attached to his vest.",
        "The camera footage was placed in the record (Doc. No. 158) and hidden from no one.",
        "The agency placed the cameras' purchase orders within the fiscal year.",
    ],
)
def test_a_camera_mounted_on_no_part_of_a_structure_stays(text: str) -> None:
    assert removed(text) == [], removed(text)


WEAK_TLS = "The management client negotiates TLS 1.0 with RC4 and 3DES cipher suites."
ESU = "Microsoft support for that release ended in 2023, and no Extended Security Updates were bought for it."
SNMP = 'The reader controller answers SNMPv1 requests with the community string "public" from any address.'
WINDOW = "Telnet on the core switch will be disabled during the August 29, 2025 maintenance window."
ROOT = "SSH on the reader controller permits password login as root."
RTSP = "The RTSP stream on port 554 is served without authentication."
COLON = "The NVR's web login accepts admin:12345."
DELAY = "POA&M item SY-2025-015 has been delayed to 12/15/2025 because the replacement server has not arrived."
SHARED = "The vendor's remote access uses a shared account, svc_tripoint, with a password that never expires."
MFA = "MFA is not enforced for the VMS administrator console."


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        # A scan report's findings: weak encryption offered, support named by the maker only, a secret in
        # quotes with no verb before it, a fix dated by its maintenance window, a switch's host name.
        (WEAK_TLS, "cybersecurity", WEAK_TLS),
        (ESU, "cybersecurity", ESU),
        (SNMP, "cybersecurity", SNMP),
        (WINDOW, "cybersecurity", WINDOW),
        ("The core switch SY-SW-CORE1 was rebooted at noon.", "cybersecurity", "SY-SW-CORE1"),
        (ROOT, "cybersecurity", ROOT),
        (RTSP, "cybersecurity", RTSP),
        (COLON, "cybersecurity", COLON),
        (DELAY, "cybersecurity", DELAY),
        (SHARED, "cybersecurity", SHARED),
        (MFA, "cybersecurity", MFA),
        ("Solution: Upgrade to V5.5.800 build 210628 or later (firmware).", "cybersecurity", "V5.5.800 build 210628"),
        # A contracting officer's call under a BPA, and hours read one cell a line above their rate.
        ("Earlier work was ordered under BPA HSBP1019A00031, call 0004, in 2019.", "contract", "0004"),
        ("Labor Category\nHours\nHourly Rate\nProgram Manager\n1,920\n$214.62", "cost", "1,920"),
        ("Tri-Point's proposal was 0.5% below the IGCE.", "cost", "0.5%"),
        # A detention declaration: a passport named in Spanish, a birth date "as" a form gives it, an
        # address "as" someone gave it.
        ("His Honduran passport, pasaporte No. E384726, expired in 2021.", "passport", "E384726"),
        ("The ORR form lists Josué's date of birth as 7/2/16 and no more.", "birth-date", "7/2/"),
        ("She gave her address as 2210 E. 8th Street, National City, CA 91950.", "home-address", "2210 E. 8th Street,"),
        ("He has a U.S. citizen daughter, Sofía Ruiz, born in San Diego on June 3, 2021.", "minor-name", "ofía"),
        ("The hearing notice gives EOIR: 208-114-593 for him.", "alien-number", "208-114-593"),
    ],
)
def test_a_scan_reports_a_price_schedules_and_a_detention_declarations_wording_is_found(
    text: str, category: str, cut: str
) -> None:
    found = removed(text)
    assert (category, cut) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The ceiling of the IDIQ, as published on SAM.gov, is $49,500,000.",
        "I received a call 0230 hours from the watch commander about the camera.",
        "Her nursing certificate that expired was renewed through the state system.",
        "The officers followed broken protocols at the detention system.",
        "The switch statement broke the build 42 times.",
        "The records were admitted without authentication by the system's custodian.",
        "The court's system allows anonymous access to public dockets.",
        "The trial was delayed to May 2026 while the system was repaired.",
        "Orders under FAR Subpart 8.4 need no IGCE above 10 percent of the schedule price.",
        # A criminal judgment's payment address (gov.uscourts.cacd.649554.1409.0.pdf).
        "Attn: Fiscal Department\n255 East Temple Street, Room 1178\nLos Angeles, CA 90012\nor such other address as "
        "the Court may in future direct.",
    ],
)
def test_public_sentences_like_a_scan_reports_and_a_price_schedules_stay(text: str) -> None:
    found = removed(text)
    assert found == [], found


def test_a_pleadings_line_number_above_an_amount_is_no_hours() -> None:
    """A pleading's line numbers stand alone on their lines: "12" over "$4,500" is no labor hours."""
    found = removed("The firm billed 40 hours for the motion.\n12\n$4,500 was paid.")
    assert not [cut for _, cut in found if "12" in cut], found


def test_a_host_name_inside_a_sentence_taken_whole_is_found_where_it_stands_alone() -> None:
    """The switch's name went with its sentence (default password), and the same name in the next
    paragraph, with no device word before it, stayed."""
    text = (
        "The core switch SY-SW-CORE1 still uses the vendor default password.\n\n"
        "On Friday the team met to plan the work. Staff will log in to SY-SW-CORE1 on Monday."
    )
    found = removed(text)
    assert ("cybersecurity", "SY-SW-CORE1") in found, found
    assert ("cybersecurity", "The core switch SY-SW-CORE1 still uses the vendor default password.") in found, found


def test_an_adult_child_born_in_a_city_keeps_the_name() -> None:
    """A son "born in Tijuana on" a date eighteen years ago or more is an adult: his birth date
    loses its day and month, his name stays."""
    found = removed("He has a son, John Smith, born in Tijuana on March 3, 1990.")
    assert ("birth-date", "March 3,") in found, found
    assert not [cut for category, cut in found if category == "minor-name"], found


# The twelfth detection review (detect19): a biometric entry/exit pilot's declaration, an after-action report
# of a camera outage, and a declaration naming detainees and their families.
SCAN_COUNTS = "A Nessus scan of the camera VLAN reported 37 critical and 112 high findings on 14 hosts."
BLACK_TILES = "The command center officer sees black tiles on the video wall and calls the TMD on-call line."
NO_LONGER = "NVR cxw-nvr-03 stops writing to its storage array; 38 feeds are no longer recorded."
BLIND_HOURS = (
    "For 6 hours and 41 minutes, lanes 3 through 10 and the pedestrian exit had no recorded video, and the command "
    "center saw live video from only 23 cameras."
)


@pytest.mark.parametrize(
    ("text", "category", "cut"),
    [
        # What the README's Known limits listed as not found.
        ("ICE booked him on April 18, 2025, under booking number 2025-0418873. His", "government-id", "2025-0418873"),
        ("Ms. Tun was booked under booking no. 25-0522619. Her", "government-id", "25-0522619"),
        ("His Honduran passport, No. HND-E384726, is held by ICE.", "passport", "HND-E384726"),
        ("Their children are Mateo R., DOB 04/11/2016, and Camila.", "minor-name", "ateo"),
        (
            "Luis calls every Sunday, and the number he gave the facility is 52 664 123 4567.",
            "phone",
            "52 664 123 4567",
        ),
        (
            "Her sister and sponsor, Flor de Maria Tun Chavez, of 915 Cypress Way, Escondido, CA 92025, Tel.\n"
            "760-555-0162, deposits funds.",
            "phone",
            "760-555-0162",
        ),
        (
            "Her sister and sponsor, Flor Tun, of 915 Cypress Way, Escondido, CA 92025.",
            "home-address",
            "915 Cypress Way,",
        ),
        (
            "Under Task Order 70B03C25F00000418, the vendor proposed 14,400 hours of installation and integration labor.",
            "cost",
            "14,400",
        ),
        (SCAN_COUNTS, "cybersecurity", "37"),
        (SCAN_COUNTS, "cybersecurity", "112"),
        (SCAN_COUNTS, "cybersecurity", "14"),
        # An after-action report's wording of an outage, a Cisco release, an amount broken down after "of which".
        (BLACK_TILES, "surveillance", BLACK_TILES),
        (NO_LONGER, "surveillance", NO_LONGER),
        ("Recording resumed at 0853. " + BLIND_HOURS, "surveillance", BLIND_HOURS),
        ("The access switch runs Cisco IOS 15.2(4)E10 today.", "cybersecurity", "Cisco IOS 15.2(4)E10"),
        (
            "The Pilot's budget for fiscal years 2025 and 2026 is $3,412,600, of which $1,186,000 is for readers and "
            "cameras and $742,500 is for installation.",
            "cost",
            "$742,500",
        ),
    ],
)
def test_a_biometric_pilots_an_outage_reports_and_a_detention_declarations_wording_is_found(
    text: str, category: str, cut: str
) -> None:
    found = removed(text)
    assert (category, cut) in found, found


def test_a_child_named_with_an_initial_is_found_where_the_given_name_stands_alone() -> None:
    found = removed("Their children are Mateo R., DOB 04/11/2016, and Camila. Mateo attends Kimball Elementary School.")
    assert [cut for category, cut in found if category == "minor-name"] == ["ateo", "ateo"], found
    assert ("birth-date", "04/11/") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The facility's general number, (619) 661-6500, is listed on ICE's website.",
        "My mother retired in 2019. Contact the U.S. Attorney's Office, Tel. (619) 546-7000.",
        "Plaintiff's mother, Jane Doe, may be reached through counsel, Tel. (213) 555-1212.",
        "Counsel estimated 40 hours of attorney time for the motion.",
        "The officer had no recorded video of the stop.",
        "The Court made 3 high-level findings after the hearing.",
        "The booking process took 45 minutes at the jail.",
        "His passport for 123456789 reasons was lost.",
        "Adult son John R., DOB 04/11/1976, was present.",
    ],
)
def test_public_sentences_like_a_pilots_an_outage_reports_and_a_detention_declarations_stay(text: str) -> None:
    found = removed(text)
    assert not [cut for category, cut in found if category != "birth-date"], found


def test_a_heading_above_a_sentence_a_rule_takes_stays() -> None:
    """A heading, "REMEDIATION" alone on its line, went with the sentence under it, the rule's own word
    being the heading's (the reviews' lists)."""
    sentence = "The NVRs will be replaced and the VMS upgraded to XProtect 2024 R1 by March 31, 2026."
    found = removed("No one checked the status page.\nREMEDIATION\n" + sentence + "\nLESSONS LEARNED\nAlarms now page.")
    assert ("cybersecurity", sentence) in found, found
    assert not [cut for _, cut in found if "REMEDIATION" in cut], found


def test_a_match_that_starts_in_a_heading_keeps_the_heading() -> None:
    """A heading above a sentence is left out of the sentence's cut only when the match begins
    below it: a match running from a line in capitals into the next would otherwise leave its
    first words on the public page (merging the detect19 review)."""
    from redactor.detect import sentence_bounds

    text = "Intro.\nLANE 7 CAMERA\nThe camera has been down since May."
    start = text.index("CAMERA")
    lo, hi = sentence_bounds(text, start, text.index("down") + 4, len(text))
    assert lo <= start and text[lo:hi].startswith("LANE 7 CAMERA"), text[lo:hi]
    later = text.index("down")
    assert text[slice(*sentence_bounds(text, later, later + 4, len(text)))].startswith("The camera")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Intro. The cameras in lanes 3 and 4 do not record at night (Dkt. 57 at 4). Next.",
            "The cameras in lanes 3 and 4 do not record at night",
        ),
        (
            "Intro. The stairwell is not covered by any camera (Fortunato Decl. ¶ 9). Next.",
            "The stairwell is not covered by any camera",
        ),
        # Inside the sentence a reference still goes with it: a piece of a sentence is held to the whole file.
        (
            "Intro. As I explained (ECF No. 41-2, ¶ 6), the readers cannot read plates on box trucks. Next.",
            "As I explained (ECF No. 41-2, ¶ 6), the readers cannot read plates on box trucks.",
        ),
    ],
)
def test_a_reference_to_the_record_ending_a_sentence_a_rule_takes_stays(text: str, sentence: str) -> None:
    found = removed(text)
    assert ("surveillance", sentence) in found, found
