//! [`Paginator`]: walks a list page by page, lazily, following `links.next` — a cursor or a page
//! number, whichever Harvest sends — until it is null. It asks for `per_page` explicitly (2000
//! unless told otherwise), never sends `page` and `cursor` together, and its [`Position`] can be
//! saved (a few hundred bytes of JSON) and resumed later, in another process.
//!
//! It is driven like a [`Call`]: `next_action` gives `Send`/`Wait` for the current page, then
//! `Done(Ok(Some(page)))` for each page and `Done(Ok(None))` at the end. After an error the
//! position still points at the page that failed, so asking again retries it.

use crate::call::{Action, Call, Output};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::{FailureKind, Response};
use crate::model::{Links, ListPage};
use crate::operation::{Operation, MAX_PER_PAGE};
use crate::{Decoded, OperationId};

/// A page type: something with pagination links.
pub trait Paged {
    /// The links of this page, `None` if this is not a page of a list.
    fn page_links(&self) -> Option<&Links>;
}

impl<T> Paged for ListPage<T> {
    fn page_links(&self) -> Option<&Links> {
        Some(&self.links)
    }
}

impl Paged for Decoded {
    fn page_links(&self) -> Option<&Links> {
        self.links()
    }
}

/// Where a pagination stands: the next page to fetch, or finished. Serialisable to resume later.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// The list operation's `operationId`.
    pub operation_id: String,
    /// The path of the next page.
    pub path: String,
    /// The query of the next page (cursor or page, and per_page).
    pub query: Vec<(String, String)>,
    /// Whether every page was read.
    pub finished: bool,
    /// Pages read so far.
    pub pages: u64,
}

impl Position {
    /// The position as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A position saved with [`Position::to_json`].
    pub fn from_json(json: &str) -> Result<Self> {
        serde_json::from_str(json).map_err(|e| Error::invalid_input(format!("not a saved pagination position: {e}")))
    }
}

/// Walks a list lazily; see the module docs.
#[derive(Debug)]
pub struct Paginator<T = Decoded> {
    client: Client,
    next: Operation<T>,
    current: Option<Call<T>>,
    finished: bool,
    pages: u64,
}

impl<T: Output + Paged> Paginator<T> {
    pub(crate) fn new(client: Client, operation: Operation<T>) -> Result<Self> {
        if !operation.id.is_list() {
            return Err(Error::invalid_input(format!("{} is not a list and cannot be paginated", operation.id)));
        }
        Ok(Self { client, next: operation, current: None, finished: false, pages: 0 })
    }

    /// Resumes from a saved position.
    pub fn resume(client: &Client, position: &Position) -> Result<Self> {
        let id = OperationId::parse(&position.operation_id)?;
        if !id.is_list() {
            return Err(Error::invalid_input(format!("{id} is not a list")));
        }
        let path = rooted_path(&position.path)?;
        if !path_matches(id.path_template(), &path) {
            return Err(Error::invalid_input(format!("the saved path {path} does not belong to {id}")));
        }
        let operation = Operation::new(id, &[], Vec::new(), None)
            .or_else(|_| Operation::new(id, &vec![1; id.path_params().len()], Vec::new(), None))?;
        let mut operation = operation.with_query(position.query.clone());
        operation.path = path;
        Ok(Self { client: client.clone(), next: operation, current: None, finished: position.finished, pages: position.pages })
    }

    /// The position to resume from: the next page not yet handed out.
    pub fn position(&self) -> Position {
        Position {
            operation_id: self.next.id.as_str().to_owned(),
            path: self.next.path.clone(),
            query: self.next.query.clone(),
            finished: self.finished,
            pages: self.pages,
        }
    }

    /// Pages handed out so far.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// Whether the last page was handed out.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// What to do next: `Send`/`Wait` for the current page, `Done(Ok(Some(page)))` per page,
    /// `Done(Ok(None))` when the list is exhausted, `Done(Err(e))` when a page failed.
    pub fn next_action(&mut self, now_ms: i64) -> Action<Option<T>> {
        if self.current.is_none() {
            if self.finished {
                return Action::Done(Ok(None));
            }
            self.current = Some(self.client.call(self.next.clone()));
        }
        let call = self.current.as_mut().expect("a current call was just ensured");
        match call.next_action(now_ms) {
            Action::Send(request) => Action::Send(request),
            Action::Wait { until } => Action::Wait { until },
            Action::Done(Err(error)) => {
                self.current = None;
                Action::Done(Err(error))
            }
            Action::Done(Ok(page)) => {
                self.current = None;
                self.pages += 1;
                match page.page_links().and_then(|l| l.next.as_deref()).filter(|s| !s.is_empty()) {
                    None => self.finished = true,
                    Some(link) => match next_operation(&self.next, link) {
                        Ok(next) => self.next = next,
                        Err(error) => return Action::Done(Err(error)),
                    },
                }
                Action::Done(Ok(Some(page)))
            }
        }
    }

    /// Hands over the response for the current page's request.
    pub fn handle_response(&mut self, response: Response, now_ms: i64) -> Result<()> {
        match self.current.as_mut() {
            Some(call) => call.handle_response(response, now_ms),
            None => Err(Error::protocol(format!("a response to request {}, but no page is being fetched", response.request_id))),
        }
    }

    /// Reports that the current page's request got no response.
    pub fn handle_failure(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> Result<()> {
        match self.current.as_mut() {
            Some(call) => call.handle_failure(request_id, kind, message, now_ms),
            None => Err(Error::protocol(format!("a failure of request {request_id}, but no page is being fetched"))),
        }
    }
}

/// The operation for the page a `links.next` URL names, re-rooted on the configured base URL (the
/// token never goes to a host taken from a response).
fn next_operation<T>(current: &Operation<T>, link: &str) -> Result<Operation<T>> {
    let without_scheme = link.split_once("://").map(|(_, rest)| rest).unwrap_or(link);
    let path_and_query = if link.starts_with('/') { link } else { without_scheme.find('/').map(|i| &without_scheme[i..]).unwrap_or("/") };
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let path = rooted_path(path)?;
    let mut pairs = crate::query::parse(query);
    if pairs.iter().any(|(k, _)| k == "cursor") {
        pairs.retain(|(k, _)| k != "page");
    }
    if !pairs.iter().any(|(k, _)| k == "per_page") {
        let per_page = current.query.iter().find(|(k, _)| k == "per_page").map(|(_, v)| v.clone()).unwrap_or_else(|| MAX_PER_PAGE.to_string());
        pairs.push(("per_page".into(), per_page));
    }
    let mut next = current.clone().with_query(pairs);
    next.path = path;
    Ok(next)
}

fn rooted_path(path: &str) -> Result<String> {
    let path = path.strip_prefix("/api").filter(|p| p.starts_with("/v2/")).unwrap_or(path);
    if !path.starts_with("/v2/") || path.contains("..") {
        return Err(Error::decode(format!("a pagination link outside the API: {path}")));
    }
    Ok(path.to_owned())
}

fn path_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len() && t.iter().zip(&p).all(|(a, b)| *a == *b || (*a == "{}" && b.parse::<u64>().is_ok_and(|n| n > 0)))
}
