"""Checks that turn a pattern's candidate into a finding or throw it away.

A policy names these by key (`validators = ["luhn"]`). Each takes the matched
value and returns True when it is plausibly what the rule is looking for.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from datetime import date

from dateutil import parser as date_parser

_NON_DIGITS = re.compile(r"\D")


def luhn(value: str) -> bool:
    """Payment card numbers: 13 to 19 digits whose Luhn checksum is valid."""
    digits = _NON_DIGITS.sub("", value)
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def card_issuer(value: str) -> bool:
    """A payment card's issuer prefix fits its length: 15 digits are American Express (34, 37),
    14 Diners Club (30, 36, 38, 39), 13 an old Visa (4), 16 to 19 start with 2 to 6. A phone's
    IMEI (15 digits, Luhn-valid, "35...") and the digits of a DOI are not cards (precision review)."""
    digits = _NON_DIGITS.sub("", value)
    if len(digits) == 15:
        return digits[:2] in ("34", "37")
    if len(digits) == 14:
        return digits[:2] in ("30", "36", "38", "39")
    if len(digits) == 13:
        return digits[0] == "4"
    return 16 <= len(digits) <= 19 and digits[0] in "23456"


def ssn(value: str) -> bool:
    """Social Security numbers as the SSA issues them: no 000, 666 or 9xx area, no 00 group, no 0000 serial."""
    digits = _NON_DIGITS.sub("", value)
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def itin(value: str) -> bool:
    """Individual taxpayer identification numbers: 9xx with a group of 50-65, 70-88, 90-92 or 94-99."""
    digits = _NON_DIGITS.sub("", value)
    if len(digits) != 9 or digits[0] != "9":
        return False
    group = int(digits[3:5])
    return 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99


def ipv4(value: str) -> bool:
    """A dotted quad that is a real address (each part 0-255), not a version number like 1.2.3.4.5."""
    address = value.split("/")[0]
    try:
        parsed = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    return not parsed.is_unspecified


def ip_address(value: str) -> bool:
    """Any IPv4 or IPv6 address."""
    address = value.split("/")[0].strip("[]")
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def valid_date(value: str) -> bool:
    """A calendar date that exists and lies between 1900 and today (birth dates). A two-digit
    year is the latest such year not after today: "4/9/71" is 1971 (the parser's own rule, 50
    years either side of today, read it as 2071 and the birth date was thrown away)."""
    return _past_date(value) is not None


def minor_birth_date(value: str) -> bool:
    """A birth date less than eighteen years before today: its person is a minor."""
    parsed = _past_date(value)
    if parsed is None:
        return False
    today = date.today()
    return (today.year - parsed.year) - ((today.month, today.day) < (parsed.month, parsed.day)) < 18


def adult_birth_date(value: str) -> bool:
    """A date eighteen years or more before today: as a birth date, an adult's."""
    return _past_date(value) is not None and not minor_birth_date(value)


# Spanish month names, as a translated declaration keeps them ("14 de abril de 1991"; accents are folded away).
_SPANISH_MONTHS = {
    "enero": "January", "febrero": "February", "marzo": "March", "abril": "April", "mayo": "May",
    "junio": "June", "julio": "July", "agosto": "August", "septiembre": "September",
    "setiembre": "September", "octubre": "October", "noviembre": "November", "diciembre": "December",
}  # fmt: skip
_SPANISH_DATE = re.compile(r"\b(?:de(?:l)?\s+)?(" + "|".join(_SPANISH_MONTHS) + r")\b(?:\s+de(?:l)?\b)?", re.IGNORECASE)


def _past_date(value: str) -> date | None:
    value = _SPANISH_DATE.sub(lambda m: " " + _SPANISH_MONTHS[m.group(1).lower()] + " ", value)
    try:
        parsed = date_parser.parse(value, default=_DEFAULT_DAY, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None
    if parsed > date.today() and str(parsed.year) not in value:
        try:
            parsed = parsed.replace(year=parsed.year - 100)
        except ValueError:  # 29 February of a year that is no leap year
            return None
    return parsed if date(1900, 1, 1) <= parsed <= date.today() else None


_DEFAULT_DAY = date_parser.parse("2000-01-01")

_GOVERNMENT_DOMAINS = (".gov", ".mil", ".fed.us")


def not_government_email(value: str) -> bool:
    """Personal e-mail: government addresses (.gov, .mil) are official contact details, not identifiers."""
    domain = value.rsplit("@", 1)[-1].lower().rstrip(".")
    return not domain.endswith(_GOVERNMENT_DOMAINS)


def has_digit(value: str) -> bool:
    """Identifiers such as contract and model numbers carry at least one digit."""
    return any(c.isdigit() for c in value)


# Toll-free area codes: a business's or an agency's published line, never a person's own number
# (a review found "call the CBP Information Center toll-free at 1-877-227-5511" taken as personal).
TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})


def nanp(value: str) -> bool:
    """North American telephone numbers: ten digits (or 1 and ten) whose area code and exchange
    start with 2 to 9, and whose area code is not a service code such as 911 nor toll-free."""
    digits = _NON_DIGITS.sub("", value)
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) != 10:
        return False
    area, exchange = digits[:3], digits[3:6]
    return area[0] in "23456789" and exchange[0] in "23456789" and area[1:] != "11" and area not in TOLL_FREE


_CENTRAL_AMERICAN = re.compile(r"\(50[2-7]\)\s?\d{4}[ .-]?\d{4}")


def phone_digits(value: str) -> bool:
    """A telephone number anywhere: North American, or eight to fifteen digits after a "+"
    (ITU-T E.164 allows fifteen with the country code), or a Central American number with its
    country code in brackets ("(504) 9781-2256": eight digits, where North America has seven)."""
    if _CENTRAL_AMERICAN.fullmatch(value):
        return True
    if not value.startswith("+") or value.startswith("+1"):
        return nanp(value)
    return 8 <= len(_NON_DIGITS.sub("", value)) <= 15


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn,
    "card-issuer": card_issuer,
    "ssn": ssn,
    "itin": itin,
    "ipv4": ipv4,
    "ip": ip_address,
    "date": valid_date,
    "minor-birth-date": minor_birth_date,
    "personal-email": not_government_email,
    "has-digit": has_digit,
    "nanp": nanp,
    "phone-digits": phone_digits,
}
