//! Invoices, their messages, payments and item categories:
//! <https://help.getharvest.com/api-v2/invoices-api/invoices/invoices/>,
//! <https://help.getharvest.com/api-v2/invoices-api/invoices/invoice-messages/>,
//! <https://help.getharvest.com/api-v2/invoices-api/invoices/invoice-payments/>,
//! <https://help.getharvest.com/api-v2/invoices-api/invoices/invoice-item-categories/>

use super::{Date, Decimal, Id, Listed, ProjectRef, Reference, Timestamp};

string_enum! {
    /// The state of an invoice. It changes through messages and payments, never by update.
    pub enum InvoiceState {
        /// Not sent yet.
        Draft = "draft",
        /// Sent, awaiting payment.
        Open = "open",
        /// Fully paid.
        Paid = "paid",
        /// Closed without full payment.
        Closed = "closed",
    }
}

string_enum! {
    /// When an invoice is due.
    pub enum PaymentTerm {
        /// Due on receipt.
        UponReceipt = "upon receipt",
        /// Due 15 days after issue.
        Net15 = "net 15",
        /// Due 30 days after issue.
        Net30 = "net 30",
        /// Due 45 days after issue.
        Net45 = "net 45",
        /// Due 60 days after issue.
        Net60 = "net 60",
        /// Due on the invoice's own `due_date`.
        Custom = "custom",
    }
}

string_enum! {
    /// An online payment method offered on an invoice.
    pub enum PaymentOption {
        /// Bank transfer (ACH).
        Ach = "ach",
        /// Credit card.
        CreditCard = "credit_card",
        /// PayPal.
        Paypal = "paypal",
    }
}

string_enum! {
    /// The state change an invoice message records instead of emailing.
    pub enum InvoiceEventType {
        /// Mark a draft invoice as sent (it becomes `open`).
        Send = "send",
        /// Close an open invoice.
        Close = "close",
        /// Re-open a closed invoice.
        ReOpen = "re-open",
        /// Move an open invoice back to draft.
        Draft = "draft",
    }
}

model! {
    /// An object embedded by id only (an invoice's `estimate` and `retainer`).
    pub struct IdRef {
        /// The referenced object's id.
        pub id: Id,
    }
}

model! {
    /// An invoice as embedded in time entries and expenses: id and number.
    pub struct InvoiceRef {
        /// The invoice's id.
        pub id: Id,
        /// The invoice's number.
        pub number: Option<String>,
    }
}

model! {
    /// An invoice.
    pub struct Invoice {
        /// Unique id.
        pub id: Id,
        /// The client billed.
        pub client: Reference,
        /// The line items.
        pub line_items: Vec<InvoiceLineItem>,
        /// The estimate the invoice was made from.
        pub estimate: Option<IdRef>,
        /// The retainer the invoice adds funds to.
        pub retainer: Option<IdRef>,
        /// The user who created the invoice.
        pub creator: Option<Reference>,
        /// Key of the public invoice URL (`/client/invoices/{client_key}`).
        pub client_key: Option<String>,
        /// The invoice number.
        pub number: Option<String>,
        /// The purchase order number.
        pub purchase_order: Option<String>,
        /// The total, discount and taxes included.
        pub amount: Decimal,
        /// What is still owed.
        pub due_amount: Decimal,
        /// The first tax, a percentage (`5.0` for 5%).
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
        /// Notes shown on the invoice.
        pub notes: Option<String>,
        /// The ISO currency code.
        pub currency: Option<String>,
        /// The state.
        pub state: Option<InvoiceState>,
        /// Start of the period of imported time.
        pub period_start: Option<Date>,
        /// End of the period of imported time.
        pub period_end: Option<Date>,
        /// The issue date.
        pub issue_date: Option<Date>,
        /// The due date.
        pub due_date: Option<Date>,
        /// The payment term.
        pub payment_term: Option<PaymentTerm>,
        /// The online payment methods offered.
        pub payment_options: Vec<PaymentOption>,
        /// When the invoice was sent.
        pub sent_at: Option<Timestamp>,
        /// When the invoice was fully paid.
        pub paid_at: Option<Timestamp>,
        /// The day the invoice was fully paid.
        pub paid_date: Option<Date>,
        /// When the invoice was closed.
        pub closed_at: Option<Timestamp>,
        /// The recurring invoice this one was generated from.
        pub recurring_invoice_id: Option<Id>,
        /// When the invoice was created.
        pub created_at: Timestamp,
        /// When the invoice was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for Invoice {
    const LIST_KEY: &'static str = "invoices";
}

model! {
    /// A line of an invoice.
    pub struct InvoiceLineItem {
        /// Unique id.
        pub id: Id,
        /// The project the line bills, if any.
        pub project: Option<ProjectRef>,
        /// The invoice item category's name (`Service`, `Product`...).
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
    /// A message sent for an invoice, or a state change recorded as one (`event_type`).
    pub struct InvoiceMessage {
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
        pub recipients: Vec<InvoiceMessageRecipient>,
        /// The subject.
        pub subject: Option<String>,
        /// The body.
        pub body: Option<String>,
        /// Deprecated by Harvest: mirrors whether the invoice has payment options.
        pub include_link_to_client_invoice: Option<bool>,
        /// Whether the invoice PDF was attached.
        pub attach_pdf: Option<bool>,
        /// Whether the sender got a copy.
        pub send_me_a_copy: Option<bool>,
        /// Whether this is a thank-you note.
        pub thank_you: Option<bool>,
        /// Whether this is a reminder.
        pub reminder: Option<bool>,
        /// When a reminder is to be sent.
        pub send_reminder_on: Option<Date>,
        /// The state change recorded, or `None` for an emailed message.
        pub event_type: Option<InvoiceEventType>,
        /// When the message was created.
        pub created_at: Timestamp,
        /// When the message was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for InvoiceMessage {
    const LIST_KEY: &'static str = "invoice_messages";
}

model! {
    /// A recipient of an invoice or estimate message.
    pub struct InvoiceMessageRecipient {
        /// The recipient's name.
        pub name: Option<String>,
        /// The recipient's email.
        pub email: String,
    }
}

model! {
    /// The subject and body Harvest would use for a new invoice message (nothing is created).
    pub struct InvoiceMessageSubjectAndBody {
        /// The invoice.
        pub invoice_id: Id,
        /// The subject.
        pub subject: Option<String>,
        /// The body.
        pub body: Option<String>,
        /// Whether this is the reminder text.
        pub reminder: bool,
        /// Whether this is the thank-you text.
        pub thank_you: bool,
    }
}

model! {
    /// A payment recorded on an invoice.
    pub struct InvoicePayment {
        /// Unique id.
        pub id: Id,
        /// The amount paid.
        pub amount: Decimal,
        /// When the payment was made.
        pub paid_at: Option<Timestamp>,
        /// The day the payment was made.
        pub paid_date: Option<Date>,
        /// Who recorded the payment.
        pub recorded_by: Option<String>,
        /// The recorder's email.
        pub recorded_by_email: Option<String>,
        /// Notes.
        pub notes: Option<String>,
        /// The card authorization or PayPal transaction id.
        pub transaction_id: Option<String>,
        /// The payment gateway (id and name are `null` for manual payments).
        pub payment_gateway: Option<PaymentGateway>,
        /// When the payment was recorded.
        pub created_at: Timestamp,
        /// When the payment was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for InvoicePayment {
    const LIST_KEY: &'static str = "invoice_payments";
}

model! {
    /// The gateway a payment went through; both fields are `null` for manual payments.
    pub struct PaymentGateway {
        /// The gateway's id.
        pub id: Option<Id>,
        /// The gateway's name.
        pub name: Option<String>,
    }
}

model! {
    /// A category of invoice line items (`Service`, `Product`...).
    pub struct InvoiceItemCategory {
        /// Unique id.
        pub id: Id,
        /// The category's name.
        pub name: String,
        /// Whether the category is used for billable hours when importing time.
        pub use_as_service: bool,
        /// Whether the category is used for expenses when importing them.
        pub use_as_expense: bool,
        /// When the category was created.
        pub created_at: Timestamp,
        /// When the category was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for InvoiceItemCategory {
    const LIST_KEY: &'static str = "invoice_item_categories";
}
