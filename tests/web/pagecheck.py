"""What the in-process page tests share: the command line's output to compare with, and the error document."""

from __future__ import annotations

from click.testing import CliRunner

from casus.cli import main as cli


def cli_out(*args) -> str:
    """What ``casus ARGS`` prints on stdout (it must succeed)."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def error_of(response, status: int, field: str | None = None) -> dict:
    """The ``casus.error/1`` error of a response, checked for its status, media type, shape and field."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    doc = response.json()
    assert doc["format"] == "casus.error/1"
    assert set(doc["error"]) == {"code", "message", "field", "hint", "problems"}
    if field is not None:
        assert doc["error"]["field"] == field, doc
    assert "Traceback" not in response.text
    return doc["error"]
