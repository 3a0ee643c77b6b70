//! The list envelope Harvest wraps around every collection, reports included.

use super::Extra;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

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
        struct PageVisitor<T>(PhantomData<T>);
        impl<'de, T: Listed + DeserializeOwned> Visitor<'de> for PageVisitor<T> {
            type Value = ListPage<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a Harvest list with a `{}` array", T::LIST_KEY)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut page = ListPage::default();
                let mut seen_items = false;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        k if k == T::LIST_KEY => {
                            page.items = map.next_value::<Option<Vec<T>>>()?.unwrap_or_default();
                            seen_items = true;
                        }
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
                if !seen_items {
                    return Err(serde::de::Error::missing_field(T::LIST_KEY));
                }
                Ok(page)
            }
        }
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}
