//! Resource namespaces named as in the Harvest docs: `client.time_entries().list(&params)`.
//!
//! Each namespace is written once, as one line per operation, over a [`Backend`]: the async
//! [`crate::Client`] turns an operation into a future, [`crate::blocking::Client`] into a value.
//! Lists give [`Backend::Items`] (items one by one, across pages) and, under a second name,
//! [`Backend::Pages`] (page by page).

use crate::stream::Item;
use crate::transport::MaybeSend;
use harvest_core::model::ListPage;
use harvest_core::{Operation, Output, Result};

mod clients;
mod company;
mod contacts;
mod estimates;
mod expenses;
mod invoices;
mod projects;
mod reports;
mod roles;
mod tasks;
mod time_entries;
mod users;

pub use clients::*;
pub use company::*;
pub use contacts::*;
pub use estimates::*;
pub use expenses::*;
pub use invoices::*;
pub use projects::*;
pub use reports::*;
pub use roles::*;
pub use tasks::*;
pub use time_entries::*;
pub use users::*;

/// What runs the operations of the namespaces: the async or the blocking client.
pub trait Backend {
    /// The result of one operation: a future (async) or the value (blocking).
    type Output<T: MaybeSend + 'static>;
    /// The items of a list: a `Stream` (async) or an `Iterator` (blocking).
    type Items<M: Item>;
    /// The pages of a list: a `Stream` (async) or an `Iterator` (blocking).
    type Pages<M: Item>;
    /// Runs one operation (an invalid one fails without a request).
    fn run<T: Output + MaybeSend + 'static>(&self, operation: Result<Operation<T>>) -> Self::Output<T>;
    /// Lists items across pages.
    fn list_items<M: Item>(&self, operation: Result<Operation<ListPage<M>>>) -> Self::Items<M>;
    /// Lists pages.
    fn list_pages<M: Item>(&self, operation: Result<Operation<ListPage<M>>>) -> Self::Pages<M>;
}

/// Declares a namespace: one line per operation of `harvest_core::api`.
/// - `list items / pages (ids) Params => Model = api_fn;` two methods: items and pages
/// - `send name (ids) Params => Output = api_fn;` one method taking the ids and the parameters
/// - `by_id name (ids) => Output = api_fn;` one method taking only the ids
/// - `sub name -> Namespace;` a nested namespace
macro_rules! namespace {
    ($(#[$meta:meta])* $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        pub struct $name<'a, B>(pub(crate) &'a B);

        impl<'a, B: $crate::resources::Backend> $name<'a, B> {
            namespace!(@methods $($body)*);
        }
    };
    (@methods) => {};
    (@methods $(#[$doc:meta])* list $items:ident / $pages:ident ($($id:ident),*) $P:ty => $M:ty = $f:ident; $($rest:tt)*) => {
        $(#[$doc])*
        #[doc = concat!("\n\nLazily, across pages (`", stringify!($f), "`).")]
        pub fn $items(&self, $($id: harvest_core::model::Id,)* params: &$P) -> B::Items<$M> {
            self.0.list_items(harvest_core::api::$f($($id,)* params))
        }
        #[doc = concat!("Page by page (`", stringify!($f), "`).")]
        pub fn $pages(&self, $($id: harvest_core::model::Id,)* params: &$P) -> B::Pages<$M> {
            self.0.list_pages(harvest_core::api::$f($($id,)* params))
        }
        namespace!(@methods $($rest)*);
    };
    (@methods $(#[$doc:meta])* send $method:ident ($($id:ident),*) $P:ty => $T:ty = $f:ident; $($rest:tt)*) => {
        $(#[$doc])*
        #[doc = concat!("\n\n(`", stringify!($f), "`)")]
        pub fn $method(&self, $($id: harvest_core::model::Id,)* params: &$P) -> B::Output<$T> {
            self.0.run(harvest_core::api::$f($($id,)* params))
        }
        namespace!(@methods $($rest)*);
    };
    (@methods $(#[$doc:meta])* by_id $method:ident ($($id:ident),*) => $T:ty = $f:ident; $($rest:tt)*) => {
        $(#[$doc])*
        #[doc = concat!("\n\n(`", stringify!($f), "`)")]
        pub fn $method(&self, $($id: harvest_core::model::Id),*) -> B::Output<$T> {
            self.0.run(harvest_core::api::$f($($id),*))
        }
        namespace!(@methods $($rest)*);
    };
    (@methods $(#[$doc:meta])* sub $method:ident -> $ns:ident; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn $method(&self) -> $ns<'a, B> {
            $ns(self.0)
        }
        namespace!(@methods $($rest)*);
    };
}
pub(crate) use namespace;

/// The namespace accessors, the same on the async and the blocking client.
macro_rules! namespace_accessors {
    ($client:ty) => {
        impl $client {
            /// Clients.
            pub fn clients(&self) -> $crate::resources::Clients<'_, Self> { $crate::resources::Clients(self) }
            /// Contacts.
            pub fn contacts(&self) -> $crate::resources::Contacts<'_, Self> { $crate::resources::Contacts(self) }
            /// The company (account settings).
            pub fn company(&self) -> $crate::resources::CompanyNs<'_, Self> { $crate::resources::CompanyNs(self) }
            /// Estimates, their messages and item categories.
            pub fn estimates(&self) -> $crate::resources::Estimates<'_, Self> { $crate::resources::Estimates(self) }
            /// Expenses and expense categories.
            pub fn expenses(&self) -> $crate::resources::Expenses<'_, Self> { $crate::resources::Expenses(self) }
            /// Invoices, their messages, payments and item categories.
            pub fn invoices(&self) -> $crate::resources::Invoices<'_, Self> { $crate::resources::Invoices(self) }
            /// Projects.
            pub fn projects(&self) -> $crate::resources::Projects<'_, Self> { $crate::resources::Projects(self) }
            /// Task assignments (of every project, or of one).
            pub fn task_assignments(&self) -> $crate::resources::TaskAssignments<'_, Self> { $crate::resources::TaskAssignments(self) }
            /// User assignments (of every project, or of one).
            pub fn user_assignments(&self) -> $crate::resources::UserAssignments<'_, Self> { $crate::resources::UserAssignments(self) }
            /// Reports: time, expenses, uninvoiced, project budget.
            pub fn reports(&self) -> $crate::resources::Reports<'_, Self> { $crate::resources::Reports(self) }
            /// Roles.
            pub fn roles(&self) -> $crate::resources::Roles<'_, Self> { $crate::resources::Roles(self) }
            /// Tasks.
            pub fn tasks(&self) -> $crate::resources::Tasks<'_, Self> { $crate::resources::Tasks(self) }
            /// Time entries.
            pub fn time_entries(&self) -> $crate::resources::TimeEntries<'_, Self> { $crate::resources::TimeEntries(self) }
            /// Users, their rates, project assignments and teammates.
            pub fn users(&self) -> $crate::resources::Users<'_, Self> { $crate::resources::Users(self) }
        }
    };
}
pub(crate) use namespace_accessors;
