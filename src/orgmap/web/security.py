"""The web app's guard: token on every request, local Host only, safe headers, safe uploads.

- Bound to a loopback address and given no token, the app serves only requests whose
  ``Host`` is exactly one of the names it serves - ``127.0.0.1``, ``localhost``, ``[::1]``
  and the bound address - so a page on another name that resolves to 127.0.0.1 (DNS
  rebinding, ``127.0.0.1.evil.example``) is refused.
- With a token (required for any other bind), every request - pages, assets, callbacks,
  uploads - must carry it: ``X-Orgmap-Token`` header, the ``orgmap_token`` cookie (set
  after a visit with ``?token=``, which then redirects to the same URL without it), or
  the ``token`` query parameter.
- Requests that change things (anything but GET) from a page of another origin are refused.
- Uploads are size-limited, recognised by their content (never by name or declared type)
  and stored under their SHA-256.

>>> is_loopback("127.0.0.1"), is_loopback("0.0.0.0"), is_loopback("127.0.0.1.evil.example")
(True, False, False)
>>> sorted(served_hosts("127.0.0.2"))
['127.0.0.1', '127.0.0.2', '[::1]', 'localhost']
>>> host_name("[::1]:8050"), host_name("LocalHost:80"), host_name("127.0.0.1.evil.example:8050")
('[::1]', 'localhost', '127.0.0.1.evil.example')
>>> sniff(b"%PDF-1.7 ...")
('application/pdf', 'pdf')
>>> sniff(b"<!DOCTYPE html><p>x")
('text/html', 'html')
>>> sniff(b"\\x89PNG\\r\\n")
Traceback (most recent call last):
...
orgmap.web.security.UploadRefused: the file is not a text, HTML or PDF document (it looks like binary data)
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, abort, g, redirect, request

__all__ = [
    "COOKIE",
    "HEADER",
    "MAX_UPLOAD_BYTES",
    "UploadRefused",
    "content_policy",
    "host_name",
    "install_guard",
    "is_loopback",
    "new_token",
    "served_hosts",
    "sniff",
    "store_upload",
]

COOKIE = "orgmap_token"
HEADER = "X-Orgmap-Token"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})


class UploadRefused(ValueError):
    """An upload that is not stored; the message says why."""


def is_loopback(host: str) -> bool:
    """Whether a bind address is on this machine only: ``localhost`` or a loopback IP address."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def served_hosts(bind: str) -> frozenset[str]:
    """The exact ``Host`` names a loopback-bound app answers: the local names and the bound address."""
    bound = bind.lower()
    if ":" in bound and not bound.startswith("["):
        bound = f"[{bound}]"
    return LOCAL_NAMES | {bound}


def host_name(header: str) -> str:
    """The name in a ``Host`` header, lower-cased, without its port (IPv6 keeps its brackets)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def new_token() -> str:
    """A fresh random token for a non-local bind."""
    return secrets.token_urlsafe(24)


def _presented() -> list[str]:
    """Every token the request carries (header, cookie, query): a stale cookie must not hide a good one."""
    found = [request.headers.get(HEADER), request.cookies.get(COOKIE), request.args.get("token")]
    return [t for t in found if t]


def _match(tokens: dict[str, str | None]) -> tuple[str, str | None] | None:
    """(token, analyst name or None) of the first accepted token the request carries, if any."""
    for presented in _presented():
        for token, who in tokens.items():
            if secrets.compare_digest(presented.encode(), token.encode()):
                return token, who
    return None


def _without_token() -> str:
    rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
    return request.path + ("?" + urlencode(rest) if rest else "")


def content_policy(script_hashes: list[str]) -> str:
    """The Content-Security-Policy: scripts only from the app (plus Dash's own inline ones by hash).

    Injected markup could not run a script even if some path rendered it: no inline
    script is allowed except the hashed ones Dash writes itself. Plotly needs ``eval``.
    """
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' " + " ".join(script_hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )


def install_guard(
    server: Flask,
    *,
    token: str | None,
    max_upload: int = MAX_UPLOAD_BYTES,
    policy: str | None = None,
    bind: str = "127.0.0.1",
    analysts: dict[str, str] | None = None,
) -> None:
    """Check every request for a token (or, when there is none, a Host the app serves at ``bind``).

    ``analysts`` maps per-person tokens to names: a request carrying one is recorded as
    that analyst (``flask.g.orgmap_who``) on every judgement and upload it makes.
    """
    hosts = served_hosts(bind)
    tokens: dict[str, str | None] = {**({token: None} if token else {}), **(analysts or {})}
    # base64 inflates an upload by 4/3; the JSON around it is small.
    server.config["MAX_CONTENT_LENGTH"] = max_upload * 4 // 3 + 64 * 1024

    @server.before_request
    def _check():
        origin = request.headers.get("Origin")
        if request.method != "GET" and origin and urlsplit(origin).netloc != request.host:
            return Response("orgmap: cross-site request refused\n", status=403, mimetype="text/plain")
        if not tokens:
            if host_name(request.host or "") not in hosts:
                abort(
                    403,
                    description="orgmap answers only requests addressed to "
                    f"{', '.join(sorted(hosts))}; start it with --host and a token "
                    "to serve other names",
                )
            return None
        found = _match(tokens)
        if found is None:
            return Response(
                "orgmap: this server needs its access token (open the URL printed at start, "
                "with ?token=...)\n",
                status=403,
                mimetype="text/plain",
            )
        g.orgmap_token, g.orgmap_who = found
        if request.method == "GET" and "token" in request.args:
            return redirect(_without_token(), code=303)  # the cookie is set; keep the token out of the URL
        return None

    @server.after_request
    def _headers(response: Response) -> Response:
        used = request.args.get("token")
        if used and used == g.get("orgmap_token") and request.cookies.get(COOKIE) != used:
            response.set_cookie(COOKIE, used, httponly=True, samesite="Strict")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if policy:
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


def sniff(data: bytes) -> tuple[str, str]:
    """(media type, extension) of a document, judged by its bytes."""
    head = data[:4096]
    if head.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadRefused("the file is not a text, HTML or PDF document (it looks like binary data)")
    if head.startswith((b"\x89PNG", b"PK\x03\x04", b"\x7fELF", b"GIF8", b"\xff\xd8\xff")):
        raise UploadRefused("the file is not a text, HTML or PDF document (it looks like binary data)")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered[:1024]:
        return "text/html", "html"
    return "text/plain", "txt"


def store_upload(folder: Path, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES) -> tuple[Path, str]:
    """Save an upload as ``<sha256>.<ext>`` in ``folder``; returns (path, media type).

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> p, kind = store_upload(d, b"Unit 400 reports to the Qods Force.")
    >>> p.name[:12], p.suffix, kind
    ('63751ac6df66', '.txt', 'text/plain')
    """
    if not data:
        raise UploadRefused("the file is empty")
    if len(data) > max_bytes:
        raise UploadRefused(
            f"the file is {len(data):,} bytes ({len(data) / 1e6:.1f} MB); the limit is "
            f"{max_bytes:,} bytes ({max_bytes / 1e6:.1f} MB)"
        )
    media, ext = sniff(data)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()}.{ext}"
    if not path.exists():
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path, media
