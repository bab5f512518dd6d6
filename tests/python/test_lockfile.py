"""The hashed lockfile the setup installs from agrees with requirements.txt.

scripts/setup.sh installs `requirements.lock` with `pip --require-hashes`; a
pin changed in requirements.txt without regenerating the lock (CONTRIBUTING.md)
would install something else than the pins say. Every `name==version` of
requirements.txt must be in the lock with the same version and at least one
SHA-256 hash, and every package of the lock must carry hashes.
"""

from __future__ import annotations

import re
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(\[[^\]]+\])?==([^\s\\;]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[canonical(match.group(1))] = match.group(3)
    return found


def test_every_pin_of_requirements_is_in_the_lock():
    wanted, locked = pins(PROJECT_DIR / "requirements.txt"), pins(PROJECT_DIR / "requirements.lock")
    assert wanted, "requirements.txt pins nothing"
    wrong = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert not wrong, f"requirements.lock disagrees with requirements.txt (name: (wanted, locked)): {wrong}"


def test_every_locked_package_has_a_hash():
    text = (PROJECT_DIR / "requirements.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    unhashed = [b.split()[0] for b in blocks if PIN.match(b) and "--hash=sha256:" not in b]
    assert not unhashed, f"packages without a hash: {unhashed}"
