//! [`RawBody`]: an operation's answer kept as the bytes Harvest sent, checked but not decoded.
//!
//! For hosts whose own JSON parser builds values faster than anything crossing a boundary can
//! (JavaScript's `JSON.parse`), decoding into typed models only to write them back as JSON is
//! wasted work. A `Call<RawBody>` or `Paginator<RawBody>` runs the same state machine as the
//! typed ones — statuses become the same typed errors, rate limits, retries and reconciliation are
//! unchanged — but a 2xx answer is only checked: the body must be well-formed UTF-8 JSON of the
//! operation's top-level shape (an object whose list key holds an array of objects for a list, an
//! object for a single resource, anything for a delete), and a list's `links` and envelope fields
//! must have their types. A body that fails the check is a `decode` error, exactly where the typed
//! decode fails on it (truncated, HTML, malformed, an array instead of an object), so it is retried
//! or reconciled as today. What is *not* checked is the type of every field of every item: the
//! value is Harvest's JSON as sent, not the normalised typed value (no `null` → default).

use crate::call::Output;
use crate::error::{Error, Result};
use crate::http::{Method, Response};
use crate::model::*;
use crate::operation::Operation;
use crate::paginator::Paged;
use crate::OperationId;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A 2xx answer kept as received (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct RawBody {
    /// The body as received; an empty (all-whitespace) body is `null`.
    pub body: Vec<u8>,
    /// A list page's `links` (the default when the page has none); `None` for other operations.
    pub links: Option<Links>,
}

impl RawBody {
    /// Checks a 2xx `body` of operation `id` (see the module docs) and returns a list page's
    /// links. `status` only goes into error messages.
    pub fn check(id: OperationId, status: u16, body: &[u8]) -> Result<Option<Links>> {
        let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"null" } else { body };
        let fail = |kind: &str, detail: &dyn fmt::Display| Error::decode(format!("{kind} in the response to a {status} request: {detail}")).with_status(status);
        if let Err(e) = std::str::from_utf8(body) {
            return Err(fail("malformed JSON", &e));
        }
        let shape = Shape::of(id);
        let mut de = serde_json::Deserializer::from_slice(body);
        let links = shape.deserialize(&mut de).and_then(|links| de.end().map(|()| links)).map_err(|e| {
            let kind = if e.is_eof() { "truncated JSON" } else if body.first() == Some(&b'<') { "HTML instead of JSON" } else { "malformed JSON" };
            fail(kind, &e)
        })?;
        Ok(links)
    }

    /// A quick structural scan of a 2xx list page, for hosts that decode the items later (off the
    /// I/O path) and need the page's `links` now. Returns the links when `body` is valid UTF-8 and
    /// one complete JSON object — strings closed, brackets balanced and matched, nothing but
    /// whitespace after it — whose member `key` is an array or `null`, and whose `links` member,
    /// if present, decodes as [`Links`] (`null` or absent: the default, a last page). Returns
    /// `None` when it cannot vouch for the body (truncated, HTML, not an object, `key` missing, an
    /// escaped top-level key): run the full decode, which says what is wrong. It does **not**
    /// check numbers, literals, separators or the items' fields, so a body it accepts can still
    /// fail the typed decode; that decode must follow. Several times faster than [`Self::check`]
    /// (it does not tokenise the items).
    pub fn quick_page_links(key: &str, body: &[u8]) -> Option<Links> {
        std::str::from_utf8(body).ok()?;
        let len = body.len();
        let mut i = skip_whitespace(body, 0);
        if body.get(i) != Some(&b'{') {
            return None;
        }
        i += 1;
        // Expected closing brackets; the top-level object's is the first.
        let mut closers: Vec<u8> = Vec::with_capacity(16);
        closers.push(b'}');
        // At depth 1: whether the next string is a key, and the member being read (which one,
        // and where its value starts: just after its key).
        let mut expect_key = true;
        let mut member: Option<(TopMember, usize)> = None;
        let mut links = None;
        let mut seen_items = false;
        while i < len {
            // Skip what the scan ignores (most bytes outside strings).
            while i < len && !STRUCTURAL[body[i] as usize] {
                i += 1;
            }
            let Some(&b) = body.get(i) else { break };
            match b {
                b'"' => {
                    let start = i + 1;
                    let mut j = start;
                    let mut escaped = false;
                    loop {
                        j = find_quote_or_backslash(body, j)?;
                        if body[j] == b'"' {
                            break;
                        }
                        escaped = true;
                        j += 2;
                    }
                    if closers.len() == 1 && expect_key {
                        if escaped {
                            return None;
                        }
                        let name = &body[start..j];
                        let which = if name == key.as_bytes() {
                            TopMember::Items
                        } else if name == b"links" {
                            TopMember::Links
                        } else {
                            TopMember::Other
                        };
                        member = Some((which, j + 1));
                        expect_key = false;
                    }
                    i = j + 1;
                    continue;
                }
                b'{' => closers.push(b'}'),
                b'[' => closers.push(b']'),
                b'}' | b']' => {
                    if closers.pop()? != b {
                        return None;
                    }
                    if closers.is_empty() {
                        if let Some((which, from)) = member.take() {
                            top_member_value(which, &body[from..i], &mut links, &mut seen_items)?;
                        }
                        if skip_whitespace(body, i + 1) != len || !seen_items {
                            return None;
                        }
                        return Some(links.unwrap_or_default());
                    }
                }
                b',' if closers.len() == 1 => {
                    let (which, from) = member.take()?;
                    top_member_value(which, &body[from..i], &mut links, &mut seen_items)?;
                    expect_key = true;
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// A list page's `links` when they are the last member of the body's top-level object, as
    /// Harvest sends them (`…,"page":1,"links":{…}}`): found from the end, without reading the
    /// items, so a page's next request can go out before its items are decoded. `None` when the
    /// body does not end that way (truncated, HTML, another member order): use
    /// [`Self::quick_page_links`]. It vouches for nothing before `links`, so the typed decode of
    /// the page must follow, and its error (truncated, malformed) is the one that counts.
    pub fn trailing_page_links(body: &[u8]) -> Option<Links> {
        const KEY: &[u8] = b"\"links\"";
        let end = body.iter().rposition(|b| !b.is_ascii_whitespace())?;
        if body[end] != b'}' || body.get(skip_whitespace(body, 0)) != Some(&b'{') {
            return None;
        }
        // Links are a few URLs: look for the key in the last few kilobytes only.
        let from = end.saturating_sub(8192);
        let at = from + body[from..end].windows(KEY.len()).rposition(|w| w == KEY)?;
        let before = body[..at].iter().rposition(|b| !b.is_ascii_whitespace())?;
        let colon = skip_whitespace(body, at + KEY.len());
        if !matches!(body[before], b',' | b'{') || body.get(colon) != Some(&b':') {
            return None;
        }
        serde_json::from_slice::<Option<Links>>(&body[colon + 1..end]).ok().map(Option::unwrap_or_default)
    }

    /// The key under which a list operation's items arrive (`time_entries`), `None` for others.
    pub fn list_key(id: OperationId) -> Option<&'static str> {
        use OperationId as O;
        Some(match id {
            O::ListClients => Client::LIST_KEY,
            O::ListContacts => Contact::LIST_KEY,
            O::ListEstimateItemCategories => EstimateItemCategory::LIST_KEY,
            O::ListEstimates => Estimate::LIST_KEY,
            O::ListMessagesForEstimate => EstimateMessage::LIST_KEY,
            O::ListExpenseCategories => ExpenseCategory::LIST_KEY,
            O::ListExpenses => Expense::LIST_KEY,
            O::ListInvoiceItemCategories => InvoiceItemCategory::LIST_KEY,
            O::ListInvoices => Invoice::LIST_KEY,
            O::ListMessagesForInvoice => InvoiceMessage::LIST_KEY,
            O::ListPaymentsForInvoice => InvoicePayment::LIST_KEY,
            O::ListProjects => Project::LIST_KEY,
            O::ListTaskAssignmentsForSpecificProject | O::ListTaskAssignments => TaskAssignment::LIST_KEY,
            O::ListUserAssignmentsForSpecificProject | O::ListUserAssignments => UserAssignment::LIST_KEY,
            O::ExpenseCategoriesReport | O::ClientsExpensesReport | O::ProjectsExpensesReport | O::TeamExpensesReport => ExpenseReportsResult::LIST_KEY,
            O::ProjectBudgetReport => ProjectBudgetReportResult::LIST_KEY,
            O::ClientsTimeReport | O::ProjectsTimeReport | O::TasksReport | O::TeamTimeReport => TimeReportsResult::LIST_KEY,
            O::UninvoicedReport => UninvoicedReportResult::LIST_KEY,
            O::ListRoles => Role::LIST_KEY,
            O::ListTasks => Task::LIST_KEY,
            O::ListTimeEntries => TimeEntry::LIST_KEY,
            O::ListUsers => User::LIST_KEY,
            O::ListActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser | O::ListActiveProjectAssignments => ProjectAssignment::LIST_KEY,
            O::ListBillableRatesForSpecificUser => BillableRate::LIST_KEY,
            O::ListCostRatesForSpecificUser => CostRate::LIST_KEY,
            O::ListAssignedTeammatesForSpecificUser => Teammate::LIST_KEY,
            _ => return None,
        })
    }
}

impl Output for RawBody {
    fn decode_response(id: OperationId, response: &Response) -> Result<Self> {
        Self::decode_owned(id, response.clone())
    }

    fn decode_owned(id: OperationId, response: Response) -> Result<Self> {
        if let Some(error) = crate::status::error_for(&response) {
            return Err(error);
        }
        let links = RawBody::check(id, response.status, &response.body)?;
        let body = if response.body.iter().all(u8::is_ascii_whitespace) { b"null".to_vec() } else { response.body };
        Ok(RawBody { body, links })
    }
}

impl Paged for RawBody {
    fn page_links(&self) -> Option<&Links> {
        self.links.as_ref()
    }
}

impl<T> Operation<T> {
    /// The same operation, answered as a [`RawBody`].
    pub fn raw(self) -> Operation<RawBody> {
        let ids = vec![1; self.id.path_params().len()];
        let mut raw = Operation::new(self.id, &ids, self.query, self.body).expect("placeholder ids fill any path template");
        raw.path = self.path;
        raw
    }
}

/// A top-level member of a list page that [`RawBody::quick_page_links`] looks at.
#[derive(Clone, Copy)]
enum TopMember {
    Items,
    Links,
    Other,
}

/// The bytes [`RawBody::quick_page_links`] stops at outside strings.
static STRUCTURAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let bytes = *b"\"{}[],";
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// The index of the first quote or backslash at or after `from`, eight bytes at a time.
fn find_quote_or_backslash(body: &[u8], mut from: usize) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    while from + 8 <= body.len() {
        let word = u64::from_le_bytes(body[from..from + 8].try_into().expect("eight bytes"));
        if has_zero(word ^ (LO * b'"' as u64)) | has_zero(word ^ (LO * b'\\' as u64)) != 0 {
            break;
        }
        from += 8;
    }
    body.get(from..)?.iter().position(|&b| b == b'"' || b == b'\\').map(|k| from + k)
}

fn skip_whitespace(body: &[u8], mut i: usize) -> usize {
    while body.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// Checks the value of a top-level member (`raw` is `: value`, as scanned) and records it.
fn top_member_value(which: TopMember, raw: &[u8], links: &mut Option<Links>, seen_items: &mut bool) -> Option<()> {
    let at = skip_whitespace(raw, 0);
    if raw.get(at) != Some(&b':') {
        return None;
    }
    let value = &raw[skip_whitespace(raw, at + 1)..];
    match which {
        TopMember::Items => {
            if !(value.first() == Some(&b'[') || value.trim_ascii_end() == b"null") {
                return None;
            }
            *seen_items = true;
        }
        TopMember::Links => *links = Some(serde_json::from_slice::<Option<Links>>(value).ok()?.unwrap_or_default()),
        TopMember::Other => {}
    }
    Some(())
}

/// The top-level shape an operation's answer must have.
#[derive(Clone, Copy)]
enum Shape {
    /// A page: an object whose `key` is an array of objects (or null), with typed envelope fields.
    List(&'static str),
    /// A single resource: an object.
    Object,
    /// A delete: any JSON value.
    Any,
}

impl Shape {
    fn of(id: OperationId) -> Shape {
        match RawBody::list_key(id) {
            Some(key) => Shape::List(key),
            None if id.method() == Method::Delete => Shape::Any,
            None => Shape::Object,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Shape {
    type Value = Option<Links>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Option<Links>, D::Error> {
        match self {
            Shape::Any => d.deserialize_ignored_any(IgnoredAny).map(|_| None),
            Shape::Object => d.deserialize_map(AnObject).map(|()| None),
            Shape::List(key) => d.deserialize_map(APage(key)).map(Some),
        }
    }
}

/// An object whose values are skipped (checked for well-formedness only).
struct AnObject;

impl<'de> Visitor<'de> for AnObject {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

impl<'de> serde::Deserialize<'de> for AnObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_map(AnObject).map(|()| AnObject)
    }
}

/// An array of objects, or null.
struct Items;

impl<'de> Visitor<'de> for Items {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of objects")
    }
    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while seq.next_element::<AnObject>()?.is_some() {}
        Ok(())
    }
}

impl<'de> serde::Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_option(OptionItems).map(|()| Items)
    }
}

struct OptionItems;

impl<'de> Visitor<'de> for OptionItems {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of objects or null")
    }
    fn visit_none<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(Items)
    }
}

/// A list page: checked like `ListPage`'s own decoding, items skipped.
struct APage(&'static str);

impl<'de> Visitor<'de> for APage {
    type Value = Links;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a Harvest list with a `{}` array", self.0)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Links, A::Error> {
        let mut links = Links::default();
        let mut seen_items = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                k if k == self.0 => {
                    map.next_value::<Items>()?;
                    seen_items = true;
                }
                "per_page" => {
                    map.next_value::<Option<u32>>()?;
                }
                "total_pages" | "total_entries" | "next_page" | "previous_page" | "page" => {
                    map.next_value::<Option<u64>>()?;
                }
                "links" => links = map.next_value::<Option<Links>>()?.unwrap_or_default(),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_items {
            return Err(serde::de::Error::missing_field(self.0));
        }
        Ok(links)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{api, Decoded};

    fn ok(status: u16, body: &str) -> Response {
        Response::new(1, status, body)
    }

    #[test]
    fn every_list_has_its_key_and_the_typed_decode_agrees() {
        for &id in OperationId::ALL {
            assert_eq!(RawBody::list_key(id).is_some(), id.is_list(), "{id}");
            if let Some(key) = RawBody::list_key(id) {
                let body = format!(r#"{{"{key}":[{{"id":1}}],"links":{{"next":"https://x/y?page=2"}}}}"#);
                let typed = api::decode_output(id, &ok(200, &body)).unwrap_or_else(|e| panic!("{id}: {e}"));
                assert_eq!(typed.item_count(), Some(1), "{id}");
                let raw = RawBody::decode_response(id, &ok(200, &body)).unwrap();
                assert_eq!(raw.page_links(), typed.links(), "{id}");
                assert_eq!(raw.body, body.as_bytes());
            }
        }
    }

    #[test]
    fn fails_where_the_typed_decode_fails_on_the_shape() {
        let cases: &[(OperationId, u16, &str)] = &[
            (OperationId::RetrieveTask, 200, "[1,2,3]"),
            (OperationId::RetrieveTask, 200, r#"{"id": 1, "name": "Prog"#),
            (OperationId::RetrieveTask, 200, "<html>oops</html>"),
            (OperationId::RetrieveTask, 200, "   "),
            (OperationId::RetrieveTask, 200, r#"{"id": 1} trailing"#),
            (OperationId::ListTasks, 200, r#"{"clients": []}"#),
            (OperationId::ListTasks, 200, r#"{"tasks": [1]}"#),
            (OperationId::ListTasks, 200, r#"{"tasks": {}}"#),
            (OperationId::ListTasks, 200, r#"{"tasks": [], "links": 5}"#),
            (OperationId::ListTasks, 200, r#"{"tasks": [], "per_page": "a lot"}"#),
            (OperationId::CreateTimeEntry, 201, r#"{"id": 1, "spent_da"#),
        ];
        for &(id, status, body) in cases {
            let raw = RawBody::decode_response(id, &ok(status, body)).unwrap_err();
            let typed = api::decode_output(id, &ok(status, body)).unwrap_err();
            assert_eq!((raw.code_str(), raw.status), (typed.code_str(), typed.status), "{id} {body}");
            assert_eq!(raw.code_str(), "decode");
        }
        let bad_utf8 = Response { request_id: 1, status: 200, headers: Vec::new(), body: b"{\"name\":\"\xff\"}".to_vec() };
        assert_eq!(RawBody::decode_response(OperationId::RetrieveTask, &bad_utf8).unwrap_err().code_str(), "decode");
    }

    #[test]
    fn keeps_the_body_and_maps_statuses_as_usual() {
        let body = r#" {"id": 8, "name": "Programming", "is_active": null, "future": [1]} "#;
        let raw = RawBody::decode_response(OperationId::RetrieveTask, &ok(200, body)).unwrap();
        assert_eq!(raw, RawBody { body: body.as_bytes().to_vec(), links: None });
        let page = RawBody::decode_response(OperationId::ListTasks, &ok(200, r#"{"tasks": null}"#)).unwrap();
        assert_eq!(page.links, Some(Links::default()));
        assert_eq!(RawBody::decode_response(OperationId::DeleteTask, &ok(200, "")).unwrap().body, b"null");
        assert_eq!(RawBody::decode_response(OperationId::DeleteTask, &ok(200, "[1]")).unwrap().body, b"[1]");
        for (status, code) in [(404, "not_found"), (429, "rate_limited"), (503, "server"), (422, "validation")] {
            let response = ok(status, r#"{"message": "no"}"#);
            let raw = RawBody::decode_response(OperationId::RetrieveTask, &response).unwrap_err();
            let typed = <Decoded as Output>::decode_response(OperationId::RetrieveTask, &response).unwrap_err();
            assert_eq!(raw, typed);
            assert_eq!(raw.code_str(), code);
        }
    }

    #[test]
    fn the_quick_scan_finds_the_links_the_full_check_finds() {
        for &id in OperationId::ALL {
            if let Some(key) = RawBody::list_key(id) {
                let body = format!(r#" {{"{key}":[{{"id":1,"links":{{"next":"inner"}},"note":"a \" ] }} , {{"}}],"per_page":2000,"links":{{"next":"https://x/y?page=2","previous":null}},"page":1}} "#);
                let full = RawBody::check(id, 200, body.as_bytes()).unwrap();
                assert_eq!(RawBody::quick_page_links(key, body.as_bytes()), full, "{id}");
                assert_eq!(full.unwrap().next.as_deref(), Some("https://x/y?page=2"));
            }
        }
        let last = |body: &str| RawBody::quick_page_links("tasks", body.as_bytes());
        assert_eq!(last(r#"{"tasks": null}"#), Some(Links::default()));
        assert_eq!(last(r#"{"links": null, "tasks": []}"#), Some(Links::default()));
        assert_eq!(last("{\n\"tasks\"\t:\r[ ]\n}\n"), Some(Links::default()));
        assert_eq!(last(r#"{"tasks": [], "links": {"next": "n\u00e9xt"}}"#).unwrap().next.as_deref(), Some("n\u{e9}xt"));
    }

    #[test]
    fn the_quick_scan_declines_truncated_and_misshapen_pages() {
        let page = r#"{"tasks":[{"id":1,"name":"Pro\"g{[","tags":[1,{"a":null}]},{"id":2}],"links":{"next":"https://x/y?page=2"},"total_pages":3}"#;
        assert!(RawBody::quick_page_links("tasks", page.as_bytes()).is_some());
        for cut in 0..page.len() {
            assert_eq!(RawBody::quick_page_links("tasks", &page.as_bytes()[..cut]), None, "cut at {cut}");
            // The full check declines these too (a truncated body must be read again).
            assert!(RawBody::check(OperationId::ListTasks, 200, &page.as_bytes()[..cut]).is_err(), "cut at {cut}");
        }
        let declined = [
            "",
            "   ",
            "<html>oops</html>",
            "[1,2,3]",
            "null",
            "{}",
            r#"{"clients": []}"#,
            r#"{"tasks": {}}"#,
            r#"{"tasks": 5}"#,
            r#"{"tasks": [], "links": 5}"#,
            r#"{"tasks": [], "links": {"next": 5}}"#,
            r#"{"tasks": []} trailing"#,
            r#"{"tasks": []}}"#,
            r#"{"tasks": [}]"#,
            r#"{"tasks": [], "links": {"next": "x"]}"#,
            r#"{"t\u0061sks": []}"#,
            r#"{"tasks" []}"#,
            r#"{"tasks": [],, "a": 1}"#,
            r#"{"tasks": [], "a": "unclosed}"#,
        ];
        for body in declined {
            assert_eq!(RawBody::quick_page_links("tasks", body.as_bytes()), None, "{body}");
        }
        assert_eq!(RawBody::quick_page_links("tasks", b"{\"tasks\": [], \"n\": \"\xff\"}"), None);
    }

    #[test]
    fn the_trailing_scan_reads_links_sent_last_and_declines_the_rest() {
        let trailing = |body: &str| RawBody::trailing_page_links(body.as_bytes());
        let page = r#"{"tasks":[{"id":1,"notes":"\"links\":{\"next\":\"no\"}}"}],"page":1,"links":{"first":"f","next":"https://x/y?page=2","previous":null,"last":"l"}}"#;
        assert_eq!(trailing(page), RawBody::check(OperationId::ListTasks, 200, page.as_bytes()).unwrap());
        assert_eq!(trailing(page).unwrap().next.as_deref(), Some("https://x/y?page=2"));
        assert_eq!(trailing(" {\"tasks\": [], \"links\" : null }\n"), Some(Links::default()));
        assert_eq!(trailing(r#"{"links":{"next":"n\u00e9xt"}}"#).unwrap().next.as_deref(), Some("n\u{e9}xt"));
        // Anything it cannot read from the end is left to the full scan.
        for cut in 0..page.len() - 1 {
            assert_eq!(RawBody::trailing_page_links(&page.as_bytes()[..cut]), None, "cut at {cut}");
        }
        for body in [
            "",
            "<html>oops</html>",
            r#"{"tasks": [], "links": {"next": "x"}, "page": 1}"#,
            r#"{"tasks": [], "links": {"next": 5}}"#,
            r#"{"tasks": [], "links": {"next": "x"}}}"#,
            r#"{"tasks": [], "links" {"next": "x"}}"#,
            r#"{"tasks": [], x"links": {"next": "x"}}"#,
            r#"["links": {}}"#,
        ] {
            assert_eq!(trailing(body), None, "{body}");
        }
    }

    #[test]
    fn an_operation_keeps_its_path_query_and_body_when_answered_raw() {
        let op = api::build(OperationId::UpdateTask, &[77], serde_json::json!({"name": "x"})).unwrap();
        let raw = op.clone().raw();
        assert_eq!((raw.id, &raw.path, &raw.query, &raw.body), (op.id, &op.path, &op.query, &op.body));
    }
}
