"""Build the patched Streamlit wheel: upstream's wheel, our patch series, our modules.

``python -m wheelbuild`` writes it to ``dist/``; the PEP 517 hooks in
``wheelbuild.backend`` let ``pip install .`` build and install the same wheel.
"""
