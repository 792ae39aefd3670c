"""casus compare --reading: a reading none of the compared instruments has is an error on --reading, exit code 2."""

from __future__ import annotations


def test_a_reading_of_none_of_the_instruments_lists_theirs(run):
    result = run("compare", "nato", "csto", "--reading", "foo")
    assert result.exit_code == 2
    assert result.output.startswith("error: --reading: none of the instruments compared has the reading 'foo'; "
                                    "their readings: ")
    assert "as-worded" in result.output and "no provision has readings" not in result.output


def test_a_reading_of_another_instrument_is_not_applied(run):
    result = run("compare", "nato", "anzus", "--reading", "defensive", "--format", "markdown")
    assert result.exit_code == 2
    assert result.output == ("error: --reading: none of the instruments compared has the reading 'defensive'; "
                             "none of them has readings of contested provisions; leave the reading out\n")
