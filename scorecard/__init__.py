"""The Corporate Parenting Scorecard's domain: periods, measures, RAG, storage, uploads.

This package never imports streamlit (tests/unit/test_architecture.py checks): the pages in
app_pages/ read state, call it, and render.
"""
