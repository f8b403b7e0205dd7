"""Encryption of the sealed part of a package, in the age format (age-encryption.org/v1).

Why age: it is a small, documented, authenticated format (X25519 or scrypt key
wrapping, ChaCha20-Poly1305 payload) with an independent command-line tool in
every Linux distribution, Homebrew and Windows package managers, so a sealed
original can be opened in ten years without this program: `age -d`. It has
both things a filing needs: a memory-hard passphrase (scrypt) and public-key
recipients, so co-counsel or the court can open a package with their own key.

Keys of a package:
- Recipients (`age1...` X25519 public keys, or SSH public keys): every sealed
  file is encrypted to each of them.
- A passphrase: age allows a passphrase only as the sole recipient of a file,
  and scrypt costs about a second per file on purpose. So a package sealed
  with a passphrase gets a fresh X25519 identity of its own; every sealed file
  is encrypted to it (and to any recipients), and the identity itself is
  encrypted with the passphrase as `sealed/package-key.age`. Opening by hand:
  `age -d -o key.txt sealed/package-key.age`, then `age -d -i key.txt FILE.age`.
"""

from __future__ import annotations

import base64
import contextlib
import os
from pathlib import Path

import pyrage
from pyrage import ssh, x25519

from redactor.errors import BadArguments, OutputNotWritable, PackageInvalid, WrongKey
from redactor.pdfio import not_a_file

Recipient = x25519.Recipient | ssh.Recipient
Identity = x25519.Identity | ssh.Identity


def parse_recipients(values: list[str]) -> list[tuple[str, Recipient]]:
    """Public keys given on the command line, each a key or a file of keys (one per line)."""
    keys: list[tuple[str, Recipient]] = []
    for value in values:
        path = Path(value)
        lines = _key_lines(path.read_text(encoding="utf-8-sig")) if path.is_file() else [value.strip()]
        if not lines:
            raise BadArguments(f"no public key in {path}")
        for number, line in enumerate(lines, start=1):
            where = f"line {number} of {path}" if path.is_file() else "a --recipient value"
            keys.append((line, _recipient(line, where)))
    return keys


def _recipient(text: str, where: str) -> Recipient:
    """The public key `text`; never quoted in an error: a file given by mistake (the terms
    file, a passphrase file) would print its first line."""
    try:
        if text.startswith("age1"):
            return x25519.Recipient.from_str(text)
        if text.startswith(("ssh-ed25519 ", "ssh-rsa ")):
            return ssh.Recipient.from_str(text)
    except pyrage.RecipientError:
        pass
    if text.startswith("AGE-SECRET-KEY-") or "PRIVATE KEY" in text:
        raise BadArguments(
            f'{where} is a private key: keep it secret and give its public key (the "public key:" line '
            "that redactor keygen printed, or the .pub file of an SSH key)"
        )
    raise BadArguments(f"{where} is not an age public key (age1...) or an SSH public key (ssh-ed25519 or ssh-rsa)")


def load_identities(paths: list[Path]) -> list[Identity]:
    """Private keys from age identity files (`age-keygen` or `redactor keygen`) or SSH key files."""
    identities: list[Identity] = []
    for path in paths:
        kind = not_a_file(Path(path), pipes=True)
        if kind:
            raise BadArguments(f"key file {path} is {kind}")
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            raise BadArguments(f"cannot read key file {path}: {error.strerror or error}") from error
        try:
            if b"PRIVATE KEY-----" in raw:
                if _passphrase_protected(raw):
                    raise BadArguments(
                        f"{path} is an SSH key protected by a passphrase, which redactor cannot unlock: open "
                        "the package with age (age -d -i KEY, as data/HOW-TO-OPEN.txt shows), which asks for it"
                    )
                identities.append(ssh.Identity.from_buffer(raw))
                continue
            lines = _key_lines(raw.decode("utf-8-sig"))  # Notepad may begin a file with a byte-order mark
            identities += [x25519.Identity.from_str(line) for line in lines if line.startswith("AGE-SECRET-KEY-")]
        except (pyrage.IdentityError, UnicodeDecodeError, ValueError) as error:
            raise BadArguments(f"{path} is not an age identity or SSH private key file") from error
        if not identities:
            raise BadArguments(f"no private key in {path}")
    return identities


def _passphrase_protected(raw: bytes) -> bool:
    """Whether an SSH private key is encrypted: OpenSSH's format names its cipher ("none" when
    not), the older PEM format says "ENCRYPTED" in its headers."""
    if b"ENCRYPTED" in raw:
        return True
    body = b"".join(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith(b"-----"))
    try:
        decoded = base64.b64decode(body, validate=False)
    except ValueError:
        return False
    return decoded.startswith(b"openssh-key-v1\x00") and decoded[19:23] != b"none"


def _package_identity(opened: bytes) -> list[Identity]:
    """The package key that the passphrase opened. Anyone who knows the passphrase can seal
    something else in its place: that is a damaged package, not a wrong key nor a crash."""
    try:
        keys = [x25519.Identity.from_str(line) for line in _key_lines(opened.decode("utf-8"))]
    except (UnicodeDecodeError, pyrage.IdentityError):
        keys = []
    if not keys:
        raise PackageInvalid("sealed/package-key.age opens with the passphrase but holds no age key: it is damaged")
    return keys


def _key_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def new_identity() -> tuple[str, str]:
    """A fresh age identity file's text and its public key (what `age-keygen` writes)."""
    identity = x25519.Identity.generate()
    public = str(identity.to_public())
    return f"# public key: {public}\n{identity}\n", public


def write_identity(path: Path) -> str:
    """Write a fresh identity file at `path`, which must not exist (a key is never overwritten),
    readable by its owner only; return its public key. On a full disk or an interruption no
    file is left: an empty key file would stand in for the key, and keygen refuses to replace one."""
    text, public = new_identity()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise OutputNotWritable(f"cannot write {path}: {error.strerror or error}") from error
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(path)
        if isinstance(error, OSError):
            raise OutputNotWritable(f"cannot write {path}: {error.strerror or error}") from error
        raise
    return public


class Sealer:
    """Encrypts sealed files to the package's recipients."""

    def __init__(self, recipients: list[tuple[str, Recipient]], passphrase: str | None) -> None:
        if not recipients and not passphrase:
            raise BadArguments("a sealed package needs a passphrase or at least one --recipient")
        self.recipient_keys = [text for text, _ in recipients]
        self._recipients: list[Recipient] = [key for _, key in recipients]
        self.package_key: bytes | None = None  # the package identity, encrypted with the passphrase
        if passphrase:
            identity = x25519.Identity.generate()
            self._recipients.append(identity.to_public())
            self.package_key = pyrage.passphrase.encrypt(f"{identity}\n".encode(), passphrase)

    def seal(self, data: bytes) -> bytes:
        return pyrage.encrypt(data, self._recipients)


class Opener:
    """Decrypts sealed files with the identities given, or the passphrase's package identity."""

    def __init__(self, identities: list[Identity], passphrase: str | None, package_key: bytes | None) -> None:
        self._identities = list(identities)
        self.opened_package_key = False  # the passphrase opened package-key.age: the key is right
        if passphrase is not None and package_key is None and identities:
            passphrase = None  # REDACTOR_PASSPHRASE left set from packaging: the identity given opens it
        if passphrase is not None:
            if package_key is None:
                raise BadArguments("this package was not sealed with a passphrase; give --identity")
            try:
                opened = pyrage.passphrase.decrypt(package_key, passphrase)
            except pyrage.DecryptError as error:
                raise WrongKey("the passphrase does not open this package") from error
            self._identities += _package_identity(opened)
            self.opened_package_key = True
        if not self._identities:
            raise BadArguments("give --passphrase-file or --identity to open the sealed part")

    def open(self, data: bytes, name: str) -> bytes:
        try:
            return pyrage.decrypt(data, self._identities)
        except pyrage.DecryptError as error:
            if "no matching keys" in str(error).lower():
                raise WrongKey(f"the key given does not open {name}") from error
            raise PackageInvalid(f"{name} is damaged: it does not decrypt") from error
