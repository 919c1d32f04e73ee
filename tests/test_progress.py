"""Progress bars: on a terminal only, never changing what is iterated."""

import io
import sys

from geokarabakh.progress import MIN_ITEMS, track


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_silent_in_a_pipe(monkeypatch, capsys):
    items = list(range(MIN_ITEMS * 2))
    assert list(track(items, "work")) == items
    assert capsys.readouterr().err == ""


def test_bar_on_a_terminal(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    items = list(range(MIN_ITEMS * 2))
    assert list(track(items, "geocoding places")) == items
    assert "geocoding places" in terminal.getvalue()


def test_short_jobs_get_no_bar(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(track([1, 2, 3], "work")) == [1, 2, 3]
    assert terminal.getvalue() == ""
