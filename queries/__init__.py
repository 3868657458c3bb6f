"""Measures over partnership networks: metrics, reports, comparisons.

Pure functions over networkx graphs built by :mod:`graph_service.domain.network`; nothing here
touches a store, a web framework or the file system beyond packaged resources.
"""
