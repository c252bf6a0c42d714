"""Coverage-guided fuzzing (atheris) of the normaliser and the JSON gate.

    python tests/attack/atheris_targets.py -runs=100000        # or -max_total_time=600

Every input is turned into text (and into a request body); the normaliser's map must
stay inside the text and ordered, and the JSON gate must raise nothing but BadRequest.
Any other exception is a finding: atheris stops and writes the input to crash-*.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    from app.errors import BadRequest
    from app.evasion import find
    from app.limits import check_json
    from app.normalise import normalise


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(4096)
    norm = normalise(text)
    prev = (0, 0)
    for i in range(len(norm.text)):
        s, e = norm.to_original(i, i + 1)
        if not (0 <= s < e <= len(text) and s >= prev[0] and e >= prev[1]):
            raise AssertionError(f"bad map at {i}: {(s, e)} after {prev}")
        prev = (s, e)
    for rw in find(norm.text):
        if not 0 <= rw.start <= rw.end <= len(norm.text):
            raise AssertionError("rewrite outside the text")
    with contextlib.suppress(BadRequest):
        check_json(data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
