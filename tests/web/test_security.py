"""The guard: tokens on every request for non-local binds, loopback Host otherwise, uploads."""

from __future__ import annotations

import hashlib

import pytest

from orgmap.model import Source
from orgmap.store import Store
from orgmap.web import WebConfig, create_app
from orgmap.web.security import COOKIE, HEADER, UploadRefused, sniff, store_upload
from orgmap.web.uploads import ingest_upload

TOKEN = "t0ken-for-tests-0123456789"
CALLBACK = {
    "output": "..page.children...case-title.children..",
    "outputs": [{"id": "page", "property": "children"}, {"id": "case-title", "property": "children"}],
    "inputs": [
        {"id": "url", "property": "pathname", "value": "/timeline"},
        {"id": "url", "property": "search", "value": ""},
    ],
    "changedPropIds": ["url.pathname"],
}


@pytest.fixture
def remote_client(qods_db):
    app = create_app(WebConfig(db=str(qods_db), host="0.0.0.0", token=TOKEN))
    return app.server.test_client()


def test_non_local_bind_without_token_is_refused_at_creation(qods_db):
    with pytest.raises(ValueError, match="needs a token"):
        create_app(WebConfig(db=str(qods_db), host="0.0.0.0"))


@pytest.mark.parametrize(
    "path",
    ["/", "/review", "/_dash-layout", "/_dash-dependencies", "/assets/orgmap.css", "/_orgmap/layers.css"],
)
def test_every_path_needs_the_token(remote_client, path):
    response = remote_client.get(path)
    assert response.status_code == 403
    assert b"token" in response.data
    assert remote_client.get(path, headers={HEADER: TOKEN}).status_code == 200


def test_callbacks_need_the_token(remote_client):
    assert remote_client.post("/_dash-update-component", json=CALLBACK).status_code == 403
    assert (
        remote_client.post(
            "/_dash-update-component", json=CALLBACK, headers={HEADER: "wrong-" + TOKEN}
        ).status_code
        == 403
    )
    assert (
        remote_client.post("/_dash-update-component", json=CALLBACK, headers={HEADER: TOKEN}).status_code
        == 200
    )


def test_query_token_sets_a_cookie_that_later_requests_use(remote_client):
    first = remote_client.get(f"/review?token={TOKEN}&x=1")
    assert first.status_code == 303 and first.headers["Location"] == "/review?x=1"  # token out of the URL
    cookie = first.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}={TOKEN}") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert remote_client.get("/review?x=1").status_code == 200  # the cookie alone now
    assert remote_client.get("/_dash-layout").status_code == 200


def test_a_stale_cookie_does_not_hide_a_good_token(remote_client):
    remote_client.set_cookie(COOKIE, "old-token-from-a-previous-run")
    assert remote_client.get("/").status_code == 403
    assert remote_client.get("/", headers={HEADER: TOKEN}).status_code == 200


def test_local_bind_refuses_foreign_host_headers(qods_db):
    client = create_app(WebConfig(db=str(qods_db))).server.test_client()
    assert client.get("/", headers={"Host": "127.0.0.1:8050"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost"}).status_code == 200
    assert client.get("/", headers={"Host": "attacker.example:8050"}).status_code == 403


def test_safety_headers(qods_db):
    response = create_app(WebConfig(db=str(qods_db))).server.test_client().get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_sniff_by_content_not_name():
    assert sniff(b"%PDF-1.4\n...") == ("application/pdf", "pdf")
    assert sniff(b"  <html><body>x</body></html>") == ("text/html", "html")
    assert sniff("Qods Force é".encode()) == ("text/plain", "txt")
    for binary in (b"\x89PNG\r\n\x1a\n\x00\x00", b"PK\x03\x04zip", b"\x7fELF\x02\x01"):
        with pytest.raises(UploadRefused, match="not a text, HTML or PDF"):
            sniff(binary)


def test_upload_stored_by_hash_never_by_name(tmp_path):
    data = b"Unit 400 answers to the Qods Force."
    path, media = store_upload(tmp_path, data)
    assert path.name == hashlib.sha256(data).hexdigest() + ".txt"
    assert media == "text/plain"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_upload_size_limit(tmp_path):
    with pytest.raises(UploadRefused, match="limit is"):
        store_upload(tmp_path, b"x" * 2001, max_bytes=2000)
    assert not list(tmp_path.iterdir())


def test_hostile_name_does_not_reach_the_disk(tmp_path, store: Store):
    case = store.ensure_case("c")
    sid, note = ingest_upload(
        store,
        case,
        b"<html><body><p>Majid Navvab opposes Esmail Qaani openly.</p><script>alert(1)</script>"
        b"</body></html>",
        tmp_path / "up",
        name="../../etc/passwd",
    )
    saved = list((tmp_path / "up").iterdir())
    assert len(saved) == 1 and saved[0].suffix == ".html" and len(saved[0].stem) == 64
    src = store.source(sid)
    assert (
        src.text.strip() == "Majid Navvab opposes Esmail Qaani openly."
    )  # visible text only; the script is not kept as text
    assert src.title == "passwd" and src.media_type == "text/html"
    assert f"#{sid}" in note


def test_refused_upload_leaves_the_store_unchanged(tmp_path, store: Store):
    case = store.ensure_case("c")
    store.add_source(case, Source(text="existing"))
    with pytest.raises(UploadRefused):
        ingest_upload(store, case, b"\x00\x01\x02" * 10, tmp_path)
    assert [s.text for s in store.sources(case)] == ["existing"]


def test_content_policy_allows_no_injected_inline_script(qods_db):
    app = create_app(WebConfig(db=str(qods_db)))
    policy = app.server.test_client().get("/").headers["Content-Security-Policy"]
    script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    assert all(h in script_src for h in app.csp_hashes())  # only Dash's own inline scripts, by hash
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_cross_site_posts_are_refused(qods_db):
    client = create_app(WebConfig(db=str(qods_db))).server.test_client()
    headers = {"Host": "127.0.0.1:8050"}
    evil = client.post(
        "/_dash-update-component", json=CALLBACK, headers={**headers, "Origin": "http://evil.example"}
    )
    assert evil.status_code == 403 and b"cross-site" in evil.data
    same = client.post(
        "/_dash-update-component", json=CALLBACK, headers={**headers, "Origin": "http://127.0.0.1:8050"}
    )
    assert same.status_code == 200


def test_a_callback_naming_another_cases_record_is_refused(qods_db):
    import json

    from orgmap.model import Assertion, Entity, Evidence

    s = Store.open(str(qods_db))
    other = s.ensure_case("someone-elses")
    src = s.add_source(other, Source(text="Secret: Ali leads the Unit."))
    ali = s.add_entity(other, Entity("person", "Ali"))
    unit = s.add_entity(other, Entity("organization", "Unit"))
    secret = s.add_assertion(
        other, Assertion(ali, "leads", unit, status="accepted", evidence=[Evidence(src, 8, 26)])
    )
    s.close()
    client = create_app(WebConfig(db=str(qods_db), case="qods-force")).server.test_client()

    def tap(node, edge):
        payload = {
            "output": "net-evidence.children",
            "outputs": {"id": "net-evidence", "property": "children"},
            "inputs": [
                {"id": "net-graph", "property": "tapNodeData", "value": node},
                {"id": "net-graph", "property": "tapEdgeData", "value": edge},
            ],
            "state": [{"id": "net-status", "property": "value", "value": ["accepted"]}],
            "changedPropIds": ["net-graph.tapEdgeData" if edge else "net-graph.tapNodeData"],
        }
        response = client.post("/_dash-update-component", json=payload)
        assert response.status_code == 200
        return json.dumps(json.loads(response.get_data(as_text=True))["response"])

    shown = tap({"entity": ali, "label": "Ali"}, None)
    assert f"no entity #{ali} in this case" in shown and "Secret" not in shown
    shown = tap(None, {"assertions": [secret], "source": f"e{ali}", "target": f"e{unit}", "label": "leads"})
    assert f"no assertion #{secret} in this case" in shown and "Secret" not in shown


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1.evil.example",
        "127.0.0.1.evil.example:8050",
        "127.1.2.3.nip.io",
        "localhost.evil.example",
        "evil.example",
        "127.0.0.2:8050",
        "",
        "0.0.0.0:8050",
    ],
)
def test_dns_rebinding_names_are_refused(qods_db, host):
    """A page on a name that resolves to 127.0.0.1 must not read or write the store (issue 16, item 2)."""
    client = create_app(WebConfig(db=str(qods_db))).server.test_client()
    assert client.get("/", headers={"Host": host}).status_code == 403
    post = client.post("/_dash-update-component", json={}, headers={"Host": host})
    assert post.status_code == 403


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8050", "LOCALHOST:8050", "[::1]:8050", "[::1]"])
def test_the_served_names_are_answered(qods_db, host):
    client = create_app(WebConfig(db=str(qods_db))).server.test_client()
    assert client.get("/", headers={"Host": host}).status_code == 200


def test_the_bound_address_is_served_too(qods_db):
    client = create_app(WebConfig(db=str(qods_db), host="127.0.0.2")).server.test_client()
    assert client.get("/", headers={"Host": "127.0.0.2:8050"}).status_code == 200
    assert client.get("/", headers={"Host": "127.0.0.3:8050"}).status_code == 403


def test_origin_check_still_refuses_foreign_writes(qods_db):
    client = create_app(WebConfig(db=str(qods_db))).server.test_client()
    response = client.post(
        "/_dash-update-component",
        json={},
        headers={"Host": "127.0.0.1:8050", "Origin": "http://evil.example"},
    )
    assert response.status_code == 403


ANN, BOB = "ann-token-0123456789", "bob-token-0123456789"


def test_per_person_tokens_record_who_acts(qods_db):
    """Each analyst's token names them in the audit trail (issue 16, item 9)."""
    from orgmap.web.state import current

    app = create_app(
        WebConfig(db=str(qods_db), host="0.0.0.0", who="server", analysts={ANN: "ann", BOB: "bob"})
    )
    client = app.server.test_client()
    assert client.get("/", headers={HEADER: ANN}).status_code == 200
    assert client.get("/", headers={HEADER: "someone-else-0123456789"}).status_code == 403
    for token, name in ((ANN, "ann"), (BOB, "bob")):
        with app.server.test_request_context("/", headers={HEADER: token}):
            assert app.server.preprocess_request() is None
            assert current().who == name


def test_an_upload_records_who_brought_it(tmp_path, store: Store):
    case = store.ensure_case("c")
    sid, _ = ingest_upload(store, case, b"Majid Navvab opposes Esmail Qaani.", tmp_path / "up", who="ann")
    [j] = store.judgements("source", sid)
    assert (j.action, j.who) == ("upload", "ann")


def _callback(client, outputs, inputs, changed):
    payload = {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [],
        "changedPropIds": [changed],
    }
    response = client.post("/_dash-update-component", json=payload, headers={"Host": "127.0.0.1:8050"})
    return response.status_code, response.get_data(as_text=True)


def test_ids_of_another_case_are_refused(qods_db):
    """The app serves one case; a request naming a record of another must neither read nor change it."""
    from orgmap.model import Assertion, Entity, Evidence

    s = Store.open(str(qods_db))
    other = s.ensure_case("other")
    src = s.add_source(other, Source(text="Secret Person leads the Secret Unit."))
    a, b = (
        s.add_entity(other, Entity(t, n)) for t, n in (("person", "Secret Person"), ("person", "Secret Two"))
    )
    aid = s.add_assertion(other, Assertion(a, evidence=[Evidence(src, 0, 13)]))
    s.close()
    client = create_app(WebConfig(db=str(qods_db), case="qods-force")).server.test_client()
    status, body = _callback(
        client,
        [
            ("rev-sentence", "children"),
            ("rev-accept", "disabled"),
            ("rev-reject", "disabled"),
            ("rev-edit", "disabled"),
        ],
        [("rev-selected", "data", aid)],
        "rev-selected.data",
    )
    assert status == 200 and "Secret" not in body and f"no assertion #{aid} in this case" in body
    status, body = _callback(
        client,
        [("src-text", "children"), ("src-meta", "children")],
        [
            ("src-select", "value", src),
            ("src-upload-result", "children", None),
            ("src-changed", "data", None),
        ],
        "src-select.value",
    )
    assert status == 200 and "Secret" not in body and "in this case" in body
    s = Store.open(str(qods_db))
    assert s.entity(a).merged_into is None and s.assertion(aid).status == "candidate"
    s.close()
