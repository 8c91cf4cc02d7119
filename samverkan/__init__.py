"""Samverkanskartan: map how public agencies collaborate, find the weak links, show the map.

Plugin authors need only ``hookimpl`` from here, and the types in ``samverkan.contract``
and ``samverkan.model``.
"""

from samverkan.hookspecs import hookimpl

__all__ = ["hookimpl"]
__version__ = "0.1.0"
