"""casus.language: the treaty language, each rule in one home.

* :mod:`~casus.language.operators`: the condition operators of treaty files,
  each defined once (parse, evaluate, static evaluation, the scenario fields
  it reads, its wording);
* :mod:`~casus.language.steps`: the other checks a finding's trace records
  (in force, membership, an aggressor bound against itself);
* :mod:`~casus.language.parties`: who a provision binds, toward whom;
* :mod:`~casus.model.citation`: how an article is cited.

This layer depends on :mod:`casus.model` only; the engine and the loader use it.
"""
