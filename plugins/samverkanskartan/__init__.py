"""Samverkanskartan's built-in plugins, one subpackage each.

They live under the distribution's own name, which the package index gives only to this
project, so no third-party `samverkan-<name>` distribution can ever clash with them. Each
registers through the `samverkan` entry-point group exactly as an outside plugin does, and
none imports another.
"""
