"""pytest collects ``scenarios/*.yaml`` files as scenario tests (see casus.testing.scenarios)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.testing.scenarios import ScenarioFileError, check, check_cascade, load_cases


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def corpus(self, extra: tuple[str, ...]):
        """The corpus a case of this file is asked against: loaded once per file and extra folders."""
        from casus import service

        if not hasattr(self, "_corpora"):
            self._corpora = {}
        if extra not in self._corpora:
            self._corpora[extra] = service.load(extra)
        return self._corpora[extra]

    def collect(self):
        try:
            cases = load_cases(self.path)
        except ScenarioFileError as exc:
            raise self.CollectError(str(exc)) from None
        for case in cases:
            yield ScenarioItem.from_parent(self, name=case.name, case=case)


class ScenarioItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        from casus import service

        corpus = self.parent.corpus(tuple(self.case.extra_corpus))
        ask = self.case.ask
        question = dict(event=ask["event"], target=ask["target"], by=ask.get("by", ()), at=ask.get("at"),
                        on=ask.get("on"), weapon=ask.get("weapon"), facts=ask.get("facts"),
                        reading=ask.get("reading"))
        failures = check(self.case, service.ask(corpus, service.AskRequest(**question)))
        if self.case.cascade is not None:
            options = self.case.cascade
            result = service.cascade(corpus, service.CascadeRequest(
                **question, escalation=options.get("escalation", "none"), depth=options.get("depth"),
                binding_only=options.get("binding_only", False)))
            failures += check_cascade(self.case, result.cascade)
        if failures:
            raise ScenarioFailure(failures)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ScenarioFailure):
            return f"{self.case.file}: {self.name}\n" + "\n".join(excinfo.value.failures)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"scenario: {self.name}"


class ScenarioFailure(Exception):
    def __init__(self, failures):
        super().__init__("\n".join(failures))
        self.failures = failures
