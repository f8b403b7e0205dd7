"""The signed manifest of a package: what every file is, its size and SHA-256, and an index of
the redactions without their text. Schema documented in docs/package.md.

Signing: each package is signed with a fresh Ed25519 key whose private half is
discarded right after signing, so nobody (the filer included) can re-sign an
altered package with the same key. The public key is in the manifest and its
fingerprint is printed on the sealing chart that is filed with the court, which
anchors the package to the public record: a package re-signed after tampering
carries another fingerprint. The signature is the raw 64 bytes of
`manifest.json.sig` over the exact bytes of `manifest.json`, so `openssl
pkeyutl -verify -rawin` can check it too.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SCHEMA = "redactor-manifest/2"
SCHEMA_1 = "redactor-manifest/1"  # listed each sealed plaintext's SHA-256; still read, never written
READABLE = (SCHEMA, SCHEMA_1)
RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"


def fingerprint(public_raw: bytes) -> str:
    """The key's fingerprint as SSH prints one: SHA256 of the raw key, base64 without padding."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(public_raw).digest()).decode().rstrip("=")


class OneTimeKey:
    """A signing key that lives only as long as this object: made for one package, used to
    sign its manifest, then dropped with it."""

    def __init__(self) -> None:
        self._key = Ed25519PrivateKey.generate()
        public = self._key.public_key()
        self.public_raw = public.public_bytes(*RAW)
        self.public_pem = public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()
        self.fingerprint = fingerprint(self.public_raw)

    def sign(self, manifest: dict[str, Any]) -> tuple[bytes, bytes]:
        """The manifest's bytes, with this key's public half in them, and their signature."""
        manifest["signature"] = {
            "algorithm": "Ed25519",
            "public_key": base64.b64encode(self.public_raw).decode(),
            "public_key_pem": self.public_pem,
            "fingerprint": self.fingerprint,
            "signature_file": SIGNATURE,
        }
        data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        return data, self._key.sign(data)


def check_signature(data: bytes, signature: bytes) -> tuple[dict[str, Any] | None, str]:
    """The manifest and its key's fingerprint if `signature` is valid for `data`; else None and
    what is wrong. Whether its fields are usable is `shape_problem`'s question."""
    try:
        manifest = _loads(data)
        block = manifest["signature"]
        raw = base64.b64decode(block["public_key"], validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
        disagreeing = _disagreeing_key_field(block, raw)
    except InvalidSignature:
        return None, "manifest.json was altered: its signature does not match"
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None, "manifest.json is damaged or not a redactor manifest"
    if disagreeing:
        return None, f"manifest.json's signature.{disagreeing} is not that of the key it is signed with"
    if manifest.get("schema") not in READABLE:
        return None, f"manifest.json has an unknown schema {manifest.get('schema')!r} (this redactor reads {SCHEMA})"
    return manifest, fingerprint(raw)


FIELDS = {"case": str, "court": dict, "encryption": dict, "files": list, "documents": list}
FILE_FIELDS = {"path": str, "role": str, "size": int, "sha256": str}
DOCUMENT_FIELDS = {"name": str, "original": str, "public": str}
NESTED_FIELDS = {"court": {"name": str}, "encryption": {"passphrase": bool, "recipients": list}}


def read_unsigned(data: bytes) -> dict[str, Any] | None:
    """The manifest without trusting its signature (to name altered files too), or None if it is
    not JSON at all."""
    try:
        return _loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None


def _loads(data: bytes) -> Any:
    """The manifest's JSON, refusing a key given twice in one object (ValueError): Python keeps the
    last, other readers the first, so one signed manifest could name two sets of files."""
    return json.loads(data.decode("utf-8"), object_pairs_hook=_unique_keys)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key is given twice in one object")
    return result


def shape_problem(manifest: Any) -> str | None:
    """What makes `manifest` unusable, or None. Every field `verify` reads is checked here, once,
    so that a damaged or hostile manifest fails in one line, signed or not."""
    if not isinstance(manifest, dict):
        return "it is not a JSON object"
    problem = _wrong_field(manifest, FIELDS, "")
    for key, fields in NESTED_FIELDS.items():
        problem = problem or _wrong_field(manifest.get(key), fields, key)
    if problem:
        return problem  # the lists below may not be lists
    for index, entry in enumerate(manifest.get("files", [])):
        problem = problem or _wrong_field(entry, FILE_FIELDS, f"files[{index}]")
    for index, entry in enumerate(manifest.get("documents", [])):
        problem = problem or _wrong_field(entry, DOCUMENT_FIELDS, f"documents[{index}]")
    return problem


def _wrong_field(value: Any, fields: dict[str, type], where: str) -> str | None:
    if not isinstance(value, dict):
        return f"{where} is not an object"
    for key, kind in fields.items():
        if type(value.get(key)) is not kind:  # exactly: a bool is no size
            return f"{f'{where}.' if where else ''}{key} is missing or not {_KIND_NAMES[kind]}"
    return None


_KIND_NAMES = {str: "a string", int: "an integer", bool: "true or false", list: "a list", dict: "an object"}


def _disagreeing_key_field(block: dict[str, Any], raw: bytes) -> str | None:
    """The field of the signature block, if any, that names another key than `public_key`: someone
    checking by hand (openssl with the PEM, or the fingerprint by eye) would trust it instead."""
    if block.get("fingerprint") != fingerprint(raw):
        return "fingerprint"
    try:
        pem = serialization.load_pem_public_key(str(block.get("public_key_pem")).encode())
    except (ValueError, TypeError):
        return "public_key_pem"
    if not isinstance(pem, Ed25519PublicKey) or pem.public_bytes(*RAW) != raw:
        return "public_key_pem"
    return None
