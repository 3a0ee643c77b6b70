"""Decoding and the typed models, without a server: ``harvest_sdk.decode`` on canned answers."""

from __future__ import annotations

import json
import pickle
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

import harvest_sdk
from harvest_sdk import models

ENTRY = {
    "id": 9007199254740993,
    "spent_date": "2017-03-01",
    "hours": 0.1,
    "rounded_hours": 0.25,
    "notes": "It's a 'quoted' note that goes on for a long while, longer than a repr should show",
    "is_running": False,
    "project": {"id": 14307913, "name": "Marketing Website", "code": "MW"},
    "task": {"id": 8083365, "name": "Graphic Design"},
    "user": {"id": 1782959, "name": "Kim Allen"},
    "created_at": "2017-06-27T16:01:23Z",
    "timer_started_at": None,
    "approval_status": "submitted_for_review",
    "brand_new_field": {"nested": [1, 2.5, "x"]},
}
PAGE = {
    "time_entries": [ENTRY, dict(ENTRY, id=2, hours=8)],
    "per_page": 2000,
    "total_pages": 1,
    "total_entries": 2,
    "links": {"first": "https://api.harvestapp.com/v2/time_entries?page=1", "next": None, "previous": None, "last": "x"},
}
INVOICE = {
    "id": 13150378,
    "number": "1000",
    "amount": 10700.0,
    "due_amount": 0.0,
    "state": "paid",
    "issue_date": "2017-02-01",
    "line_items": [
        {"id": 1, "kind": "Service", "description": "A", "quantity": 1.0, "unit_price": 5000.0, "amount": 5000.0},
        {"id": 2, "kind": "Product", "description": "B", "quantity": 3.0, "unit_price": 1900.0, "amount": 5700.0},
    ],
}


def body(value: object) -> bytes:
    return json.dumps(value).encode()


def entry() -> harvest_sdk.Model:
    return harvest_sdk.decode("retrieveTimeEntry", 200, {}, body(ENTRY))


def test_fields_convert_to_python_types_when_read() -> None:
    e = entry()
    assert e.id == 9007199254740993
    assert e.hours == Decimal("0.1") and isinstance(e.hours, Decimal)
    assert e.rounded_hours == Decimal("0.25")
    assert e.spent_date == date(2017, 3, 1)
    assert e.created_at == datetime(2017, 6, 27, 16, 1, 23, tzinfo=timezone.utc)
    assert e.timer_started_at is None
    assert e.is_running is False
    assert e.project.name == "Marketing Website" and e.project.code == "MW"
    assert e.approval_status == "submitted_for_review"
    assert e.brand_new_field == {"nested": [1, 2.5, "x"]}


def test_money_keeps_its_exact_text_and_sums_exactly() -> None:
    invoice = harvest_sdk.decode("retrieveInvoice", 200, [], body(INVOICE))
    amounts = [line.amount for line in invoice.line_items]
    assert sum(amounts, Decimal(0)) == invoice.amount == Decimal("10700")
    assert invoice.line_items[1].description == "B"
    assert isinstance(invoice, models.Invoice) and isinstance(invoice.line_items[0], models.InvoiceLineItem)
    assert not isinstance(invoice, models.TimeEntry)


def test_repr_is_short_and_equality_compares_values() -> None:
    e = entry()
    text = repr(e)
    assert text.startswith("TimeEntry(id=9007199254740993, spent_date=2017-03-01, hours=0.1")
    assert len(text) < 200 and text.endswith("...)")
    assert e == entry() and e != harvest_sdk.decode("retrieveTimeEntry", 200, {}, body(dict(ENTRY, hours=2)))
    assert e.project == entry().project and e.project != e.task
    assert (e == "TimeEntry") is False


def test_dir_to_dict_and_to_json() -> None:
    e = entry()
    names = dir(e)
    assert {"id", "spent_date", "hours", "brand_new_field", "to_dict", "to_json"} <= set(names)
    d = e.to_dict()
    assert d["hours"] == Decimal("0.1") and d["spent_date"] == date(2017, 3, 1)
    assert d["project"] == {"id": 14307913, "name": "Marketing Website", "code": "MW"}
    assert d["brand_new_field"] == {"nested": [1, 2.5, "x"]}
    assert json.loads(e.to_json())["brand_new_field"] == {"nested": [1, 2.5, "x"]}
    with pytest.raises(AttributeError):
        e.no_such_field  # noqa: B018
    with pytest.raises(AttributeError):
        e.id = 3  # type: ignore[misc]


def test_pages_are_sequences_of_models() -> None:
    page = harvest_sdk.decode("listTimeEntries", 200, [("Content-Type", "application/json")], body(PAGE))
    assert isinstance(page, harvest_sdk.Page)
    assert len(page) == 2 and page[1].id == 2 and page[-1].hours == Decimal(8)
    assert [e.id for e in page] == [9007199254740993, 2] == [e.id for e in page.items]
    assert page.next_url is None and page.links.last == "x"
    assert "2 TimeEntry items" in repr(page)
    with pytest.raises(IndexError):
        page[2]
    assert json.loads(page.to_json())["total_entries"] == 2


def test_keyword_field_names_read_with_a_trailing_underscore() -> None:
    report = harvest_sdk.decode("uninvoicedReport", 200, {}, body({"results": [{"project_id": 1, "from": "x"}], "links": {}}))
    assert report[0].from_ == "x" and getattr(report[0], "from") == "x"


def test_models_are_usable_in_parameters() -> None:
    e = entry()
    client = harvest_sdk._core.CoreClient({"account_id": 1, "access_token": "t", "user_agent": "T (t@example.com)"})
    call = client.call("createTimeEntry", [], {"project_id": 1, "task_id": 2, "spent_date": e.spent_date, "hours": e.hours, "notes": "x"})
    kind, _id, method, url, headers, sent = call.next_action(0)
    assert (kind, method, url) == ("send", "POST", "https://api.harvestapp.com/v2/time_entries")
    assert json.loads(sent) == {"project_id": 1, "task_id": 2, "spent_date": "2017-03-01", "hours": 0.1, "notes": "x"}


def test_errors_decode_to_subclasses_with_codes() -> None:
    cases = [
        (404, b'{"status":404,"error":"Not Found"}', harvest_sdk.NotFoundError, "not_found"),
        (422, b'{"message":"Name has already been taken"}', harvest_sdk.ValidationError, "validation"),
        (401, b'{"error":"invalid_token","error_description":"The access token is invalid"}', harvest_sdk.UnauthorizedError, "unauthorized"),
        (403, b"", harvest_sdk.ForbiddenError, "forbidden"),
        (500, b"<html>oops</html>", harvest_sdk.ServerError, "server"),
        (409, b"{}", harvest_sdk.UnexpectedStatusError, "unexpected_status"),
        (200, b'{"id": 1, "spent', harvest_sdk.DecodeError, "decode"),
    ]
    for status, raw, cls, code in cases:
        with pytest.raises(cls) as caught:
            harvest_sdk.decode("retrieveTimeEntry", status, {}, raw)
        assert caught.value.code == code and isinstance(caught.value, harvest_sdk.HarvestError)
        assert caught.value.status == status
    with pytest.raises(harvest_sdk.ValidationError, match="Name has already been taken"):
        harvest_sdk.decode("createClient", 422, {}, b'{"message":"Name has already been taken"}')


def test_rate_limited_error_says_when_to_retry() -> None:
    with pytest.raises(harvest_sdk.RateLimitedError) as caught:
        harvest_sdk.decode("listClients", 429, {"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}, b"")
    assert caught.value.retry_at == datetime(2026, 10, 21, 7, 28, tzinfo=timezone.utc)
    assert harvest_sdk.HarvestError("x").retry_at is None


def test_invalid_input_is_raised_before_any_request() -> None:
    with pytest.raises(harvest_sdk.InvalidInputError, match="unknown operation"):
        harvest_sdk.decode("noSuchOperation", 200, {}, b"{}")
    client = harvest_sdk._core.CoreClient({"account_id": 1, "access_token": "t", "user_agent": "T (t@example.com)"})
    for ids, params in [([0], None), ([-1], None), ([True], None), ([1], {"unknown": 1})]:
        with pytest.raises(harvest_sdk.InvalidInputError):
            client.call("updateClient", ids, params)
    naive = datetime(2026, 1, 1)
    with pytest.raises(harvest_sdk.InvalidInputError, match="timezone"):
        client.paginate("listClients", [], {"updated_since": naive})
    with pytest.raises(harvest_sdk.InvalidInputError, match="cannot be sent"):
        client.paginate("listClients", [], {"is_active": object()})
    aware = client.paginate("listClients", [], {"updated_since": datetime(2026, 1, 1, 12, tzinfo=timezone.utc)})
    assert "updated_since=2026-01-01T12%3A00%3A00Z" in aware.next_action(0)[3]
    with pytest.raises(harvest_sdk.InvalidInputError, match="user_agent"):
        harvest_sdk.Client(1, "token", "")


def test_a_panic_arrives_as_a_harvest_error() -> None:
    with pytest.raises(harvest_sdk.ProtocolError, match="internal error.*boom") as caught:
        harvest_sdk._core._panic_for_tests("boom")
    assert caught.value.code == "protocol"


def test_every_core_error_code_has_its_class() -> None:
    from harvest_sdk.errors import _BY_CODE, _from_core

    assert set(harvest_sdk._core.ERROR_CODES) == set(_BY_CODE)
    for code in harvest_sdk._core.ERROR_CODES:
        error = _from_core(code, "m", 400, None, None)
        assert type(error).code == code and error.code == code and str(error) == f"{code} (400): m"
    assert isinstance(_from_core("cancelled", "m", None, None, None), __import__("asyncio").CancelledError)
    assert not issubclass(harvest_sdk.HarvestTimeoutError, TimeoutError)


def test_secrets_stay_out_of_reprs_and_errors() -> None:
    tokens = harvest_sdk.Tokens("s3cret-access", "s3cret-refresh", 1, "harvest:1")
    assert "s3cret" not in repr(tokens) and tokens.account_ids == [1]
    settings = harvest_sdk.OAuthSettings("cid", "s3cret-client")
    assert "s3cret" not in repr(settings)
    client = harvest_sdk.Client(1, "s3cret-pat", "T (t@example.com)", oauth=settings, tokens=tokens)
    assert "s3cret" not in repr(client) and "s3cret" not in repr(client._core)
    request = harvest_sdk.Request(1, "GET", "https://x", [("Authorization", "Bearer s3cret-pat")], None)
    assert "s3cret" not in repr(request)



def test_models_pickle_is_refused_rather_than_wrong() -> None:
    with pytest.raises(TypeError):
        pickle.dumps(entry())
