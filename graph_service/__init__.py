"""partnership-graph: the partnerships behind applications to a call for projects, as a graph."""

__version__ = "0.1.0"
