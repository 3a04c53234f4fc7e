"""The engine: plain Python, no Qt.

Everything a rule of the product depends on lives here so it can be tested
without a screen, and so the command line and the desktop app share it.
"""
