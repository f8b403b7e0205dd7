"""Sealed packages: a three-document filing packaged, verified, tampered with and unsealed; the
sealed part opened by the independent `age` tool, the signature checked by `openssl`, the bag by
the `bagit` validator; the sealing chart's page and line numbers checked against the layout of
the pleading paper; and no sensitive string anywhere in the package outside the encrypted files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import bagit
import pymupdf
import pyrage
import pytest
from conftest import (
    FIXTURES,
    all_sensitive,
    answer_on_terminal,
    assert_gone,
    assert_present,
    content,
    display_directions,
    extractions,
    found_in,
)
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer

import redactor
from redactor.errors import (
    BadArguments,
    ExitCode,
    OutputNotWritable,
    PackageInvalid,
    VerificationFailed,
    WrongKey,
)
from redactor.manifest import SCHEMA_1, OneTimeKey
from redactor.package import package, unseal, verify_package
from redactor.pdfio import sha256
from redactor.seal import load_identities, new_identity

PASSPHRASE = "correct horse battery staple"
DOCUMENTS = {name: FIXTURES / path for name, path in content.FILING.items()}
SENSITIVE = {
    "declaration": all_sensitive(content.SENSITIVE),
    **content.FILING_SENSITIVE,
}
PUBLIC = {"declaration": content.PUBLIC, **content.FILING_PUBLIC}


def needs(tool: str) -> None:
    """Skip when an independent tool is missing on a developer's machine; fail in CI, which installs it."""
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is not installed; .ci/run installs it")
        pytest.skip(f"{tool} is not installed (Debian: apt-get install {tool})")


@pytest.fixture(scope="module")
def filing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Private copies of the three documents of the filing, and the terms file."""
    folder = tmp_path_factory.mktemp("filing")
    for path in DOCUMENTS.values():
        shutil.copy(path, folder / path.name)
    shutil.copy(FIXTURES / "sample" / "terms.txt", folder / "terms.txt")
    return folder


def inputs(filing: Path) -> list[Path]:
    return [filing / path.name for path in DOCUMENTS.values()]


@pytest.fixture(scope="module")
def sealed(filing: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The filing packaged with a passphrase (and zipped); tests copy it before tampering."""
    out = tmp_path_factory.mktemp("package") / "sealed"
    package(inputs(filing), out, terms=filing / "terms.txt", passphrase=PASSPHRASE, case="3:19-cv-01234", make_zip=True)
    return out


def copy_of(package_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(package_dir, target)
    return target


def public_pdf(package_dir: Path, name: str) -> Path:
    return package_dir / "data" / "public" / f"{name}.pdf"


# --- the whole flow -------------------------------------------------------------------------------


def test_package_verifies_and_unseals_to_byte_identical_originals(sealed: Path, filing: Path, tmp_path: Path) -> None:
    check = verify_package(sealed, passphrase=PASSPHRASE)
    assert check.passed, check.problems
    assert check.sealed_opened and check.documents_leak_checked == 3
    unsealed = unseal(sealed, tmp_path / "unsealed", passphrase=PASSPHRASE)
    assert unsealed.fingerprint == check.fingerprint
    names = {path.name for path in unsealed.files}
    for original in inputs(filing):
        assert (tmp_path / "unsealed" / original.name).read_bytes() == original.read_bytes()
        assert f"{original.stem}.highlighted.pdf" in names and f"{original.stem}.redactions.json" in names
    assert "reference-list.json" in names
    if os.name == "posix":  # unredacted: the owner's alone, as plans are (UX review, 2026-11-26)
        assert {path.stat().st_mode & 0o777 for path in unsealed.files} == {0o600}


def test_inputs_are_untouched(sealed: Path, filing: Path) -> None:
    for original in inputs(filing):
        assert original.read_bytes() == DOCUMENTS[original.stem].read_bytes()


def test_public_versions_leak_nothing_keep_public_text_and_carry_the_legend(sealed: Path) -> None:
    for name in DOCUMENTS:
        path = public_pdf(sealed, name)
        assert_gone(path, SENSITIVE[name])
        assert_present(path, PUBLIC[name])
        assert_present(path, ["PUBLIC REDACTED VERSION"])


def test_the_legend_reads_left_to_right_on_pages_turned_by_rotate(tmp_path: Path) -> None:
    """Landscape exhibits are often portrait pages with /Rotate: the legend must read upright as the
    page is displayed, at its top, whichever way the page is turned (read back by pdfminer)."""
    import pymupdf

    from redactor.removal import stamp_legend

    source = tmp_path / "turned.pdf"
    with pymupdf.open() as doc:
        for rotation in (0, 90, 180, 270):
            doc.new_page().set_rotation(rotation)
        stamp_legend(doc, "PUBLIC REDACTED VERSION")
        doc.save(source)
    assert display_directions(source, "PUBLIC REDACTED VERSION") == [(1.0, 0.0)] * 4
    with pymupdf.open(source) as doc:
        for page in doc:
            found, *_ = page.search_for("PUBLIC REDACTED VERSION")
            x0, y0, x1, y1 = found * page.rotation_matrix  # as displayed
            assert y1 < 30 and abs((x0 + x1) / 2 - page.rect.width / 2) < 2, page.rotation


def test_values_found_in_one_document_are_redacted_in_all(sealed: Path, filing: Path) -> None:
    brief = filing / "supplemental_brief.pdf"
    alone = {r.text for r in redactor.scan(brief, terms=filing / "terms.txt").redactions}
    # Alone, the brief gives no rule the context to find these values ...
    assert not [v for v in content.CROSS_DOCUMENT if any(v in text for text in alone)]
    # ... in the filing, the declaration's findings carry over.
    assert_gone(public_pdf(sealed, "supplemental_brief"), content.CROSS_DOCUMENT)
    manifest = json.loads((sealed / "data" / "manifest.json").read_text())
    brief_index = next(d for d in manifest["documents"] if d["name"] == "supplemental_brief")
    assert sum(1 for r in brief_index["redactions"] if r["source"] == "filing") >= len(content.CROSS_DOCUMENT)


def test_one_reference_per_distinct_value_across_the_filing(sealed: Path, tmp_path: Path) -> None:
    unseal(sealed, tmp_path / "u", passphrase=PASSPHRASE)
    listing = json.loads((tmp_path / "u" / "reference-list.json").read_text())
    entry = next(e for e in listing["entries"] if "Daniel Ortega" in e["text"])
    assert {place["document"] for place in entry["places"]} == {"declaration.pdf", "supplemental_brief.pdf"}
    keys = [re.sub(r"\W", "", e["text"].lower()) for e in listing["entries"]]
    assert len(keys) == len(set(keys))


def test_highlighted_copies_keep_every_word_legible(sealed: Path, tmp_path: Path) -> None:
    unseal(sealed, tmp_path / "u", passphrase=PASSPHRASE)
    highlighted = tmp_path / "u" / "declaration.highlighted.pdf"
    assert_present(highlighted, content.PUBLIC + ["46 fixed cameras", "CVE-2019-12345", "HSBP1017C00045"])
    assert_present(highlighted, ["UNREDACTED VERSION OF DOCUMENT SOUGHT TO BE SEALED"])


def test_public_versions_pass_check(sealed: Path) -> None:
    from redactor.audit import audit

    for name in DOCUMENTS:
        report = audit(public_pdf(sealed, name))
        assert not report.at_least("warning"), [p.as_dict() for p in report.at_least("warning")]


# --- nothing sensitive outside the encrypted files -----------------------------------------------


def test_no_sensitive_string_anywhere_outside_the_encrypted_files(sealed: Path) -> None:
    values = [v for name in DOCUMENTS for v in SENSITIVE[name]]
    zipped = sealed.with_name(sealed.name + ".zip")
    files = [(str(p.relative_to(sealed)), p.read_bytes()) for p in sealed.rglob("*") if p.is_file()]
    with zipfile.ZipFile(zipped) as archive:
        files += [(f"zip:{n}", archive.read(n)) for n in archive.namelist()]
    checked = 0
    for name, data in files:
        if name.endswith(".age"):
            assert data.startswith(b"age-encryption.org/v1\n"), name
            continue
        text = data.decode("latin-1")
        leaked = [v for v in values if found_in(v, text, squeeze=False)]
        assert not leaked, f"{name} holds {leaked}"
        if name.endswith(".pdf"):
            for tool, extracted in extractions_of(data, name).items():
                assert not [v for v in values if found_in(v, extracted)], f"{tool} reads sensitive text in {name}"
        checked += 1
    assert checked >= 10
    assert not list(sealed.parent.glob(".*partial*")), "a temporary folder was left behind"


def test_no_hash_or_size_of_a_sealed_plaintext_is_public(sealed: Path, filing: Path, tmp_path: Path) -> None:
    """An unkeyed hash of a sealed file lets anyone confirm a guess of its text offline (a reference
    list differs from a guess only by the sealed value): none may be outside the encryption."""
    unsealed = unseal(sealed, tmp_path / "u", passphrase=PASSPHRASE)
    plaintexts = [path.read_bytes() for path in unsealed.files] + [(filing / "terms.txt").read_bytes()]
    hashes = {sha256(data) for data in plaintexts}
    public = [p for p in sealed.rglob("*") if p.is_file() and p.suffix != ".age"]
    for path in public:
        text = path.read_bytes().decode("latin-1").lower()
        assert not [h for h in hashes if h in text], f"{path.name} holds the SHA-256 of a sealed plaintext"
    manifest = json.loads((sealed / "data" / "manifest.json").read_text())
    assert manifest["schema"] == "redactor-manifest/2"
    assert all(set(entry) == {"path", "role", "size", "sha256"} for entry in manifest["files"])
    assert not [k for d in manifest["documents"] for k in d if k.startswith("original_")]
    assert manifest["terms"] == {"count": 3}
    assert manifest["policy"] == {"name": "default", "built_in": True, "sha256": redactor.default_policy().sha256}
    sizes = {len(data) for data in plaintexts if len(data) > 999}
    assert not sizes & set(integers_in(manifest)), "the manifest gives the size of a sealed plaintext"


def test_a_user_policy_is_named_but_not_hashed_in_the_public_manifest(filing: Path, tmp_path: Path) -> None:
    """A user's policy may spell out a sealed name in a pattern; its hash would confirm a guess of
    the file, so only the built-in policy's hash is public (the sealed plans hold the user's)."""
    policy_file = tmp_path / "policy.toml"
    policy_file.write_text(
        '[policy]\nname = "case policy"\n\n[[rule]]\nid = "case.informant"\ncategory = "personal"\n'
        'reason = "PRIV"\nbasis = "compelling reasons: safety of a witness"\npatterns = ["Ramona\\\\s+Ostrowski"]\n'
    )
    out = tmp_path / "pkg"
    package([inputs(filing)[0]], out, policy=policy_file, passphrase=PASSPHRASE, case="3:19-cv-01234")
    manifest = json.loads((out / "data" / "manifest.json").read_text())
    assert manifest["policy"] == {"name": "case policy", "built_in": False, "sha256": None}
    user_hash = redactor.load_policy(policy_file).sha256
    assert all(user_hash not in p.read_text("latin-1") for p in out.rglob("*") if p.is_file() and p.suffix != ".age")
    unsealed = unseal(out, tmp_path / "u", passphrase=PASSPHRASE)
    plans = [json.loads(p.read_text()) for p in unsealed.files if p.name.endswith(".redactions.json")]
    assert plans and all(plan["policy"]["sha256"] == user_hash for plan in plans)


def integers_in(value: object) -> list[int]:
    if isinstance(value, dict):
        return [n for item in value.values() for n in integers_in(item)]
    if isinstance(value, list):
        return [n for item in value for n in integers_in(item)]
    return [value] if isinstance(value, int) else []


def resign(package_dir: Path, edit: Callable[[dict], None]) -> None:
    """Edit the manifest and re-sign it with a fresh key, refreshing the listed sizes and hashes
    and the bag, as anyone who can write to the package can."""
    path = package_dir / "data" / "manifest.json"
    manifest = json.loads(path.read_text())
    edit(manifest)
    for entry in manifest["files"]:
        target = package_dir / "data" / str(entry.get("path") if isinstance(entry, dict) else "")
        if isinstance(entry, dict) and target.is_file():
            entry["size"], entry["sha256"] = target.stat().st_size, sha256(target.read_bytes())
    data, signature = OneTimeKey().sign(manifest)
    path.write_bytes(data)
    (package_dir / "data" / "manifest.json.sig").write_bytes(signature)
    bagit.Bag(str(package_dir)).save(manifests=True)


def package_identity(package_dir: Path) -> pyrage.x25519.Identity:
    """The package key of a passphrase package, which every sealed file is encrypted to."""
    sealed_key = (package_dir / "data" / "sealed" / "package-key.age").read_bytes()
    text = pyrage.passphrase.decrypt(sealed_key, PASSPHRASE).decode()
    return pyrage.x25519.Identity.from_str(text.strip())


def as_manifest_1(package_dir: Path, tmp_path: Path) -> None:
    """Rewrite a package as redactor wrote it before the hashes were sealed: each plaintext's
    SHA-256 and size in files[], the original's in documents[]."""
    identity = package_identity(package_dir)

    def edit(manifest: dict) -> None:
        manifest["schema"] = SCHEMA_1
        for entry in manifest["files"]:
            if entry["path"].startswith("sealed/") and entry["role"] != "sealed-package-key":
                plain = pyrage.decrypt((package_dir / "data" / entry["path"]).read_bytes(), [identity])
                entry["plaintext_size"], entry["plaintext_sha256"] = len(plain), sha256(plain)
        for document in manifest["documents"]:
            plain = pyrage.decrypt(
                (package_dir / "data" / "sealed" / f"{document['name']}.original.pdf.age").read_bytes(), [identity]
            )
            document["original_sha256"], document["original_size"] = sha256(plain), len(plain)

    resign(package_dir, edit)


def test_a_manifest_1_package_still_verifies_and_unseals(sealed: Path, filing: Path, tmp_path: Path) -> None:
    copy = copy_of(sealed, tmp_path)
    as_manifest_1(copy, tmp_path)
    check = verify_package(copy, passphrase=PASSPHRASE)
    assert check.passed, check.problems
    unseal(copy, tmp_path / "u", passphrase=PASSPHRASE)
    for original in inputs(filing):
        assert (tmp_path / "u" / original.name).read_bytes() == original.read_bytes()


def test_a_manifest_1_package_is_still_held_to_its_plaintext_hashes(sealed: Path, tmp_path: Path) -> None:
    copy = copy_of(sealed, tmp_path)
    as_manifest_1(copy, tmp_path)

    def wrong_hash(manifest: dict) -> None:
        entry = next(e for e in manifest["files"] if e["path"] == "sealed/reference-list.json.age")
        entry["plaintext_sha256"] = "0" * 64

    resign(copy, wrong_hash)
    check = verify_package(copy, passphrase=PASSPHRASE)
    assert "altered: sealed/reference-list.json.age decrypts to a file that does not match the manifest" in (
        check.problems
    )


def test_an_original_is_checked_against_the_hash_in_its_sealed_plan(sealed: Path, tmp_path: Path) -> None:
    """With no plaintext hash in the manifest, a re-sealed original must still be caught once opened."""
    copy = copy_of(sealed, tmp_path)
    target = copy / "data" / "sealed" / "exhibit_a.original.pdf.age"
    target.write_bytes(pyrage.encrypt(b"%PDF-1.7 forged", [package_identity(copy).to_public()]))
    resign(copy, lambda manifest: None)
    assert verify_package(copy).passed  # without a key, nothing tells
    check = verify_package(copy, passphrase=PASSPHRASE)
    assert "exhibit_a: the public PDF and the original are not the pair its plan records" in check.problems
    with pytest.raises(PackageInvalid):
        unseal(copy, tmp_path / "u", passphrase=PASSPHRASE)


def extractions_of(data: bytes, name: str) -> dict[str, str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        return extractions(path)


# --- the sealing chart ------------------------------------------------------------------------------


def test_sealing_chart_lists_every_redaction_with_its_page_and_pleading_lines(sealed: Path, tmp_path: Path) -> None:
    unseal(sealed, tmp_path / "u", passphrase=PASSPHRASE)
    plan = redactor.load_plan(tmp_path / "u" / "declaration.redactions.json")
    rows = (sealed / "data" / "chart" / "sealing-chart.csv").read_text().splitlines()[1:]
    declaration_rows = [r for r in rows if r.startswith("declaration.pdf,")]
    pages_of = sum(len({b.page for b in r.boxes}) for r in plan.applied)
    assert len(declaration_rows) == pages_of
    # Independently: pdfminer's glyph positions on the original against the pleading grid.
    lines = pleading_line_of(DOCUMENTS["declaration"])
    for value in ["10.24.8.15", "HSBP1017C00045", "m.ortega.family@gmail.com", "A212-345-678"]:
        page, line = lines[value]
        redaction = next(r for r in plan.applied if r.text == value)
        expected = f'"p. {page}, l. {line}"'
        row = next(r for r in declaration_rows if r.endswith(f",{reference_of(sealed, redaction.id)}"))
        assert expected in row, (value, row)
    # An exhibit without line numbers is cited by page alone.
    assert all('"p. 1"' in r or ",p. 1," in r for r in rows if r.startswith("exhibit_a.pdf,"))


def reference_of(sealed: Path, redaction_id: str) -> str:
    manifest = json.loads((sealed / "data" / "manifest.json").read_text())
    for document in manifest["documents"]:
        for redaction in document["redactions"]:
            if redaction["id"] == redaction_id:
                return redaction["reference"]
    raise AssertionError(redaction_id)


def pleading_line_of(path: Path) -> dict[str, tuple[int, int]]:
    """Page and pleading line of each text line, from pdfminer and the generator's grid
    (first baseline 84 pt below the top, 24 pt apart)."""
    sys.path.insert(0, str(FIXTURES))
    import generate

    found: dict[str, tuple[int, int]] = {}
    for page_number, page in enumerate(extract_pages(str(path)), start=1):
        for element in page:
            if not isinstance(element, LTTextContainer):
                continue
            for line in element:
                chars = [c for c in line if isinstance(c, LTChar)]
                if not chars:
                    continue
                baseline = chars[0].matrix[5]  # the text matrix's origin: the baseline
                number = round((generate.FIRST_BASELINE - baseline) / generate.LINE) + 1
                for value in line.get_text().split():
                    found.setdefault(value.strip(".,;"), (page_number, number))
    return found


# --- tampering and keys ---------------------------------------------------------------------------


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


TAMPERING = {
    "public PDF": (lambda p: flip_byte(public_pdf(p, "declaration")), "altered: public/declaration.pdf"),
    "encrypted file": (
        lambda p: flip_byte(p / "data" / "sealed" / "exhibit_a.original.pdf.age"),
        "altered: sealed/exhibit_a.original.pdf.age",
    ),
    "manifest": (
        lambda p: (p / "data" / "manifest.json").write_text(
            (p / "data" / "manifest.json").read_text().replace("3:19-cv-01234", "3:19-cv-09999")
        ),
        "manifest.json was altered",
    ),
    "deleted file": (
        lambda p: (p / "data" / "chart" / "sealing-chart.csv").unlink(),
        "missing: chart/sealing-chart.csv",
    ),
    "added file": (
        lambda p: (p / "data" / "public" / "extra.pdf").write_bytes(b"%PDF-1.4"),
        "extra file not in the manifest: public/extra.pdf",
    ),
}


@pytest.mark.parametrize("kind", TAMPERING)
def test_verify_and_unseal_catch_tampering(kind: str, sealed: Path, tmp_path: Path) -> None:
    tamper, message = TAMPERING[kind]
    copy = copy_of(sealed, tmp_path)
    tamper(copy)
    check = verify_package(copy)
    assert not check.passed
    assert any(message in problem for problem in check.problems), check.problems
    with pytest.raises(PackageInvalid):
        unseal(copy, tmp_path / "out", passphrase=PASSPHRASE)
    assert not (tmp_path / "out").exists()


def retag(package_dir: Path) -> None:
    """Rewrite the bag's tag manifest after a change, as anyone can: it is not signed."""
    names = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")
    lines = [f"{sha256((package_dir / name).read_bytes())} {name}\n" for name in names]
    (package_dir / "tagmanifest-sha256.txt").write_text("".join(lines))


def edit_bag_info(package_dir: Path, old: str, new: str) -> None:
    info = package_dir / "bag-info.txt"
    info.write_text(info.read_text().replace(old, new))


def drop_bag_manifest_line(package_dir: Path, name: str) -> None:
    manifest = package_dir / "manifest-sha256.txt"
    manifest.write_text("".join(line for line in manifest.read_text().splitlines(True) if name not in line))
    retag(package_dir)


def link_outside(package_dir: Path, outside: Path) -> None:
    outside.mkdir(exist_ok=True)
    (outside / "original.pdf").write_bytes(b"%PDF-1.7 unredacted")
    (package_dir / "data" / "public" / "more").symlink_to(outside)


OUTSIDE_THE_SIGNED_FILES = {
    "file at the root": (
        lambda p, t: (p / "declaration-UNREDACTED.pdf").write_bytes(b"%PDF-1.7"),
        "extra file outside data/: declaration-UNREDACTED.pdf",
    ),
    "folder at the root": (
        lambda p, t: (p / "notes").mkdir() or (p / "notes" / "original.pdf").write_bytes(b"%PDF-1.7"),
        "extra folder outside data/: notes",
    ),
    "bag-info edited, tags rewritten": (
        lambda p, t: edit_bag_info(p, "3:19-cv-01234", "3:19-cv-99999") or retag(p),
        "bag-info.txt: External-Identifier is not what the signed manifest says",
    ),
    "bag-info field added": (
        lambda p, t: edit_bag_info(p, "Source-Organization", "Contact-Name: Jane Roe\nSource-Organization") or retag(p),
        "bag-info.txt: Contact-Name was not written by redactor",
    ),
    "tag manifest deleted": (
        lambda p, t: edit_bag_info(p, "3:19-cv-01234", "3:19-cv-99999") or (p / "tagmanifest-sha256.txt").unlink(),
        "missing: tagmanifest-sha256.txt",
    ),
    "bag manifest line removed": (
        lambda p, t: drop_bag_manifest_line(p, "exhibit_a.pdf"),
        "BagIt: data/public/exhibit_a.pdf is not in the bag's manifest",
    ),
    "symbolic link to a folder": (lambda p, t: link_outside(p, t / "outside"), "symbolic link: data/public/more"),
    "empty folder": (lambda p, t: (p / "data" / "sealed" / "empty").mkdir(), "empty folder: data/sealed/empty"),
    "special file": (lambda p, t: os.mkfifo(p / "data" / "public" / "pipe"), "not a regular file: data/public/pipe"),
}


@pytest.mark.parametrize("kind", OUTSIDE_THE_SIGNED_FILES)
def test_verify_fails_on_anything_redactor_did_not_write(kind: str, sealed: Path, tmp_path: Path) -> None:
    """The signed manifest covers data/ only: what lies beside it (an unredacted PDF, a link to a
    folder elsewhere, an edited bag-info) travels with the package and must fail it too."""
    change, message = OUTSIDE_THE_SIGNED_FILES[kind]
    copy = copy_of(sealed, tmp_path)
    change(copy, tmp_path)
    check = verify_package(copy)
    assert message in check.problems, check.problems


def test_verify_prints_no_bagit_log_lines(sealed: Path, tmp_path: Path) -> None:
    """bagit logs its findings with full hashes; verify says each one itself, once."""
    copy = copy_of(sealed, tmp_path)
    drop_bag_manifest_line(copy, "exhibit_a.pdf")
    result = run_cli("verify", str(copy), "--signer", "SHA256:x")
    assert result.returncode == ExitCode.PACKAGE_INVALID
    assert "manifest" not in result.stderr and not re.search(r"[0-9a-f]{64}", result.stdout + result.stderr)


def test_unseal_refuses_to_write_into_the_package(sealed: Path, tmp_path: Path) -> None:
    copy = copy_of(sealed, tmp_path)
    with pytest.raises(OutputNotWritable):
        unseal(copy, copy / "originals", passphrase=PASSPHRASE)
    with pytest.raises(OutputNotWritable):
        unseal(copy, copy / "data" / "plain", passphrase=PASSPHRASE)
    assert not (copy / "originals").exists() and not (copy / "data" / "plain").exists()


def test_inputs_whose_unsealed_files_would_share_a_name_are_refused(filing: Path, tmp_path: Path) -> None:
    """declaration.pdf's highlighted copy and declaration.highlighted.pdf's original would both be
    unsealed as declaration.highlighted.pdf: one would be lost."""
    other = tmp_path / "Declaration.Highlighted.pdf"
    shutil.copy(filing / "exhibit_a.pdf", other)
    with pytest.raises(BadArguments, match="would both be unsealed as"):
        package([filing / "declaration.pdf", other], tmp_path / "pkg", passphrase=PASSPHRASE)
    assert not (tmp_path / "pkg").exists()


def test_inputs_whose_names_differ_only_by_a_trailing_dot_are_refused(filing: Path, tmp_path: Path) -> None:
    """Windows drops the dots and spaces that end a file name: "declaration.pdf." was unsealed
    there over declaration.pdf's original, and one original was lost."""
    other = tmp_path / "declaration.pdf."
    shutil.copy(filing / "exhibit_a.pdf", other)
    with pytest.raises(BadArguments, match="would both be unsealed as"):
        package([filing / "declaration.pdf", other], tmp_path / "pkg", passphrase=PASSPHRASE)
    assert not (tmp_path / "pkg").exists()


@pytest.mark.parametrize("name", ["x%0Ay.pdf", "report 100%25.pdf", "a%0d.pdf"])
def test_a_name_a_bag_manifest_would_read_as_another_is_refused(name: str, filing: Path, tmp_path: Path) -> None:
    """BagIt writes a line break in a path as %0A, and RFC 8493 a "%" as %25: a document named
    "x%0Ay.pdf" made a package that "did not verify as written" (exit 13, its message broken over
    two lines), and "report 100%25.pdf" one that RFC 8493 tools read as "report 100%.pdf",
    missing. Refused before any work, with a hint to rename it."""
    other = tmp_path / name
    shutil.copy(filing / "exhibit_a.pdf", other)
    with pytest.raises(BadArguments, match=re.escape(f"{name} holds %0A, %0D or %25") + ".*rename it"):
        package([other], tmp_path / "pkg", passphrase=PASSPHRASE)
    assert not (tmp_path / "pkg").exists()


@pytest.mark.parametrize("name", ["con.pdf", "AUX.pdf", "nul.exhibit.pdf", "com1.pdf", "Lpt9 .pdf"])
def test_a_name_windows_reads_as_a_device_is_refused(name: str, filing: Path, tmp_path: Path) -> None:
    """Windows reads "con.pdf" or "aux.pdf" as a device, whatever the extension: unsealed there, the
    original would not be written as a file. Refused before any work, with a hint to rename it;
    "console.pdf" is a name like any other."""
    other = tmp_path / name
    shutil.copy(filing / "exhibit_a.pdf", other)
    with pytest.raises(BadArguments, match=re.escape(f"{name} is named as a Windows device") + ".*rename it"):
        package([other], tmp_path / "pkg", passphrase=PASSPHRASE)
    assert not (tmp_path / "pkg").exists()
    fine = tmp_path / "console.pdf"
    shutil.copy(filing / "exhibit_a.pdf", fine)
    assert package([fine], tmp_path / "pkg", passphrase=PASSPHRASE).documents


def test_packaging_a_pdf_that_asks_for_a_password_says_the_original_needs_it(filing: Path, tmp_path: Path) -> None:
    """The sealed original is the file byte for byte, so it opens only with its own password, which
    the package does not keep: said at packaging time, when the filer still has it. A file with
    only an owner password (it opens without one) gets no such warning."""
    import pikepdf

    locked, restricted = tmp_path / "locked.pdf", tmp_path / "restricted.pdf"
    with pikepdf.open(filing / "exhibit_a.pdf") as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret", R=6))
        pdf.save(restricted, encryption=pikepdf.Encryption(owner="owner-secret", user="", R=6))
    result = package([locked], tmp_path / "pkg", passphrase=PASSPHRASE, password="user-secret")
    assert any("locked.pdf asks for a password" in w and "keep the password" in w for w in result.warnings)
    result = package([restricted], tmp_path / "pkg2", passphrase=PASSPHRASE)
    assert not any("asks for a password" in w for w in result.warnings)


def test_inputs_whose_names_differ_only_in_how_an_accent_is_written_are_refused(filing: Path, tmp_path: Path) -> None:
    """A name typed as one letter ("café") and as "e" and an accent is one name on macOS: the package
    was refused only once built, as a package that "did not verify as written" (exit 13)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    composed, decomposed = tmp_path / "a" / "caf\u00e9.pdf", tmp_path / "b" / "cafe\u0301.pdf"
    shutil.copy(filing / "exhibit_a.pdf", composed)
    shutil.copy(filing / "supplemental_brief.pdf", decomposed)
    with pytest.raises(BadArguments, match="two documents are named"):
        package([composed, decomposed], tmp_path / "pkg", passphrase=PASSPHRASE)
    assert not (tmp_path / "pkg").exists()


def test_a_file_name_case_or_folder_holding_a_redacted_value_is_refused(filing: Path, tmp_path: Path) -> None:
    """A brief saved as "Daniel Ortega brief.pdf" printed the minor's name, which the filing
    redacts, on the filed chart, in the manifest and as the public PDF's name; a case number or
    folder name holding a redacted number did the same (red-team review of packages)."""
    named = tmp_path / "Daniel Ortega brief.pdf"
    shutil.copy(filing / "supplemental_brief.pdf", named)
    attempts = {
        "file name of document 2 of 2": ([filing / "declaration.pdf", named], "pkg", "3:19-cv-01234"),
        "--case holds": ([filing / "declaration.pdf"], "pkg", "3:19-cv-01234 (re 548213977)"),
        "--out folder's name": ([filing / "declaration.pdf"], "DanielOrtega-sealed", "3:19-cv-01234"),
    }
    for message, (documents, folder, case) in attempts.items():
        with pytest.raises(VerificationFailed, match=re.escape(message)) as raised:
            package(documents, tmp_path / folder, passphrase=PASSPHRASE, case=case, make_zip=True)
        assert not re.search(r"ortega|548213977", str(raised.value), re.IGNORECASE)
        assert sorted(p.name for p in tmp_path.iterdir()) == [named.name]  # nothing written, not even hidden
    with pytest.raises(VerificationFailed, match="term"):  # a term of the user's list, found or not
        package([filing / "exhibit_a.pdf"], tmp_path / "p", terms=filing / "terms.txt",
                passphrase=PASSPHRASE, case="Harborview Analytics LLC v. United States")  # fmt: skip


def test_unseal_into_a_link_or_a_file_leaves_nothing_behind(sealed: Path, tmp_path: Path) -> None:
    """A link given as --out was moved aside to a hidden ".NAME.old-PID" that was never removed;
    an empty file given as --out was called a folder that "is not empty"."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "empty")
    unseal(sealed, tmp_path / "link", passphrase=PASSPHRASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "link"]
    assert (tmp_path / "link" / "declaration.pdf").is_file() and not (tmp_path / "link").is_symlink()
    (tmp_path / "file").touch()
    with pytest.raises(OutputNotWritable, match="it is a file"):
        unseal(sealed, tmp_path / "file", passphrase=PASSPHRASE)


def set_original(name: str, original: str) -> Callable[[dict], None]:
    def edit(manifest: dict) -> None:
        next(d for d in manifest["documents"] if d["name"] == name)["original"] = original

    return edit


@pytest.mark.parametrize(
    ("originals", "message"),
    [
        ({"exhibit_a": "declaration.highlighted.pdf"}, "would both be unsealed as declaration.highlighted.pdf"),
        ({"exhibit_a": ".."}, "sealed/exhibit_a.original.pdf.age has no file name to be unsealed under"),
        # no system holds a zero byte in a name: unseal ended in an internal error (second review)
        ({"exhibit_a": "a\x00b.pdf"}, "sealed/exhibit_a.original.pdf.age has no file name to be unsealed under"),
        # one file on Windows, which drops the dots and spaces that end a name (second review)
        ({"exhibit_a": "declaration.pdf. "}, "would both be unsealed as declaration.pdf"),
        # "café" as one letter and as "e" and an accent: one file on macOS, where one was lost
        ({"exhibit_a": "caf\u00e9.pdf", "supplemental_brief": "cafe\u0301.pdf"}, "would both be unsealed as caf"),
    ],
)
def test_unseal_refuses_a_manifest_whose_files_would_share_a_name(
    originals: dict[str, str], message: str, sealed: Path, tmp_path: Path
) -> None:
    copy = copy_of(sealed, tmp_path)
    resign(copy, lambda manifest: [set_original(name, original)(manifest) for name, original in originals.items()])
    assert any(message in problem for problem in verify_package(copy).problems)
    with pytest.raises(PackageInvalid, match=re.escape(message)):
        unseal(copy, tmp_path / "out", passphrase=PASSPHRASE)
    assert not (tmp_path / "out").exists()


MALFORMED = {
    "a file entry that is a number": (lambda m: m["files"].append(1), "files[17] is not an object"),
    "a document without a name": (lambda m: m["documents"][0].pop("name"), "documents[0].name is missing"),
    "encryption as a string": (lambda m: m.update(encryption="x"), "encryption is missing or not an object"),
    "a list for a path": (lambda m: m["documents"][0].update(public=["x"]), "documents[0].public is missing or not"),
}


def edit_unsigned(package_dir: Path, edit: Callable[[dict], None]) -> None:
    path = package_dir / "data" / "manifest.json"
    manifest = json.loads(path.read_text())
    edit(manifest)
    path.write_text(json.dumps(manifest))


@pytest.mark.parametrize("signed", [True, False], ids=["signed", "unsigned"])
@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_manifest_is_an_invalid_package(kind: str, signed: bool, sealed: Path, tmp_path: Path) -> None:
    """Wrong types anywhere are a damaged package (exit 13), never an internal error."""
    edit, message = MALFORMED[kind]
    copy = copy_of(sealed, tmp_path)
    (resign if signed else edit_unsigned)(copy, edit)
    check = verify_package(copy, passphrase=PASSPHRASE)
    assert any(message in problem for problem in check.problems), check.problems
    with pytest.raises(PackageInvalid, match="nothing was written"):
        unseal(copy, tmp_path / "out", passphrase=PASSPHRASE)


def test_deeply_nested_json_is_an_invalid_package_in_one_line(sealed: Path, tmp_path: Path) -> None:
    copy = copy_of(sealed, tmp_path)
    (copy / "data" / "manifest.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    result = run_cli("unseal", str(copy), "--out", str(tmp_path / "out"), "--passphrase-file", str(passphrase))
    assert result.returncode == ExitCode.PACKAGE_INVALID
    assert len(result.stderr.strip().splitlines()) == 1 and "damaged" in result.stderr
    assert verify_package(copy).problems == ["manifest.json is damaged or not a redactor manifest"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where no folder can be made")
def test_unseal_into_a_folder_that_cannot_be_made_gives_the_output_exit_code(sealed: Path, tmp_path: Path) -> None:
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    result = run_cli("unseal", str(sealed), "--out", "/proc/redactor-test", "--passphrase-file", str(passphrase))
    assert result.returncode == ExitCode.OUTPUT_NOT_WRITABLE
    assert result.stderr.strip().splitlines() == ["error: cannot write /proc/redactor-test: No such file or directory"]


def test_a_missing_package_key_is_reported_as_missing_not_as_a_wrong_key(sealed: Path, tmp_path: Path) -> None:
    copy = copy_of(sealed, tmp_path)
    (copy / "data" / "sealed" / "package-key.age").unlink()
    check = verify_package(copy, passphrase=PASSPHRASE)
    assert check.problems[0] == "missing: sealed/package-key.age" and not check.sealed_opened
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    result = run_cli("unseal", str(copy), "--out", str(tmp_path / "out"), "--passphrase-file", str(passphrase))
    assert result.returncode == ExitCode.PACKAGE_INVALID
    assert "missing: sealed/package-key.age" in result.stderr


@pytest.mark.parametrize("content", [b"\xff\xfe AGE-SECRET-KEY-1", b"AGE-SECRET-KEY-1XYZ\n", b"# no key\n"])
def test_a_package_key_that_opens_but_holds_no_key_is_a_damaged_package(
    content: bytes, sealed: Path, tmp_path: Path
) -> None:
    """Whoever knows the passphrase can seal anything as package-key.age: that ended in an
    internal error (exit 70), or in "give --passphrase-file" although one was given."""
    copy = copy_of(sealed, tmp_path)
    (copy / "data" / "sealed" / "package-key.age").write_bytes(pyrage.passphrase.encrypt(content, PASSPHRASE))
    resign(copy, lambda manifest: None)
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    for command in (["verify", str(copy)], ["unseal", str(copy), "--out", str(tmp_path / "out")]):
        result = run_cli(*command, "--passphrase-file", str(passphrase))
        assert result.returncode == ExitCode.PACKAGE_INVALID, (command[0], result.stderr)
        assert "package-key.age opens with the passphrase but holds no age key" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_file_that_belongs_to_no_document_fails_verify(sealed: Path, tmp_path: Path) -> None:
    """A manifest re-signed without one document passed verify with "no leak", though that public
    PDF was never checked, and unseal wrote its original without the byte-for-byte check."""

    def drop_exhibit(manifest: dict) -> None:
        manifest["documents"] = [d for d in manifest["documents"] if d["name"] != "exhibit_a"]

    copy = copy_of(sealed, tmp_path)
    resign(copy, drop_exhibit)
    check = verify_package(copy, passphrase=PASSPHRASE)
    assert "public/exhibit_a.pdf belongs to no document in the manifest, so it cannot be checked" in check.problems
    assert "sealed/exhibit_a.original.pdf.age belongs to no document in the manifest, so it cannot be checked" in (
        check.problems
    )
    with pytest.raises(PackageInvalid, match="belongs to no document"):
        unseal(copy, tmp_path / "out", passphrase=PASSPHRASE)
    assert not (tmp_path / "out").exists()


def test_a_missing_signature_is_reported_as_such(sealed: Path, tmp_path: Path) -> None:
    copy = copy_of(sealed, tmp_path)
    (copy / "data" / "manifest.json.sig").unlink()
    check = verify_package(copy)
    assert check.problems[0] == "missing: manifest.json.sig (the manifest is not signed)"
    flip_byte(public_pdf(copy, "declaration"))  # the unsigned manifest still names altered files
    assert "altered: public/declaration.pdf (its SHA-256 does not match the manifest)" in verify_package(copy).problems


def test_a_resealed_file_under_another_signer_is_tampering_not_a_wrong_key(sealed: Path, tmp_path: Path) -> None:
    genuine = json.loads((sealed / "data" / "manifest.json").read_text())["signature"]["fingerprint"]
    copy = copy_of(sealed, tmp_path)
    target = copy / "data" / "sealed" / "declaration.original.pdf.age"
    target.write_bytes(pyrage.encrypt(b"forged", [pyrage.x25519.Identity.generate().to_public()]))
    resign(copy, lambda manifest: None)
    with pytest.raises(PackageInvalid, match="not by the expected"):
        unseal(copy, tmp_path / "out", passphrase=PASSPHRASE, signer=genuine)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("which", ["exhibit_a.original.pdf.age", "declaration.highlighted.pdf.age"])
def test_a_file_resealed_to_another_key_is_tampering_even_without_signer(
    which: str, sealed: Path, tmp_path: Path
) -> None:
    """A file taken from another package (or sealed by anyone) into a re-signed manifest was
    reported as a key that does not open the package (exit 14), although the passphrase opened
    the package key and the key every other file: the user went looking for another key."""
    copy = copy_of(sealed, tmp_path)
    target = copy / "data" / "sealed" / which
    target.write_bytes(pyrage.encrypt(b"forged", [pyrage.x25519.Identity.generate().to_public()]))
    resign(copy, lambda manifest: None)
    message = f"altered: sealed/{which} is sealed to other keys than the rest of the package"
    assert message in verify_package(copy, passphrase=PASSPHRASE).problems
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    result = run_cli("unseal", str(copy), "--out", str(tmp_path / "out"), "--passphrase-file", str(passphrase))
    assert result.returncode == ExitCode.PACKAGE_INVALID, result.stderr
    assert message in result.stderr and not (tmp_path / "out").exists()


def test_cli_verify_names_the_altered_file_with_its_exit_code(sealed: Path, tmp_path: Path) -> None:
    copy = copy_of(sealed, tmp_path)
    flip_byte(public_pdf(copy, "exhibit_a"))
    result = run_cli("verify", str(copy))
    assert result.returncode == ExitCode.PACKAGE_INVALID
    assert "altered: public/exhibit_a.pdf" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_wrong_passphrase_is_refused_and_nothing_is_written(sealed: Path, tmp_path: Path) -> None:
    with pytest.raises(WrongKey):
        unseal(sealed, tmp_path / "out", passphrase="not the passphrase")
    assert not (tmp_path / "out").exists()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    result = run_cli("unseal", str(sealed), "--out", str(tmp_path / "out"), "--passphrase-file", str(wrong))
    assert result.returncode == ExitCode.WRONG_KEY
    assert not (tmp_path / "out").exists()


def test_a_package_folder_is_never_overwritten_without_force(sealed: Path, filing: Path, tmp_path: Path) -> None:
    copy = copy_of(sealed, tmp_path)
    before = sorted(p.name for p in copy.rglob("*"))
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    result = run_cli("package", str(inputs(filing)[2]), "--out", str(copy), "--passphrase-file", str(passphrase))
    assert result.returncode == ExitCode.OUTPUT_NOT_WRITABLE
    assert sorted(p.name for p in copy.rglob("*")) == before


def test_force_replaces_only_an_earlier_package(sealed: Path, filing: Path, tmp_path: Path) -> None:
    """--force is for re-making a package; a folder of other files is never deleted."""
    folder = tmp_path / "important"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("my only copy")
    with pytest.raises(OutputNotWritable, match="not a redactor package"):
        package([inputs(filing)[2]], folder, passphrase=PASSPHRASE, force=True)
    assert (folder / "notes.txt").read_text() == "my only copy"
    copy = copy_of(sealed, tmp_path)
    with zipfile.ZipFile(copy.with_name(copy.name + ".zip"), "w") as archive:  # the earlier package's archive
        archive.write(copy / "data" / "manifest.json", f"{copy.name}/data/manifest.json")
    unrelated = tmp_path / "important.zip"
    unrelated.write_bytes(b"not ours")
    package([inputs(filing)[2]], copy, passphrase=PASSPHRASE, force=True)
    assert verify_package(copy).passed
    assert not copy.with_name(copy.name + ".zip").exists(), "the archive of the replaced package was left"
    assert unrelated.read_bytes() == b"not ours"


def test_zip_never_overwrites_a_file_without_force(filing: Path, tmp_path: Path) -> None:
    other = tmp_path / "pkg.zip"
    other.write_text("unrelated archive")
    with pytest.raises(OutputNotWritable, match="--force"):
        package([inputs(filing)[2]], tmp_path / "pkg", passphrase=PASSPHRASE, make_zip=True)
    assert other.read_text() == "unrelated archive" and not (tmp_path / "pkg").exists()
    package([inputs(filing)[2]], tmp_path / "pkg", passphrase=PASSPHRASE, make_zip=True, force=True)
    assert zipfile.is_zipfile(other)


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_zip_that_cannot_be_written_leaves_the_earlier_package_and_its_zip(
    failure: BaseException, filing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zip was written after the package was put in place: on a full disk or Ctrl-C the run
    said it failed ("nothing was written") though the new package was there, and with --force
    the earlier package's zip stayed beside it, no longer its archive."""
    out = tmp_path / "pkg"
    package([inputs(filing)[2]], out, passphrase=PASSPHRASE, make_zip=True)
    before = {path: path.read_bytes() for path in [*out.rglob("*"), tmp_path / "pkg.zip"] if path.is_file()}

    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail)
    with pytest.raises(OutputNotWritable if isinstance(failure, OSError) else KeyboardInterrupt):
        package([inputs(filing)[2]], out, passphrase=PASSPHRASE, make_zip=True, force=True)
    after = {path: path.read_bytes() for path in [*out.rglob("*"), tmp_path / "pkg.zip"] if path.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg", "pkg.zip"]  # no hidden folder or part file


def test_a_short_passphrase_is_warned_of(filing: Path, tmp_path: Path) -> None:
    result = package([inputs(filing)[2]], tmp_path / "pkg", passphrase="a")
    assert any("shorter than 12 characters" in warning for warning in result.warnings)
    result = package([inputs(filing)[2]], tmp_path / "pkg2", passphrase=PASSPHRASE)
    assert not any("passphrase" in warning for warning in result.warnings)


def test_the_chart_csv_holds_no_formula() -> None:
    """A document named "=HYPERLINK(...)" must not run when the chart is opened in a spreadsheet."""
    import csv
    import io

    from redactor.chart import ChartRow, chart_csv

    names = ["=HYPERLINK(x).pdf", "+1.pdf", "-2.pdf", "@SUM(A1).pdf", "\tx.pdf", "plain.pdf"]
    rows = [ChartRow(name, 1, "", "ssn", "PII", "Rule 5.2", "REF-001", "R-1") for name in names]
    read = list(csv.reader(io.StringIO(chart_csv(rows, ("document", "page")).decode())))[1:]
    assert [row[0] for row in read] == ["'" + name for name in names[:-1]] + ["plain.pdf"]


@pytest.mark.parametrize("court", ["S.D. Cal.", "N.D. Cal.", "C.D. Cal."])
@pytest.mark.parametrize(
    "name",
    ["2024-03-15_Declaration_of_Officer_J_Smith_ISO_Motion_to_Seal_Exhibit_A_final_v3.pdf", "D" * 120 + ".pdf"],
    ids=["underscores", "one long word"],
)
def test_a_long_file_name_leaves_every_chart_column_on_the_page(court: str, name: str) -> None:
    """A file name without spaces widened the chart PDF's document column until the last columns
    (the 5.2(g) reference among them) ran off the page: the filed chart showed "REF" or nothing."""
    from redactor.chart import ChartRow, chart_pdf
    from redactor.court import court_profile

    basis = "Fed. R. Civ. P. 5.2(a)(1): only the last four digits of a Social Security number"
    rows = [ChartRow(name, 2, "4-5", "ssn", "FRCP 5.2", basis, "REF-001", "R-1")]
    with pymupdf.open(stream=chart_pdf(rows, court_profile(court), "3:19-cv-01234", "SHA256:abc")) as doc:
        page = doc[0]
        words = page.get_text("words")
        assert [w[4] for w in words if w[2] > page.rect.width - 54 + 1] == []  # inside the right margin
        assert "REF-001" in [w[4] for w in words]
        # the name is all there, wrapped where a soft hyphen shows; "ffi" is one glyph
        text = unicodedata.normalize("NFKC", "".join(page.get_text().replace("-\n", "").split()))
        assert text.count(name) == 1
        fonts = {font[3] for font in page.get_fonts()}
    short = [ChartRow("a.pdf", 2, "4-5", "ssn", "FRCP 5.2", basis, "REF-001", "R-1")]
    with pymupdf.open(stream=chart_pdf(short, court_profile(court), "3:19-cv-01234", "SHA256:abc")) as doc:
        assert fonts == {font[3] for font in doc[0].get_fonts()}  # no other font for the breaks


# --- recipients and independent tools ------------------------------------------------------------


@pytest.fixture(scope="module")
def for_recipients(filing: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The exhibit packaged for two recipients (co-counsel and the court), with a reviewed plan."""
    folder = tmp_path_factory.mktemp("recipients")
    keys = []
    for who in ("counsel", "court"):
        text, public = new_identity()
        (folder / f"{who}.key").write_text(text)
        keys.append(public)
    exhibit = folder / "exhibit_a.pdf"
    with pymupdf.open(filing / "exhibit_a.pdf") as doc:  # a bookmark naming the value kept below
        doc.set_toc([[1, "Network 10.24.8.15", 1]])
        doc.save(exhibit)
    plan = redactor.scan(exhibit)
    kept = next(r for r in plan.redactions if r.text == "10.24.8.15")
    kept.status = "rejected"
    plan_path = folder / "exhibit_a.redactions.json"
    plan_path.write_text(plan.to_json())
    out = folder / "pkg"
    package([exhibit], out, recipients=keys, plans=[plan_path], court="N.D. Cal.")
    return out, folder / "counsel.key", folder / "court.key"


def test_each_recipient_opens_the_package_with_their_own_key(
    for_recipients: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    out, counsel, court = for_recipients
    for key in (counsel, court):
        check = verify_package(out, identities=load_identities([key]))
        assert check.passed, check.problems
    stranger_text, _ = new_identity()
    (tmp_path / "stranger.key").write_text(stranger_text)
    with pytest.raises(WrongKey):
        verify_package(out, identities=load_identities([tmp_path / "stranger.key"]))


def test_a_file_resealed_to_another_key_is_tampering_for_a_recipient_too(
    for_recipients: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """With a recipient's key, which opened the other files, a replaced file was "the key given
    does not open" it (exit 14); a key that opens nothing is still a wrong key."""
    out, counsel, _ = for_recipients
    copy = copy_of(out, tmp_path)
    target = copy / "data" / "sealed" / "exhibit_a.original.pdf.age"
    target.write_bytes(pyrage.encrypt(b"forged", [pyrage.x25519.Identity.generate().to_public()]))
    resign(copy, lambda manifest: None)
    problems = verify_package(copy, identities=load_identities([counsel])).problems
    assert problems == [
        "altered: sealed/exhibit_a.original.pdf.age is sealed to other keys than the rest of the package"
    ]
    stranger_text, _ = new_identity()
    (tmp_path / "stranger.key").write_text(stranger_text)
    with pytest.raises(WrongKey):
        verify_package(copy, identities=load_identities([tmp_path / "stranger.key"]))


def test_a_passphrase_left_in_the_environment_does_not_stop_an_identity(
    for_recipients: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """REDACTOR_PASSPHRASE left set from packaging made `verify --identity` and `unseal --identity`
    of a package sealed to keys say "give --identity" (exit 2), with --identity given."""
    out, counsel, _ = for_recipients
    result = subprocess.run(
        [sys.executable, "-m", "redactor.cli", "unseal", str(out), "--out", str(tmp_path / "o"), "-i", str(counsel)],
        capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
        env={**os.environ, "REDACTOR_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o" / "exhibit_a.pdf").is_file()


def test_a_reviewed_plan_is_used_as_it_is(for_recipients: tuple[Path, Path, Path]) -> None:
    out, _, _ = for_recipients
    assert_present(public_pdf(out, "exhibit_a"), ["10.24.8.15"])  # rejected in review: kept
    with pymupdf.open(public_pdf(out, "exhibit_a")) as doc:
        assert doc.get_toc()[0][1] == "Network 10.24.8.15"  # in the bookmark too
    assert_gone(public_pdf(out, "exhibit_a"), ["512-43", "A212-345-678"])
    manifest = json.loads((out / "data" / "manifest.json").read_text())
    assert manifest["documents"][0]["reviewed_plan"] is True
    assert manifest["court"]["id"] == "ndcal"


def test_age_opens_a_sealed_original_with_a_recipient_key(
    for_recipients: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    needs("age")
    out, counsel, _ = for_recipients
    target = tmp_path / "original.pdf"
    sealed = out / "data" / "sealed" / "exhibit_a.original.pdf.age"
    subprocess.run(["age", "-d", "-i", str(counsel), "-o", str(target), str(sealed)], check=True)
    assert target.read_bytes() == (out.parent / "exhibit_a.pdf").read_bytes()  # the bookmarked copy packaged


def test_age_opens_a_passphrase_package(sealed: Path, tmp_path: Path) -> None:
    """age reads a passphrase only from a terminal: give it one."""
    needs("age")
    key = tmp_path / "package-key.txt"
    status = age_with_passphrase(sealed / "data" / "sealed" / "package-key.age", key, PASSPHRASE)
    assert status == 0 and key.read_text().startswith("AGE-SECRET-KEY-")
    target = tmp_path / "declaration.pdf"
    sealed_file = sealed / "data" / "sealed" / "declaration.original.pdf.age"
    subprocess.run(["age", "-d", "-i", str(key), "-o", str(target), str(sealed_file)], check=True)
    assert target.read_bytes() == DOCUMENTS["declaration"].read_bytes()


def age_with_passphrase(source: Path, target: Path, passphrase: str) -> int:
    status, _ = answer_on_terminal(
        ["age", "-d", "-o", str(target), str(source)], b"passphrase", passphrase.encode() + b"\n"
    )
    return status


def test_openssl_verifies_the_manifest_signature(sealed: Path, tmp_path: Path) -> None:
    needs("openssl")
    manifest = json.loads((sealed / "data" / "manifest.json").read_text())
    key = tmp_path / "key.pem"
    key.write_text(manifest["signature"]["public_key_pem"])
    result = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(key), "-rawin",
         "-in", str(sealed / "data" / "manifest.json"), "-sigfile", str(sealed / "data" / "manifest.json.sig")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and "Signature Verified Successfully" in result.stdout


def test_the_bagit_validator_accepts_the_package(sealed: Path, tmp_path: Path) -> None:
    import bagit

    bagit.Bag(str(sealed)).validate()
    copy = copy_of(sealed, tmp_path)
    flip_byte(public_pdf(copy, "declaration"))
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(copy)).validate()


def test_the_chart_pdf_carries_the_signing_key_fingerprint(sealed: Path) -> None:
    manifest = json.loads((sealed / "data" / "manifest.json").read_text())
    chart = sealed / "data" / "chart" / "sealing-chart.pdf"
    assert_present(chart, [manifest["signature"]["fingerprint"], "Portions sought to be sealed"], tools=("pdfminer",))
    check = verify_package(sealed, signer="SHA256:somebody-else")
    assert any("not by the expected" in p for p in check.problems)


def test_verify_and_unseal_name_the_signer_and_warn_when_it_was_not_checked(sealed: Path, tmp_path: Path) -> None:
    """Anyone who can write to a package can re-make and re-sign it: the signature alone proves
    nothing, so the key must be shown to be compared with the filed chart (or given as --signer)."""
    genuine = json.loads((sealed / "data" / "manifest.json").read_text())["signature"]["fingerprint"]
    copy = copy_of(sealed, tmp_path)
    resign(copy, lambda manifest: None)
    forged = json.loads((copy / "data" / "manifest.json").read_text())["signature"]["fingerprint"]
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    for command in (["verify", str(copy)], ["unseal", str(copy), "--out", str(tmp_path / "u")]):
        result = run_cli(*command, "--passphrase-file", str(passphrase))
        assert result.returncode == 0, result.stderr
        assert forged in result.stdout
        warnings = [line for line in result.stderr.splitlines() if "re-sign" in line]
        assert len(warnings) == 1 and "sealing chart" in warnings[0] and "--signer" in warnings[0]
    result = run_cli("unseal", str(copy), "--out", str(tmp_path / "u2"), "--passphrase-file", str(passphrase),
                     "--signer", genuine)  # fmt: skip
    assert result.returncode == ExitCode.PACKAGE_INVALID and not (tmp_path / "u2").exists()
    result = run_cli("verify", str(sealed), "--signer", genuine)
    assert result.returncode == 0 and genuine in result.stdout and "re-sign" not in result.stderr
    assert "the key given with --signer" in result.stdout
    # Copied from the chart without its "SHA256:" prefix, it is the same key, not tampering.
    assert run_cli("verify", str(sealed), "--signer", genuine.removeprefix("SHA256:")).returncode == 0
    assert run_cli("verify", str(sealed), "--signer", "sha256:" + genuine.removeprefix("SHA256:")).returncode == 0


def test_how_to_open_says_to_compare_the_signer_with_the_filed_chart(sealed: Path) -> None:
    text = (sealed / "data" / "HOW-TO-OPEN.txt").read_text()
    assert "--signer" in text and "re-sign" in text and "filed" in text
    assert "recompute the fingerprint" in text


def sign_with_block(package_dir: Path, change: dict[str, str]) -> None:
    """Sign the manifest with a fresh key whose signature block has `change` applied to it."""
    path = package_dir / "data" / "manifest.json"
    manifest = json.loads(path.read_text())
    key = OneTimeKey()
    key.sign(manifest)
    manifest["signature"].update(change)
    data = (json.dumps(manifest, indent=2) + "\n").encode()
    path.write_bytes(data)
    (package_dir / "data" / "manifest.json.sig").write_bytes(key._key.sign(data))
    bagit.Bag(str(package_dir)).save(manifests=True)


@pytest.mark.parametrize("field", ["fingerprint", "public_key_pem"])
def test_verify_fails_when_the_manifest_names_another_key_than_it_is_signed_with(
    field: str, sealed: Path, tmp_path: Path
) -> None:
    """openssl with the manifest's PEM, or the fingerprint field read by eye, would trust that key."""
    genuine = json.loads((sealed / "data" / "manifest.json").read_text())["signature"]
    copy = copy_of(sealed, tmp_path)
    sign_with_block(copy, {field: genuine[field]})
    check = verify_package(copy)
    assert f"manifest.json's signature.{field} is not that of the key it is signed with" in check.problems


def test_the_fingerprint_on_the_chart_copies_exactly(tmp_path: Path) -> None:
    """A fingerprint is base64: it can hold "ff", "fi" or "fl", which a proportional font sets as
    one ligature glyph that copies as another character, and `verify --signer` would then fail."""
    from redactor.chart import chart_pdf
    from redactor.court import court_profile

    fingerprint = "SHA256:BPEIIwyOOwmil0yjuS33IBpfffkCWLAc/ttiE0kfxlM+fiX"
    chart = tmp_path / "chart.pdf"
    chart.write_bytes(chart_pdf([], court_profile(None), "3:19-cv-01234", fingerprint))
    assert_present(chart, [fingerprint], tools=("pdfminer", "pypdf", "pdftotext"))
    assert any(fingerprint in text.split() for text in extractions(chart).values())


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redactor.cli", *args], capture_output=True, text=True, check=False,
        stdin=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


def test_a_case_number_with_spaces_around_it_still_verifies_and_a_tab_is_refused(filing: Path, tmp_path: Path) -> None:
    """bag-info.txt loses the spaces around a value, and `verify` then found it altered: the
    package could never be opened. Every package is verified as written before it is put in place."""
    out = tmp_path / "pkg"
    package([inputs(filing)[0]], out, passphrase=PASSPHRASE, case=" 3:19-cv-01234 ")
    assert verify_package(out).passed
    assert json.loads((out / "data" / "manifest.json").read_text())["case"] == "3:19-cv-01234"
    with pytest.raises(BadArguments, match="one line"):
        package([inputs(filing)[0]], tmp_path / "other", passphrase=PASSPHRASE, case="3:19-cv\t01234")
    assert not (tmp_path / "other").exists()


def test_a_file_given_as_a_recipient_by_mistake_is_never_quoted(filing: Path, tmp_path: Path) -> None:
    """`-r terms.txt` printed the first sixteen characters of the terms file (a sealed name);
    `-r` with a passphrase file printed the passphrase (UX review, 2026-11-26)."""
    first_term = (filing / "terms.txt").read_text().splitlines()[0]
    result = run_cli("package", str(inputs(filing)[0]), "--out", str(tmp_path / "p"), "-r", str(filing / "terms.txt"))
    assert result.returncode == 2 and "line 1 of" in result.stderr and "not an age public key" in result.stderr
    assert first_term[:6] not in result.stdout + result.stderr
    secret = tmp_path / "clerk.key"
    secret.write_text("AGE-SECRET-KEY-1" + "Q" * 58 + "\n")
    result = run_cli("package", str(inputs(filing)[0]), "--out", str(tmp_path / "p"), "-r", str(secret))
    assert result.returncode == 2 and "is a private key" in result.stderr and "QQQQ" not in result.stderr


def test_an_ssh_key_protected_by_a_passphrase_is_named_as_such(tmp_path: Path) -> None:
    """ssh-keygen protects keys with a passphrase by default; such a key was called "not an SSH
    private key", though age opens the package with it (UX review, 2026-11-26)."""
    import base64
    import struct

    from redactor.errors import BadArguments
    from redactor.seal import load_identities

    def key(cipher: bytes) -> bytes:
        body = b"openssh-key-v1\x00" + struct.pack(">I", len(cipher)) + cipher + b"\x00" * 32
        return (
            b"-----BEGIN OPENSSH PRIVATE KEY-----\n" + base64.b64encode(body) + b"\n-----END OPENSSH PRIVATE KEY-----\n"
        )

    protected = tmp_path / "id_ed25519"
    protected.write_bytes(key(b"aes256-ctr"))
    with pytest.raises(BadArguments, match="protected by a passphrase"):
        load_identities([protected])
    plain = tmp_path / "id_plain"
    plain.write_bytes(key(b"none"))
    with pytest.raises(BadArguments, match="not an age identity or SSH private key"):
        load_identities([plain])  # not a whole key: refused as before, not as protected


def test_what_a_file_manager_adds_or_an_unzip_folder_is_explained(sealed: Path, tmp_path: Path) -> None:
    """Finder's .DS_Store read as tampering, and the folder Windows' "Extract All" adds, or the
    data/ folder HOW-TO-OPEN.txt sits in, as "not a redactor package" (UX review, 2026-11-26)."""
    copy = copy_of(sealed, tmp_path)
    (copy / "data" / "public" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    check = verify_package(copy)
    assert not check.passed
    assert any("public/.DS_Store (macOS Finder adds such files" in p for p in check.problems), check.problems
    wrapper = tmp_path / "unzipped"
    wrapper.mkdir()
    copy.rename(wrapper / copy.name)
    for given in (wrapper, wrapper / copy.name / "data"):
        with pytest.raises(PackageInvalid, match=f"the package seems to be {wrapper / copy.name}"):
            verify_package(given)


def test_a_document_given_twice_is_named_so(filing: Path, tmp_path: Path) -> None:
    """It was "two documents are named declaration; rename one" (UX review, 2026-11-26)."""
    first = inputs(filing)[0]
    with pytest.raises(BadArguments, match=f"{first.name} is given twice"):
        package([first, first], tmp_path / "pk", passphrase=PASSPHRASE)
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(first, other / first.name)
    with pytest.raises(BadArguments, match="two documents are named"):
        package([first, other / first.name], tmp_path / "pk", passphrase=PASSPHRASE)


def test_two_copies_of_one_document_with_its_reviewed_plan_each_get_their_own_hash(
    filing: Path, tmp_path: Path
) -> None:
    """A reviewed plan is matched by the document's SHA-256, so two copies of one document (an
    exhibit filed twice) shared one plan object: the manifest gave the first copy's public PDF the
    second's SHA-256."""
    first, second = tmp_path / "exhibit_1.pdf", tmp_path / "exhibit_2.pdf"
    shutil.copy(filing / "exhibit_a.pdf", first)
    shutil.copy(filing / "exhibit_a.pdf", second)
    plan = tmp_path / "exhibit.redactions.json"
    plan.write_text(redactor.scan(first).to_json())
    package([first, second], tmp_path / "pkg", passphrase=PASSPHRASE, plans=[plan])
    data = tmp_path / "pkg" / "data"
    documents = json.loads((data / "manifest.json").read_text())["documents"]
    assert [d["public_sha256"] for d in documents] == [sha256((data / d["public"]).read_bytes()) for d in documents]
    assert verify_package(tmp_path / "pkg", passphrase=PASSPHRASE).passed


def test_a_missing_case_number_and_unreviewed_notes_are_warned_of(filing: Path, tmp_path: Path) -> None:
    """package wrote a chart with no case number, and left unmentioned the review notes that
    redact points to (UX review, 2026-11-26)."""
    result = package([inputs(filing)[0]], tmp_path / "pkg", passphrase=PASSPHRASE)
    assert any("no --case was given" in warning for warning in result.warnings)
    assert any("carry a review note and no reviewed plan was given" in warning for warning in result.warnings)
    # what to do about it: the plan is sealed in the package (usability review)
    assert any(f"run redactor scan {inputs(filing)[0]}, edit the plan" in warning for warning in result.warnings)
    assert result.court == "S.D. Cal. Civ. L.R. 79.2 (the default court: choose another with --court)"
    result = package(
        [inputs(filing)[0]], tmp_path / "pkg2", passphrase=PASSPHRASE, case="3:19-cv-01234", court="N.D. Cal."
    )
    assert not any("--case" in warning for warning in result.warnings)
    assert result.court == "N.D. Cal. Civ. L.R. 79-5"  # chosen, so not called a default


MANIFEST_DAMAGE = {
    "documents not a list": lambda manifest: manifest.update(documents=5),
    # red-team review of packages: the system refused to look the file up (exit 70)
    "a path too long for the system": lambda manifest: manifest["files"][0].update(path="a" * 5000),
}


@pytest.mark.parametrize(
    "damage", ["bag-info.txt not UTF-8", "manifest-sha256.txt not UTF-8", "documents not a list",
               "a path too long for the system"],
)  # fmt: skip
def test_a_broken_package_is_a_problem_found_not_an_internal_error(sealed: Path, tmp_path: Path, damage: str) -> None:
    """The BagIt files are not signed, so anyone can break them; these ended in internal errors
    (fuzzing review, 2026-11-26). verify and unseal say the package does not verify (exit 13)."""
    package_dir = copy_of(sealed, tmp_path)
    if damage in MANIFEST_DAMAGE:
        manifest = package_dir / "data" / "manifest.json"
        data = json.loads(manifest.read_text())
        MANIFEST_DAMAGE[damage](data)
        manifest.write_text(json.dumps(data))
    else:
        with open(package_dir / damage.split()[0], "ab") as stream:
            stream.write(b"\xff\xfe\x00\n")
    for command in (["verify", str(package_dir)], ["unseal", str(package_dir), "--out", str(tmp_path / "o"),
                                                    "--passphrase-file", str(tmp_path / "pass.txt")]):  # fmt: skip
        (tmp_path / "pass.txt").write_text(PASSPHRASE + "\n")
        result = run_cli(*command)
        assert result.returncode == 13, (command[0], result.returncode, result.stderr)
        assert "internal error" not in result.stderr


def test_names_in_a_package_cannot_send_escape_sequences_to_the_terminal(sealed: Path, tmp_path: Path) -> None:
    """Anyone can name a file in a package, or a path in its manifest: an escape sequence in one
    reached the terminal, where it can erase the problem printed before it or set the title."""
    package_dir = copy_of(sealed, tmp_path)
    (package_dir / "data" / "public" / "x\x1b[2K\x1b[1Averified.pdf").write_bytes(b"%PDF-1.7")
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    for command in (["verify", str(package_dir)], ["unseal", str(package_dir), "--out", str(tmp_path / "o"),
                                                    "--passphrase-file", str(passphrase)]):  # fmt: skip
        result = run_cli(*command)
        assert result.returncode == ExitCode.PACKAGE_INVALID
        assert "x?[2K?[1Averified.pdf" in result.stdout + result.stderr
        assert "\x1b" not in result.stdout + result.stderr


def point_at_dev_zero(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("name", ["manifest.json", "manifest.json.sig"])
@pytest.mark.parametrize("make", [fifo, point_at_dev_zero], ids=["pipe", "link to /dev/zero"])
def test_a_manifest_or_signature_that_is_no_file_is_refused_unread(
    name: str, make: Callable[[Path], None], sealed: Path, tmp_path: Path
) -> None:
    """A pipe nobody writes to in place of the manifest or its signature made verify and unseal
    wait forever, and a link to /dev/zero read until memory ran out: anyone who hands over a
    package can do that. Both are refused unread (exit 13)."""
    copy = copy_of(sealed, tmp_path)
    make(copy / "data" / name)
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    for command in (["verify", str(copy)], ["unseal", str(copy), "--out", str(tmp_path / "o"),
                                            "--passphrase-file", str(passphrase)]):  # fmt: skip
        try:
            result = subprocess.run(
                [sys.executable, "-m", "redactor.cli", *command], capture_output=True, text=True, check=False,
                stdin=subprocess.DEVNULL, timeout=30,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            pytest.fail(f"{command[0]} read data/{name} forever")
        assert result.returncode == ExitCode.PACKAGE_INVALID, (command[0], result.stderr)
        assert f"{name} is not a regular file" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_signed_manifest_that_gives_a_key_twice_is_refused(sealed: Path, tmp_path: Path) -> None:
    """Python keeps the last of two equal keys in a JSON object and other readers the first, so a
    manifest holding "files" twice, signed as it is, named two sets of files: one for redactor and
    one for whoever checks it with another tool. Refused as damaged (exit 13)."""
    copy = copy_of(sealed, tmp_path)
    path = copy / "data" / "manifest.json"
    key = OneTimeKey()
    data, _ = key.sign(json.loads(path.read_text()))
    doubled = data.replace(b"{", b'{\n  "files": [],', 1)
    path.write_bytes(doubled)
    (copy / "data" / "manifest.json.sig").write_bytes(key._key.sign(doubled))
    bagit.Bag(str(copy)).save(manifests=True)
    result = run_cli("verify", str(copy))
    assert result.returncode == ExitCode.PACKAGE_INVALID
    assert "manifest.json is damaged or not a redactor manifest" in result.stdout + result.stderr


def test_a_manifest_of_many_megabytes_is_refused_unread(sealed: Path, tmp_path: Path) -> None:
    """A manifest of hundreds of megabytes (3,000,000 files listed) took minutes and gigabytes of
    memory before anything was reported. One over 16 MB (a filing's is a few kilobytes) is refused
    by its size (exit 13); a sparse file, so the test writes next to nothing."""
    copy = copy_of(sealed, tmp_path)
    with open(copy / "data" / "manifest.json", "r+b") as stream:
        stream.truncate(17 * 2**20)
    result = run_cli("verify", str(copy))
    assert result.returncode == ExitCode.PACKAGE_INVALID
    assert "manifest.json is over 16 MB" in result.stdout + result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_listed_in_the_bag_manifest_is_not_read(sealed: Path, tmp_path: Path) -> None:
    """The BagIt validator reads every file its (unsigned) manifest lists: a pipe listed there
    made verify wait forever. It is reported as a special file, and not read."""
    copy = copy_of(sealed, tmp_path)
    os.mkfifo(copy / "data" / "public" / "pipe")
    with open(copy / "manifest-sha256.txt", "a") as stream:
        stream.write(f"{'0' * 64}  data/public/pipe\n")
    info = copy / "bag-info.txt"  # without the file count, which bagit checks before reading
    info.write_text("".join(line for line in info.read_text().splitlines(True) if "Payload-Oxum" not in line))
    retag(copy)
    result = subprocess.run(
        [sys.executable, "-m", "redactor.cli", "verify", str(copy)], capture_output=True, text=True, check=False,
        stdin=subprocess.DEVNULL, timeout=30,
    )  # fmt: skip
    assert result.returncode == ExitCode.PACKAGE_INVALID
    assert "not a regular file: data/public/pipe" in result.stdout + result.stderr


def test_key_files_saved_by_notepad_with_a_byte_order_mark_still_work(tmp_path: Path) -> None:
    """Notepad may begin a file with a byte-order mark: a key file opened and saved there was
    "no private key in me.key", and a file of public keys "not an age public key" (plans and
    passphrase files already allow it)."""
    from redactor.seal import parse_recipients

    text, public = new_identity()
    secret = text.splitlines()[-1]  # the key alone, as one copies it from age-keygen's output
    (tmp_path / "me.key").write_text("\ufeff" + secret + "\r\n", encoding="utf-8")
    (tmp_path / "keys.txt").write_text("\ufeff" + public + "\r\n", encoding="utf-8")
    identity = load_identities([tmp_path / "me.key"])
    recipients = parse_recipients([str(tmp_path / "keys.txt")])
    assert [key for key, _ in recipients] == [public]
    assert pyrage.decrypt(pyrage.encrypt(b"sealed", [recipients[0][1]]), identity) == b"sealed"


def test_keygen_on_a_full_disk_leaves_no_empty_key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a full disk keygen ended in an internal error and left an empty key file, which the
    next keygen refused to replace and which stood in for a key."""
    from redactor.seal import write_identity

    def full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputNotWritable, match="No space left on device"):
        write_identity(tmp_path / "me.key")
    assert list(tmp_path.iterdir()) == []


def test_keygen_never_writes_through_a_link_to_nowhere(tmp_path: Path) -> None:
    (tmp_path / "dangling.key").symlink_to(tmp_path / "nowhere")
    result = run_cli("keygen", "--out", str(tmp_path / "dangling.key"))
    assert result.returncode == 2 and "never overwrites" in result.stderr
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(not hasattr(os, "truncate") or sys.platform != "linux", reason="needs sparse files and rlimits")
def test_a_listed_file_swapped_for_a_huge_one_is_altered_not_read(sealed: Path, tmp_path: Path) -> None:
    """verify read each listed file whole before comparing it: a public PDF swapped for a (sparse)
    file of 6 GiB filled memory and ended in an internal error. A file of another size than the
    manifest lists is now altered, unread."""
    import resource

    package_dir = copy_of(sealed, tmp_path)
    public = next((package_dir / "data" / "public").glob("*.pdf"))
    with open(public, "r+b") as stream:
        stream.truncate(6 << 30)

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    result = subprocess.run(
        [sys.executable, "-m", "redactor.cli", "verify", str(package_dir)], capture_output=True, text=True,
        check=False, stdin=subprocess.DEVNULL, preexec_fn=limited,
    )  # fmt: skip
    assert result.returncode == ExitCode.PACKAGE_INVALID, result.stderr
    assert f"altered: public/{public.name}" in result.stdout + result.stderr


def test_unseal_names_the_folder_an_unseal_killed_outright_left_behind(sealed: Path, tmp_path: Path) -> None:
    """SIGKILL or a power cut during `unseal` leaves its hidden ".FOLDER.*.partial" of unsealed
    files: nothing of ours runs then. The next unseal into that folder names it (README Known
    limits said only "delete it", where no user would read it)."""
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    leftover = tmp_path / ".unsealed.k3j9x2_a.partial"
    leftover.mkdir()
    (leftover / "declaration.pdf").write_bytes(b"%PDF-1.7 unsealed")
    (tmp_path / ".other.k3j9x2_a.partial").mkdir()  # another folder's: not this one's
    result = run_cli("unseal", str(sealed), "--out", str(tmp_path / "unsealed"), "--passphrase-file", str(passphrase))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ".partial" in line]
    assert len(warnings) == 1 and str(leftover) in warnings[0] and "delete it" in warnings[0], result.stderr
    assert leftover.is_dir()  # named, not deleted: another unseal may be writing it
    again = unseal(sealed, tmp_path / "again", passphrase=PASSPHRASE)
    assert again.leftovers == []


@pytest.mark.parametrize("where", ["sealed reference list", "manifest", "manifest without its index"])
def test_references_other_than_the_sealed_plans_give_are_tampering(where: str, sealed: Path, tmp_path: Path) -> None:
    """The sealed reference list was decrypted and never checked: a re-signed package could send
    a judge from the chart's REF-001 to another value than the one redacted there (second
    sealed-filings review, 2026-11-27). The list and the manifest's references are now rebuilt
    from the sealed plans and compared."""
    copy = copy_of(sealed, tmp_path)
    if where == "sealed reference list":
        identity = package_identity(copy)
        target = copy / "data" / "sealed" / "reference-list.json.age"
        listing = json.loads(pyrage.decrypt(target.read_bytes(), [identity]))
        listing["entries"][0]["text"] = "Someone Else"
        target.write_bytes(pyrage.encrypt(json.dumps(listing).encode(), [identity.to_public()]))
        resign(copy, lambda manifest: None)
        message = "altered: sealed/reference-list.json.age does not list what the sealed plans redact"
    else:

        def swap(manifest: dict) -> None:
            if where.endswith("index"):  # no field verify requires: read, it was an internal error
                del manifest["documents"][0]["redactions"]
                return
            first, second = manifest["documents"][0]["redactions"][:2]
            assert first["reference"] != second["reference"]
            first["reference"], second["reference"] = second["reference"], first["reference"]

        resign(copy, swap)
        name = json.loads((copy / "data" / "manifest.json").read_text())["documents"][0]["name"]
        message = f"altered: the manifest's references for {name} are not the sealed plans'"
    assert verify_package(sealed, passphrase=PASSPHRASE).problems == []
    assert message in verify_package(copy, passphrase=PASSPHRASE).problems
