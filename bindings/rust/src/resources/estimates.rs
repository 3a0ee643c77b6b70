//! Estimates, their messages and item categories:
//! <https://help.getharvest.com/api-v2/estimates-api/estimates/estimates/>

use super::namespace;
use harvest_core::api::*;
use harvest_core::model::{Deleted, Estimate, EstimateItemCategory, EstimateMessage};

namespace! {
    /// Estimates (`client.estimates()`).
    Estimates {
        /// The estimates.
        list list / pages () ListEstimatesParams => Estimate = list_estimates;
        /// One estimate.
        by_id get (estimate_id) => Estimate = retrieve_estimate;
        /// Creates an estimate.
        send create () CreateEstimateParams => Estimate = create_estimate;
        /// Changes an estimate.
        send update (estimate_id) UpdateEstimateParams => Estimate = update_estimate;
        /// Deletes an estimate.
        by_id delete (estimate_id) => Deleted = delete_estimate;
        /// An estimate's messages (sending it, or changing its state).
        sub messages -> EstimateMessages;
        /// Estimate item categories.
        sub item_categories -> EstimateItemCategories;
    }
}

namespace! {
    /// An estimate's messages (`client.estimates().messages()`).
    EstimateMessages {
        /// The messages of an estimate.
        list list / pages (estimate_id) ListMessagesForEstimateParams => EstimateMessage = list_messages_for_estimate;
        /// Sends an estimate, or with `event_type` changes its state without emailing.
        send create (estimate_id) CreateEstimateMessageParams => EstimateMessage = create_estimate_message;
        /// Deletes a message.
        by_id delete (estimate_id, message_id) => Deleted = delete_estimate_message;
    }
}

namespace! {
    /// Estimate item categories (`client.estimates().item_categories()`).
    EstimateItemCategories {
        /// The categories.
        list list / pages () ListEstimateItemCategoriesParams => EstimateItemCategory = list_estimate_item_categories;
        /// One category.
        by_id get (estimate_item_category_id) => EstimateItemCategory = retrieve_estimate_item_category;
        /// Creates a category.
        send create () CreateEstimateItemCategoryParams => EstimateItemCategory = create_estimate_item_category;
        /// Renames a category.
        send update (estimate_item_category_id) UpdateEstimateItemCategoryParams => EstimateItemCategory = update_estimate_item_category;
        /// Deletes a category.
        by_id delete (estimate_item_category_id) => Deleted = delete_estimate_item_category;
    }
}
