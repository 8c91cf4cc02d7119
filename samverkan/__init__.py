"""Samverkanskartan: map how public agencies collaborate, find the weak links, show the map.

Plugin authors need only ``hookimpl`` from here; the public API (``samverkan.contract``,
``samverkan.model``, ``samverkan.testing``, …) is listed in docs/plugins.md.
"""

from samverkan.hookspecs import hookimpl

__all__ = ["hookimpl"]
__version__ = "0.1.0"
