//! The answer to a `DELETE`: Harvest sends `200` with an empty body, or (observed) the deleted object.

use serde::{Deserialize, Serialize};

/// The answer to a delete: nothing, or whatever body Harvest sent back, kept as received.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Deleted {
    /// The body Harvest returned, if any (`None` for an empty body).
    pub body: Option<serde_json::Value>,
}
