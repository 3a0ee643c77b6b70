//! Projects and their task and user assignments:
//! <https://help.getharvest.com/api-v2/projects-api/projects/projects/>

use super::namespace;
use harvest_core::api::*;
use harvest_core::model::{Deleted, Project, TaskAssignment, UserAssignment};

namespace! {
    /// Projects (`client.projects()`).
    Projects {
        /// The projects.
        list list / pages () ListProjectsParams => Project = list_projects;
        /// One project.
        by_id get (project_id) => Project = retrieve_project;
        /// Creates a project.
        send create () CreateProjectParams => Project = create_project;
        /// Changes a project.
        send update (project_id) UpdateProjectParams => Project = update_project;
        /// Deletes a project and its time entries and expenses.
        by_id delete (project_id) => Deleted = delete_project;
    }
}

namespace! {
    /// Task assignments (`client.task_assignments()`): which tasks a project offers.
    TaskAssignments {
        /// The task assignments of every project.
        list list / pages () ListTaskAssignmentsParams => TaskAssignment = list_task_assignments;
        /// The task assignments of one project.
        list list_for_project / pages_for_project (project_id) ListTaskAssignmentsForSpecificProjectParams => TaskAssignment = list_task_assignments_for_specific_project;
        /// One task assignment.
        by_id get (project_id, task_assignment_id) => TaskAssignment = retrieve_task_assignment;
        /// Assigns a task to a project.
        send create (project_id) CreateTaskAssignmentParams => TaskAssignment = create_task_assignment;
        /// Changes a task assignment.
        send update (project_id, task_assignment_id) UpdateTaskAssignmentParams => TaskAssignment = update_task_assignment;
        /// Removes a task from a project.
        by_id delete (project_id, task_assignment_id) => Deleted = delete_task_assignment;
    }
}

namespace! {
    /// User assignments (`client.user_assignments()`): who works on a project.
    UserAssignments {
        /// The user assignments of every project.
        list list / pages () ListUserAssignmentsParams => UserAssignment = list_user_assignments;
        /// The user assignments of one project.
        list list_for_project / pages_for_project (project_id) ListUserAssignmentsForSpecificProjectParams => UserAssignment = list_user_assignments_for_specific_project;
        /// One user assignment.
        by_id get (project_id, user_assignment_id) => UserAssignment = retrieve_user_assignment;
        /// Assigns a user to a project.
        send create (project_id) CreateUserAssignmentParams => UserAssignment = create_user_assignment;
        /// Changes a user assignment.
        send update (project_id, user_assignment_id) UpdateUserAssignmentParams => UserAssignment = update_user_assignment;
        /// Removes a user from a project.
        by_id delete (project_id, user_assignment_id) => Deleted = delete_user_assignment;
    }
}
