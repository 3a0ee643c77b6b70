//! Users, their rates, project assignments and teammates:
//! <https://help.getharvest.com/api-v2/users-api/users/users/>

use super::namespace;
use harvest_core::api::*;
use harvest_core::model::{BillableRate, CostRate, Deleted, ProjectAssignment, Teammate, TeammatesPatchResponse, User};

namespace! {
    /// Users (`client.users()`).
    Users {
        /// The users.
        list list / pages () ListUsersParams => User = list_users;
        /// The user the token belongs to.
        by_id me () => User = retrieve_the_currently_authenticated_user;
        /// One user.
        by_id get (user_id) => User = retrieve_user;
        /// Creates (invites) a user.
        send create () CreateUserParams => User = create_user;
        /// Changes a user.
        send update (user_id) UpdateUserParams => User = update_user;
        /// Deletes a user (only one without time or expenses).
        by_id delete (user_id) => Deleted = delete_user;
        /// The active project assignments of the token's user.
        list my_project_assignments / my_project_assignments_pages () ListActiveProjectAssignmentsForTheCurrentlyAuthenticatedUserParams => ProjectAssignment = list_active_project_assignments_for_the_currently_authenticated_user;
        /// The active project assignments of a user.
        list project_assignments / project_assignments_pages (user_id) ListActiveProjectAssignmentsParams => ProjectAssignment = list_active_project_assignments;
        /// The teammates a user manages.
        list teammates / teammates_pages (user_id) ListAssignedTeammatesForSpecificUserParams => Teammate = list_assigned_teammates_for_specific_user;
        /// Replaces the teammates a user manages.
        send update_teammates (user_id) UpdateUserAssignedTeammatesParams => TeammatesPatchResponse = update_user_assigned_teammates;
        /// A user's billable rates.
        sub billable_rates -> BillableRates;
        /// A user's cost rates.
        sub cost_rates -> CostRates;
    }
}

namespace! {
    /// A user's billable rates (`client.users().billable_rates()`).
    BillableRates {
        /// The billable rates of a user.
        list list / pages (user_id) ListBillableRatesForSpecificUserParams => BillableRate = list_billable_rates_for_specific_user;
        /// One billable rate.
        by_id get (user_id, billable_rate_id) => BillableRate = retrieve_billable_rate;
        /// Adds a billable rate.
        send create (user_id) CreateBillableRateParams => BillableRate = create_billable_rate;
    }
}

namespace! {
    /// A user's cost rates (`client.users().cost_rates()`).
    CostRates {
        /// The cost rates of a user.
        list list / pages (user_id) ListCostRatesForSpecificUserParams => CostRate = list_cost_rates_for_specific_user;
        /// One cost rate.
        by_id get (user_id, cost_rate_id) => CostRate = retrieve_cost_rate;
        /// Adds a cost rate.
        send create (user_id) CreateCostRateParams => CostRate = create_cost_rate;
    }
}
