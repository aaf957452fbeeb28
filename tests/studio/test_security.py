"""The guard: token, Host, Origin and body size, through the real app (and once through a socket)."""

from __future__ import annotations

import http.client

import pytest

from drafter.studio.security import MAX_BODY, cookie_name
from tests.studio.conftest import ORIGIN, PORT, TOKEN, make_client


@pytest.mark.parametrize("path", ["/", "/api/spec", "/api/meta", "/api/library?q=IPv6", "/static/studio.js"])
def test_no_token_is_401(bare, path):
    response = bare.get(path)
    assert response.status_code == 401
    assert "token" in response.json()["error"]


def test_wrong_token_is_403(bare):
    assert bare.get("/api/spec", headers={"X-Drafter-Token": "guess"}).status_code == 403
    assert bare.get("/api/spec", headers={"Cookie": f"{cookie_name(PORT)}=guess"}).status_code == 403
    assert bare.get("/?token=guess", follow_redirects=False).status_code == 403


def test_token_header_is_accepted(bare):
    assert bare.get("/api/spec", headers={"X-Drafter-Token": TOKEN}).status_code == 200


def test_opening_the_address_sets_the_cookie_and_drops_the_token_from_the_url(bare):
    first = bare.get(f"/?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/"
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{cookie_name(PORT)}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = bare.get("/")  # the client keeps the cookie, as a browser does
    assert page.status_code == 200
    assert "drafter studio" in page.text
    assert bare.get("/api/spec").status_code == 200


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{PORT}", "127.0.0.1:1", f"127.0.0.2:{PORT}",
                                  f"localhost.evil.example:{PORT}", ""])
def test_foreign_host_is_refused_even_with_the_token(spec_file, host):
    with make_client(spec_file) as c:
        response = c.get("/api/spec", headers={"Host": host, "X-Drafter-Token": TOKEN})
    assert response.status_code == 403
    assert "127.0.0.1 or localhost" in response.json()["error"]


def test_localhost_host_is_accepted(spec_file):
    with make_client(spec_file) as c:
        assert c.get("/api/meta", headers={"Host": f"localhost:{PORT}", "X-Drafter-Token": TOKEN}).status_code == 200


def _spec_text(spec_file) -> bytes:
    return spec_file.read_bytes()


def test_foreign_origin_on_put_is_403_and_nothing_is_written(spec_file):
    before = spec_file.read_bytes()
    with make_client(spec_file) as c:
        response = c.put("/api/spec", content=before.replace(b"parallel", b"sequential"),
                         headers={"X-Drafter-Token": TOKEN, "Origin": "http://evil.example"})
    assert response.status_code == 403
    assert spec_file.read_bytes() == before


def test_cookie_without_origin_cannot_change_anything(spec_file):
    before = spec_file.read_bytes()
    with make_client(spec_file, cookies={cookie_name(PORT): TOKEN}) as c:
        assert c.get("/api/spec").status_code == 200  # reading is fine
        refused = c.put("/api/spec", content=before.replace(b"parallel", b"sequential"))
        assert refused.status_code == 403
        cross_site = c.post("/api/validate", content=before, headers={"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"})
        assert cross_site.status_code == 403
        allowed = c.put("/api/spec", content=before.replace(b"parallel", b"sequential"), headers={"Origin": ORIGIN})
        assert allowed.status_code == 200
    assert b"layout: sequential" in spec_file.read_bytes()


def test_oversize_body_is_413(client):
    response = client.post("/api/validate", content=b"#" * (MAX_BODY + 1))
    assert response.status_code == 413


def test_oversize_body_without_length_is_413(client):
    def chunks():
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"#" * 65536

    assert client.post("/api/validate", content=chunks()).status_code == 413


def test_responses_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_preview_style_is_allowed_by_its_hash(client):
    import base64
    import hashlib

    from drafter.writers.html import STYLE

    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in client.get("/").headers["content-security-policy"]


def test_the_real_server_refuses_a_foreign_host_and_a_missing_token(spec_file):
    from drafter.studio.server import Running

    with Running(spec_file) as studio:
        assert studio.url.startswith(f"http://127.0.0.1:{studio.port}/?token=")
        conn = http.client.HTTPConnection("127.0.0.1", studio.port, timeout=10)
        conn.request("GET", "/api/spec", headers={"Host": "rebound.example", "X-Drafter-Token": studio.token})
        assert conn.getresponse().status == 403
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", studio.port, timeout=10)
        conn.request("GET", "/api/spec")
        assert conn.getresponse().status == 401
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", studio.port, timeout=10)
        conn.request("GET", "/api/spec", headers={"X-Drafter-Token": studio.token})
        assert conn.getresponse().status == 200
        conn.close()
