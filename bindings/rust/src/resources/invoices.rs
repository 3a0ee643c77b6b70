//! Invoices, their messages, payments and item categories:
//! <https://help.getharvest.com/api-v2/invoices-api/invoices/invoices/>
//!
//! The one-call workflows (invoice from tracked time, mark sent, send, record payment) are on the
//! client itself; see `crate::workflows`.

use super::namespace;
use harvest_core::api::*;
use harvest_core::model::{Deleted, Invoice, InvoiceItemCategory, InvoiceMessage, InvoiceMessageSubjectAndBody, InvoicePayment};

namespace! {
    /// Invoices (`client.invoices()`).
    Invoices {
        /// The invoices.
        list list / pages () ListInvoicesParams => Invoice = list_invoices;
        /// One invoice.
        by_id get (invoice_id) => Invoice = retrieve_invoice;
        /// Creates an invoice, free-form or imported from tracked time and expenses.
        send create () CreateInvoiceParams => Invoice = create_invoice;
        /// Changes an invoice (its state changes through messages and payments).
        send update (invoice_id) UpdateInvoiceParams => Invoice = update_invoice;
        /// Deletes an invoice.
        by_id delete (invoice_id) => Deleted = delete_invoice;
        /// An invoice's messages: emails and state changes.
        sub messages -> InvoiceMessages;
        /// An invoice's payments.
        sub payments -> InvoicePayments;
        /// Invoice item categories.
        sub item_categories -> InvoiceItemCategories;
    }
}

namespace! {
    /// An invoice's messages (`client.invoices().messages()`).
    InvoiceMessages {
        /// The messages of an invoice.
        list list / pages (invoice_id) ListMessagesForInvoiceParams => InvoiceMessage = list_messages_for_invoice;
        /// Emails an invoice, or with `event_type` changes its state without emailing.
        send create (invoice_id) CreateInvoiceMessageParams => InvoiceMessage = create_invoice_message;
        /// The subject and body Harvest would use for a new message.
        send template (invoice_id) RetrieveInvoiceMessageSubjectAndBodyForSpecificInvoiceParams => InvoiceMessageSubjectAndBody = retrieve_invoice_message_subject_and_body_for_specific_invoice;
        /// Deletes a message.
        by_id delete (invoice_id, message_id) => Deleted = delete_invoice_message;
    }
}

namespace! {
    /// An invoice's payments (`client.invoices().payments()`).
    InvoicePayments {
        /// The payments of an invoice.
        list list / pages (invoice_id) ListPaymentsForInvoiceParams => InvoicePayment = list_payments_for_invoice;
        /// Records a payment.
        send create (invoice_id) CreateInvoicePaymentParams => InvoicePayment = create_invoice_payment;
        /// Deletes a payment.
        by_id delete (invoice_id, payment_id) => Deleted = delete_invoice_payment;
    }
}

namespace! {
    /// Invoice item categories (`client.invoices().item_categories()`).
    InvoiceItemCategories {
        /// The categories.
        list list / pages () ListInvoiceItemCategoriesParams => InvoiceItemCategory = list_invoice_item_categories;
        /// One category.
        by_id get (invoice_item_category_id) => InvoiceItemCategory = retrieve_invoice_item_category;
        /// Creates a category.
        send create () CreateInvoiceItemCategoryParams => InvoiceItemCategory = create_invoice_item_category;
        /// Renames a category.
        send update (invoice_item_category_id) UpdateInvoiceItemCategoryParams => InvoiceItemCategory = update_invoice_item_category;
        /// Deletes a category.
        by_id delete (invoice_item_category_id) => Deleted = delete_invoice_item_category;
    }
}
