//! Integration tests over real HTTP against an in-process sandbox.

mod common;

mod auth;
mod faults;
mod fidelity;
mod invoices;
mod oauth;
mod operations;
mod pagination;
mod persistence;
mod ratelimit;
mod reports;
mod robustness;
mod time_entries;
