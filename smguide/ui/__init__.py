"""The Qt layer: windows and pages over smguide.core."""
