//! Estimates, their messages and item categories:
//! <https://help.getharvest.com/api-v2/estimates-api/estimates/estimates/>,
//! <https://help.getharvest.com/api-v2/estimates-api/estimates/estimate-messages/>,
//! <https://help.getharvest.com/api-v2/estimates-api/estimates/estimate-item-categories/>

use super::{Date, Decimal, Id, Listed, Reference, Timestamp};

string_enum! {
    /// The state of an estimate.
    pub enum EstimateState {
        /// Not sent yet.
        Draft = "draft",
        /// Sent to the client.
        Sent = "sent",
        /// Accepted by the client.
        Accepted = "accepted",
        /// Declined by the client.
        Declined = "declined",
    }
}

string_enum! {
    /// The state change an estimate message records instead of emailing.
    pub enum EstimateEventType {
        /// Mark a draft estimate as sent.
        Send = "send",
        /// Mark a sent estimate as accepted.
        Accept = "accept",
        /// Mark a sent estimate as declined.
        Decline = "decline",
        /// Re-open a closed estimate.
        ReOpen = "re-open",
        /// The client viewed the estimate (recorded by Harvest).
        View = "view",
        /// An invoice was made from the estimate (recorded by Harvest).
        Invoice = "invoice",
    }
}

model! {
    /// An estimate (quote) for a client.
    pub struct Estimate {
        /// Unique id.
        pub id: Id,
        /// The client.
        pub client: Reference,
        /// The line items.
        pub line_items: Vec<EstimateLineItem>,
        /// The user who created the estimate.
        pub creator: Option<Reference>,
        /// Key of the public estimate URL (`/client/estimates/{client_key}`).
        pub client_key: Option<String>,
        /// The estimate number.
        pub number: Option<String>,
        /// The purchase order number.
        pub purchase_order: Option<String>,
        /// The total, discount and taxes included.
        pub amount: Decimal,
        /// The first tax, a percentage.
        pub tax: Option<Decimal>,
        /// The first tax's amount.
        pub tax_amount: Option<Decimal>,
        /// The second tax, a percentage.
        pub tax2: Option<Decimal>,
        /// The second tax's amount.
        pub tax2_amount: Option<Decimal>,
        /// The discount, a percentage.
        pub discount: Option<Decimal>,
        /// The discount's amount.
        pub discount_amount: Option<Decimal>,
        /// The subject.
        pub subject: Option<String>,
        /// Notes.
        pub notes: Option<String>,
        /// The ISO currency code.
        pub currency: Option<String>,
        /// The state.
        pub state: Option<EstimateState>,
        /// The issue date.
        pub issue_date: Option<Date>,
        /// When the estimate was sent.
        pub sent_at: Option<Timestamp>,
        /// When the estimate was accepted.
        pub accepted_at: Option<Timestamp>,
        /// When the estimate was declined.
        pub declined_at: Option<Timestamp>,
        /// When the estimate was created.
        pub created_at: Timestamp,
        /// When the estimate was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for Estimate {
    const LIST_KEY: &'static str = "estimates";
}

model! {
    /// A line of an estimate.
    pub struct EstimateLineItem {
        /// Unique id.
        pub id: Id,
        /// The estimate item category's name.
        pub kind: Option<String>,
        /// The description.
        pub description: Option<String>,
        /// The quantity.
        pub quantity: Option<Decimal>,
        /// The unit price.
        pub unit_price: Option<Decimal>,
        /// `quantity × unit_price`.
        pub amount: Option<Decimal>,
        /// Whether the first tax applies.
        pub taxed: bool,
        /// Whether the second tax applies.
        pub taxed2: bool,
    }
}

model! {
    /// A message sent for an estimate, or a state change recorded as one (`event_type`).
    pub struct EstimateMessage {
        /// Unique id.
        pub id: Id,
        /// The sender's name.
        pub sent_by: Option<String>,
        /// The sender's email.
        pub sent_by_email: Option<String>,
        /// The name the message was sent from.
        pub sent_from: Option<String>,
        /// The email the message was sent from.
        pub sent_from_email: Option<String>,
        /// The recipients.
        pub recipients: Vec<EstimateMessageRecipient>,
        /// The subject.
        pub subject: Option<String>,
        /// The body.
        pub body: Option<String>,
        /// Whether the sender got a copy.
        pub send_me_a_copy: Option<bool>,
        /// The state change recorded, or `None` for an emailed message.
        pub event_type: Option<EstimateEventType>,
        /// When the message was created.
        pub created_at: Timestamp,
        /// When the message was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for EstimateMessage {
    const LIST_KEY: &'static str = "estimate_messages";
}

model! {
    /// A recipient of an estimate message.
    pub struct EstimateMessageRecipient {
        /// The recipient's name.
        pub name: Option<String>,
        /// The recipient's email.
        pub email: String,
    }
}

model! {
    /// A category of estimate line items.
    pub struct EstimateItemCategory {
        /// Unique id.
        pub id: Id,
        /// The category's name.
        pub name: String,
        /// When the category was created.
        pub created_at: Timestamp,
        /// When the category was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for EstimateItemCategory {
    const LIST_KEY: &'static str = "estimate_item_categories";
}
