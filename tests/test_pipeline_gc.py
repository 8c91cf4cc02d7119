"""The analysis pauses the cyclic garbage collector and always gives it back."""

from __future__ import annotations

import gc

import pytest

from samverkan.pipeline import collector_paused


def test_the_collector_is_paused_inside_and_enabled_again_after_an_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a rule failed")
    assert gc.isenabled()


def test_a_caller_that_turned_the_collector_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
