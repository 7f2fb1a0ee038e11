"""Who may edit: viewers of a public link never write.

The page asks :func:`decide_access` once per run, from facts only the server
knows (settings, secrets, the sign-in state Streamlit verified) and never
from anything the browser sends, so no crafted widget value or query
parameter can turn a viewer into an editor. Every write path in the page
takes the :class:`Access` it returns and writes nothing unless
``can_edit`` is true.

Editing is on in one of three ways, in this order:

1. Streamlit's authentication (``st.login``), when ``[auth]`` is configured in
   secrets: a signed-in user may edit; ``ATLAS_EDITORS`` (comma-separated
   emails), when set, limits who. Reviews record the signed-in email.
2. An editor passphrase (``ATLAS_EDITOR_PASSPHRASE``, a secret or environment
   variable), entered in the page and compared in constant time.
3. With neither configured, only when the server listens on a loopback
   address (``--server.address localhost``): a person at this machine.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

__all__ = ["Access", "check_passphrase", "decide_access", "is_loopback", "parse_editors"]


@dataclass(frozen=True)
class Access:
    """Whether this session may write, how it was allowed, and who it writes as."""

    can_edit: bool
    how: str = ""
    editor: str = ""
    reason: str = ""

    @property
    def needs_name(self) -> bool:
        """Allowed to edit, but no identity to record yet."""
        return self.can_edit and not self.editor


READ_ONLY = Access(False, reason="read-only")


def decide_access(
    *,
    auth_configured: bool,
    signed_in_email: str | None,
    editors: frozenset[str] = frozenset(),
    passphrase_configured: bool,
    passphrase_verified: bool,
    server_address: str | None,
    typed_name: str = "",
    database_writable: bool = True,
) -> Access:
    """The :class:`Access` of one session, from server-side facts."""
    if not database_writable:
        return Access(False, reason="the database is unavailable, so the page is read-only")
    name = " ".join(typed_name.split())[:200]
    if auth_configured and signed_in_email:
        email = signed_in_email.strip().lower()
        if editors and email not in editors:
            return Access(False, reason=f"{email} is not among this atlas's editors")
        return Access(True, how="sign-in", editor=email)
    if passphrase_configured and passphrase_verified:
        return Access(True, how="passphrase", editor=name)
    if not auth_configured and not passphrase_configured and is_loopback(server_address):
        return Access(True, how="localhost", editor=name)
    if auth_configured:
        return Access(False, reason="sign in to edit")
    if passphrase_configured:
        return Access(False, reason="enter the editor passphrase to edit")
    return Access(
        False,
        reason=(
            "editing is off: this server is not on localhost and no sign-in or editor "
            "passphrase is configured"
        ),
    )


def check_passphrase(secret: str, given: str) -> bool:
    """Constant-time comparison; hashing first hides the secret's length too."""
    if not secret:
        return False
    a = hashlib.sha256(secret.encode("utf-8")).digest()
    b = hashlib.sha256(given.encode("utf-8")).digest()
    return hmac.compare_digest(a, b)


def is_loopback(address: str | None) -> bool:
    """True for ``localhost`` and loopback IPs; False for unset (all interfaces)."""
    if not address:
        return False
    address = address.strip().strip("[]")
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def parse_editors(value: str | list[str] | tuple[str, ...] | None) -> frozenset[str]:
    """``ATLAS_EDITORS`` as a set of lowercased emails (a comma list or a list)."""
    if not value:
        return frozenset()
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return frozenset(i.strip().lower() for i in items if i.strip())
