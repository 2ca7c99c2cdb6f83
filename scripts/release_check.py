"""Is this commit ready to be released under TAG? Run by release.yml, and by
hand before tagging:

    python scripts/release_check.py v3.0.0
    python scripts/release_check.py v3.0.0 --index-url https://test.pypi.org/simple/

Checks that the tag, Cargo.toml's version (the package version, in its PEP
440 form) and a CHANGELOG.md entry agree, and that the version is not already
on the target index. Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRERELEASE = {"alpha": "a", "a": "a", "beta": "b", "b": "b", "rc": "rc"}


def cargo_version(cargo_toml: str) -> str:
    """The [package] version of a Cargo.toml."""
    in_package = False
    for line in cargo_toml.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            in_package = stripped == "[package]"
        elif in_package:
            match = re.fullmatch(r'version\s*=\s*"([^"]+)"', stripped)
            if match:
                return match.group(1)
    raise ValueError("Cargo.toml has no [package] version")


def pep440(semver: str) -> str:
    """Cargo's semver as PEP 440: 3.0.0-rc.1 -> 3.0.0rc1, 3.1.0-dev.2 -> 3.1.0.dev2."""
    match = re.fullmatch(r"(\d+\.\d+\.\d+)(?:-([a-z]+)\.?(\d+))?", semver)
    if not match:
        raise ValueError(f"version {semver!r} is not MAJOR.MINOR.PATCH[-(alpha|beta|rc|dev).N]")
    release, label, number = match.groups()
    if label is None:
        return release
    if label == "dev":
        return f"{release}.dev{number}"
    if label not in PRERELEASE:
        raise ValueError(f"pre-release label {label!r} has no PEP 440 form")
    return f"{release}{PRERELEASE[label]}{number}"


def changelog_has(changelog: str, version: str) -> bool:
    pattern = rf"^##\s+\[?v?{re.escape(version)}\]?(\s|$)"
    return re.search(pattern, changelog, re.MULTILINE) is not None


def on_index(index_url: str, version: str) -> bool:
    """Whether the simple index lists a pychrony file of this version."""
    url = index_url.rstrip("/") + "/pychrony/"
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            page = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return False  # the project is not on this index yet
        raise
    return re.search(rf"pychrony-{re.escape(version)}[-.]", page, re.IGNORECASE) is not None


def problems(tag: str, root: Path = ROOT, index_url: str | None = None) -> list[str]:
    found = []
    try:
        semver = cargo_version((root / "Cargo.toml").read_text())
        version = pep440(semver)
    except (OSError, ValueError) as exc:
        return [f"Cargo.toml: {exc}"]
    if tag not in (f"v{version}", f"v{semver}"):
        found.append(
            f"tag {tag} does not match Cargo.toml's version {semver} (expected v{version})"
        )
    changelog = root / "CHANGELOG.md"
    if not changelog.exists() or not changelog_has(changelog.read_text(), version):
        found.append(f"CHANGELOG.md has no '## [{version}]' entry")
    if index_url:
        try:
            if on_index(index_url, version):
                found.append(f"pychrony {version} is already on {index_url}")
        except (urllib.error.URLError, OSError) as exc:
            found.append(f"cannot read {index_url} to check for {version}: {exc}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tag", help="the release tag, e.g. v3.0.0")
    parser.add_argument("--index-url", help="simple index to check, e.g. https://pypi.org/simple/")
    args = parser.parse_args(argv)
    found = problems(args.tag, index_url=args.index_url)
    for line in found:
        print(f"release_check: {line}", file=sys.stderr)
    if not found:
        print(f"release_check: {args.tag} is ready")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
