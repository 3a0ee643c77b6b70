//! The list envelope Harvest wraps around every collection, reports included.

use super::Extra;
use serde::de::{DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A model that Harvest lists under a fixed key (`"time_entries": [...]`).
pub trait Listed {
    /// The key of the array in the list envelope.
    const LIST_KEY: &'static str;
}

model! {
    /// The `links` of a list page. Follow `next` until it is `None`; it carries a cursor or a page
    /// number, whichever the endpoint uses.
    pub struct Links {
        /// The first page.
        pub first: Option<String>,
        /// The next page, or `None` on the last page.
        pub next: Option<String>,
        /// The previous page.
        pub previous: Option<String>,
        /// The last page.
        pub last: Option<String>,
    }
}

/// One page of a list: the items and Harvest's pagination fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPage<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Items per page requested.
    pub per_page: Option<u32>,
    /// Total pages (meaningful on page-paginated endpoints).
    pub total_pages: Option<u64>,
    /// Total items over all pages.
    pub total_entries: Option<u64>,
    /// The next page number; `None` mid-stream on cursor-paginated endpoints.
    pub next_page: Option<u64>,
    /// The previous page number.
    pub previous_page: Option<u64>,
    /// This page's number; `None` mid-stream on cursor-paginated endpoints.
    pub page: Option<u64>,
    /// Links to the first, next, previous and last pages.
    pub links: Links,
    /// Envelope fields this version of the SDK does not know.
    pub extra: Extra,
}

impl<T> Default for ListPage<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            per_page: None,
            total_pages: None,
            total_entries: None,
            next_page: None,
            previous_page: None,
            page: None,
            links: Links::default(),
            extra: Extra::new(),
        }
    }
}

impl<T> ListPage<T> {
    /// The URL of the next page, or `None` when this is the last page.
    pub fn next_url(&self) -> Option<&str> {
        self.links.next.as_deref().filter(|s| !s.is_empty())
    }
}

impl<T: Listed + Serialize> Serialize for ListPage<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(T::LIST_KEY, &self.items)?;
        map.serialize_entry("per_page", &self.per_page)?;
        map.serialize_entry("total_pages", &self.total_pages)?;
        map.serialize_entry("total_entries", &self.total_entries)?;
        map.serialize_entry("next_page", &self.next_page)?;
        map.serialize_entry("previous_page", &self.previous_page)?;
        map.serialize_entry("page", &self.page)?;
        map.serialize_entry("links", &self.links)?;
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Listed + DeserializeOwned> Deserialize<'de> for ListPage<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        PageSeed::<T> { items: Vec::new(), after_item: &mut || {} }.deserialize(deserializer)
    }
}

impl<T: Listed + DeserializeOwned> ListPage<T> {
    /// Decodes the response to a list request made with `per_page`: the items' vector is sized
    /// for that many up front (a 2000-entry page is otherwise moved as it grows). The value and
    /// the errors are those of the operation's usual decode.
    pub fn decode(response: &crate::Response, per_page: Option<u32>) -> crate::Result<Self> {
        Self::decode_into(response, per_page, Vec::new())
    }

    /// [`ListPage::decode`] into `items`, a vector to reuse (emptied first): the items of a page
    /// before, once consumed. A stream reading page after page then writes each page into memory
    /// it already has, instead of asking the allocator for fresh pages of memory every time.
    pub fn decode_into(response: &crate::Response, per_page: Option<u32>, items: Vec<T>) -> crate::Result<Self> {
        Self::decode_into_with(response, per_page, items, &mut || {})
    }

    /// [`ListPage::decode_into`], calling `after_item` each time an item has been decoded: where a
    /// thread decoding in the background can give the processor away (a long decode otherwise
    /// holds it however urgently another thread needs it). The value and errors are the same.
    pub fn decode_into_with(response: &crate::Response, per_page: Option<u32>, mut items: Vec<T>, after_item: &mut dyn FnMut()) -> crate::Result<Self> {
        items.clear();
        items.reserve(per_page.map_or(0, |n| n.min(2000) as usize));
        crate::operation::decode_body_with(response, PageSeed::<T> { items, after_item })
    }
}

/// Decodes a [`ListPage`], its items into `items` (empty, with room for the page), calling
/// `after_item` after each.
struct PageSeed<'a, T> {
    items: Vec<T>,
    after_item: &'a mut dyn FnMut(),
}

impl<'de, T: Listed + DeserializeOwned> DeserializeSeed<'de> for PageSeed<'_, T> {
    type Value = ListPage<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ListPage<T>, D::Error> {
        struct PageVisitor<'a, T>(PageSeed<'a, T>);
        impl<'de, T: Listed + DeserializeOwned> Visitor<'de> for PageVisitor<'_, T> {
            type Value = ListPage<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a Harvest list with a `{}` array", T::LIST_KEY)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let PageSeed { items, after_item } = self.0;
                let mut page = ListPage::default();
                let mut items = Some(items);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        k if k == T::LIST_KEY => page.items = map.next_value_seed(ItemsSeed { items: items.take().unwrap_or_default(), after_item: &mut *after_item })?,
                        "per_page" => page.per_page = map.next_value()?,
                        "total_pages" => page.total_pages = map.next_value()?,
                        "total_entries" => page.total_entries = map.next_value()?,
                        "next_page" => page.next_page = map.next_value()?,
                        "previous_page" => page.previous_page = map.next_value()?,
                        "page" => page.page = map.next_value()?,
                        "links" => page.links = map.next_value::<Option<Links>>()?.unwrap_or_default(),
                        _ => {
                            let value = map.next_value()?;
                            page.extra.insert(key, value);
                        }
                    }
                }
                if items.is_some() {
                    return Err(serde::de::Error::missing_field(T::LIST_KEY));
                }
                Ok(page)
            }
        }
        deserializer.deserialize_map(PageVisitor(self))
    }
}

/// The items of a page (`null` is none), into `items` (empty, with room for the page).
struct ItemsSeed<'a, T> {
    items: Vec<T>,
    after_item: &'a mut dyn FnMut(),
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for ItemsSeed<'_, T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for ItemsSeed<'_, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of items")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Vec<T>, E> {
        Ok(self.items)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Vec<T>, E> {
        Ok(self.items)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let ItemsSeed { mut items, after_item } = self;
        items.reserve(seq.size_hint().unwrap_or(0).min(2000));
        while let Some(item) = seq.next_element()? {
            items.push(item);
            after_item();
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Task, TimeEntry};
    use crate::{OperationId, Output, Response};

    #[test]
    fn a_page_decoded_for_its_size_is_the_usual_decode() {
        let body = r#"{"tasks":[{"id":1,"name":"a","billable_by_default":true},{"id":2,"name":"b","x":[1]}],"per_page":2,"links":{"next":null}}"#;
        let response = Response::new(1, 200, body);
        let usual = <ListPage<Task> as Output>::decode_response(OperationId::ListTasks, &response).unwrap();
        for per_page in [None, Some(1), Some(2), Some(2000), Some(u32::MAX)] {
            let sized = ListPage::<Task>::decode(&response, per_page).unwrap();
            assert_eq!(sized, usual);
            assert!(sized.items.capacity() >= per_page.map_or(0, |n| n.min(2000) as usize));
        }
        let none = Response::new(1, 200, r#"{"tasks":null}"#);
        assert!(ListPage::<Task>::decode(&none, Some(100)).unwrap().items.is_empty());
        for (status, broken) in [(200, &body[..body.len() - 9]), (200, "<html>oops</html>"), (200, r#"{"per_page":2}"#), (200, r#"{"tasks":[{"id":"x"}]}"#), (500, "oops"), (404, r#"{"message":"gone"}"#)] {
            let response = Response::new(1, status, broken);
            let usual = <ListPage<TimeEntry> as Output>::decode_response(OperationId::ListTimeEntries, &response).unwrap_err();
            let sized = ListPage::<TimeEntry>::decode(&response, Some(2000)).unwrap_err();
            assert_eq!((sized.code, sized.status, &sized.message), (usual.code, usual.status, &usual.message), "{broken}");
        }
    }

    #[test]
    fn a_page_decoded_into_a_used_vector_is_the_usual_decode_in_the_same_memory() {
        let body = r#"{"tasks":[{"id":1,"name":"a","billable_by_default":true},{"id":2,"name":"b"}],"per_page":2,"links":{"next":null}}"#;
        let response = Response::new(1, 200, body);
        let usual = ListPage::<Task>::decode(&response, Some(100)).unwrap();
        let mut used = ListPage::<Task>::decode(&response, Some(100)).unwrap().items;
        used.truncate(1);
        let memory = used.as_ptr();
        let reused = ListPage::<Task>::decode_into(&response, Some(100), used).unwrap();
        assert_eq!(reused, usual, "nothing of the vector's old items is left");
        assert_eq!(reused.items.as_ptr(), memory, "the items went where the old ones were");
        let none = ListPage::<Task>::decode_into(&Response::new(1, 200, r#"{"tasks":null}"#), Some(100), reused.items).unwrap();
        assert!(none.items.is_empty());
    }

    #[test]
    fn after_item_is_called_once_an_item_is_decoded_and_changes_nothing() {
        let body = r#"{"tasks":[{"id":1,"name":"a"},{"id":2,"name":"b"},{"id":3,"name":"c"}],"per_page":3,"links":{"next":null}}"#;
        let response = Response::new(1, 200, body);
        let mut calls = 0;
        let page = ListPage::<Task>::decode_into_with(&response, Some(3), Vec::new(), &mut || calls += 1).unwrap();
        assert_eq!(page, ListPage::<Task>::decode(&response, Some(3)).unwrap());
        assert_eq!(calls, 3, "one call per item");
        let broken = Response::new(1, 200, &body[..40]);
        let mut calls = 0;
        let error = ListPage::<Task>::decode_into_with(&broken, Some(3), Vec::new(), &mut || calls += 1).unwrap_err();
        assert_eq!(error.message, ListPage::<Task>::decode(&broken, Some(3)).unwrap_err().message);
        assert_eq!(calls, 1, "the first item was whole; the page was cut in the second");
    }
}
