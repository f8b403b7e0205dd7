"""Validators weed out look-alikes."""

from __future__ import annotations

from redactor import validators


def test_luhn() -> None:
    assert validators.luhn("4111 1111 1111 1111")
    assert not validators.luhn("4111 1111 1111 1112")
    assert not validators.luhn("1234")


def test_ssn_rules() -> None:
    assert validators.ssn("512-43-8817")
    for invalid in ("000-12-3456", "666-12-3456", "912-34-5678", "512-00-1234", "512-43-0000"):
        assert not validators.ssn(invalid), invalid


def test_ip_addresses() -> None:
    assert validators.ip_address("10.24.8.15")
    assert validators.ip_address("fe80::1ff:fe23:4567:890a")
    assert not validators.ip_address("300.1.1.1")


def test_dates() -> None:
    assert validators.valid_date("March 14, 1978")
    assert not validators.valid_date("February 30, 1978")
    assert not validators.valid_date("March 14, 2999")


def test_government_email_is_public() -> None:
    assert validators.not_government_email("m.ortega.family@gmail.com")
    assert not validators.not_government_email("jane.collins@usdoj.gov")


def test_north_american_numbers() -> None:
    assert validators.nanp("6195550143")
    assert validators.nanp("16195550143")
    # Toll-free numbers (800, 877, ...) are a business's or an agency's, never a person's own.
    for invalid in ("0195550143", "1195550143", "6190550143", "9115550143", "619555014", "18772275511", "8003755283"):
        assert not validators.nanp(invalid), invalid
