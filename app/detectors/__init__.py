"""Detectors turn one parsed text into typed entities (app.findings.Entity)."""
