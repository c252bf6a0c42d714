"""The audit log: proof of what was checked, never the text (see log.py and store.py)."""

from __future__ import annotations

from app.audit.log import AuditLog, audit_secret, text_hash

__all__ = ["AuditLog", "audit_secret", "text_hash"]
