//! Time entries: <https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/>

use super::namespace;
use harvest_core::api::{CreateTimeEntryParams, ListTimeEntriesParams, UpdateTimeEntryParams};
use harvest_core::model::{Deleted, TimeEntry};

namespace! {
    /// Time entries (`client.time_entries()`).
    TimeEntries {
        /// The time entries (admins see everyone's: filter by `user_id`).
        list list / pages () ListTimeEntriesParams => TimeEntry = list_time_entries;
        /// One time entry.
        by_id get (time_entry_id) => TimeEntry = retrieve_time_entry;
        /// Creates a time entry; without hours (or end time) it starts a timer. With an
        /// `external_reference` a create whose answer was lost is found instead of repeated.
        send create () CreateTimeEntryParams => TimeEntry = create_time_entry;
        /// Changes a time entry.
        send update (time_entry_id) UpdateTimeEntryParams => TimeEntry = update_time_entry;
        /// Deletes a time entry.
        by_id delete (time_entry_id) => Deleted = delete_time_entry;
        /// Removes an entry's external reference.
        by_id delete_external_reference (time_entry_id) => Deleted = delete_time_entry_external_reference;
        /// Stops a running timer.
        by_id stop (time_entry_id) => TimeEntry = stop_running_time_entry;
        /// Restarts a stopped timer.
        by_id restart (time_entry_id) => TimeEntry = restart_stopped_time_entry;
    }
}
