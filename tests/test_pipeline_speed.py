"""bench.pipeline_speed's instruction counting (the valgrind run itself is too slow for the test suite)."""

import pytest

from bench.pipeline_speed import collected_instructions


def test_collected_instructions_reads_callgrinds_summary():
    stderr = ("==123== Callgrind, a call-graph generating cache profiler\n==123== \n"
              "==123== Events    : Ir\n==123== Collected : 1408819284\n==123== \n==123== I   refs:      1,408,819,284\n")
    assert collected_instructions(stderr) == 1_408_819_284


def test_collected_instructions_says_when_callgrind_collected_nothing():
    with pytest.raises(RuntimeError, match="Collected"):
        collected_instructions("valgrind: no such tool\n")


def test_the_figures_say_which_engine_they_are_of(monkeypatch):
    from bench import pipeline_speed
    from incidentmap import compiled

    monkeypatch.setattr(compiled, "compiled_modules", lambda **_: [])
    assert "plain Python" in pipeline_speed.engine_build()
    monkeypatch.setattr(compiled, "compiled_modules", lambda **_: list(compiled.MODULES))
    n = len(compiled.MODULES)
    assert pipeline_speed.engine_build() == f"engine: {n} of {n} rule modules compiled with mypyc"
