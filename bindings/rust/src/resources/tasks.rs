//! Tasks: <https://help.getharvest.com/api-v2/tasks-api/tasks/tasks/>

use super::namespace;
use harvest_core::api::{CreateTaskParams, ListTasksParams, UpdateTaskParams};
use harvest_core::model::{Deleted, Task};

namespace! {
    /// Tasks (`client.tasks()`).
    Tasks {
        /// The tasks.
        list list / pages () ListTasksParams => Task = list_tasks;
        /// One task.
        by_id get (task_id) => Task = retrieve_task;
        /// Creates a task.
        send create () CreateTaskParams => Task = create_task;
        /// Changes a task.
        send update (task_id) UpdateTaskParams => Task = update_task;
        /// Deletes a task (only one never used).
        by_id delete (task_id) => Deleted = delete_task;
    }
}
