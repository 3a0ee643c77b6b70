//! The list of every model and string enum with their fields and values, read by the bindings'
//! type generators (Python stubs, TypeScript declarations) so no language keeps a second copy.
//! A test checks that every `model!` and `string_enum!` in this folder is listed here.

use super::*;

/// A model's name and its fields (name, Rust type).
#[derive(Debug, Clone, Copy)]
pub struct ModelSchema {
    /// The model's name.
    pub name: &'static str,
    /// Field names and Rust types, in declaration order.
    pub fields: &'static [(&'static str, &'static str)],
}

/// A string enum's name and known values.
#[derive(Debug, Clone, Copy)]
pub struct EnumSchema {
    /// The enum's name.
    pub name: &'static str,
    /// The values Harvest documents.
    pub values: &'static [&'static str],
}

/// Every model.
pub fn models() -> Vec<ModelSchema> {
    vec![
        ModelSchema { name: "Accounts", fields: Accounts::FIELDS },
        ModelSchema { name: "AccountUser", fields: AccountUser::FIELDS },
        ModelSchema { name: "Account", fields: Account::FIELDS },
        ModelSchema { name: "Client", fields: Client::FIELDS },
        ModelSchema { name: "ClientRef", fields: ClientRef::FIELDS },
        ModelSchema { name: "Company", fields: Company::FIELDS },
        ModelSchema { name: "Contact", fields: Contact::FIELDS },
        ModelSchema { name: "Estimate", fields: Estimate::FIELDS },
        ModelSchema { name: "EstimateLineItem", fields: EstimateLineItem::FIELDS },
        ModelSchema { name: "EstimateMessage", fields: EstimateMessage::FIELDS },
        ModelSchema { name: "EstimateMessageRecipient", fields: EstimateMessageRecipient::FIELDS },
        ModelSchema { name: "EstimateItemCategory", fields: EstimateItemCategory::FIELDS },
        ModelSchema { name: "Expense", fields: Expense::FIELDS },
        ModelSchema { name: "ExpenseCategoryRef", fields: ExpenseCategoryRef::FIELDS },
        ModelSchema { name: "Receipt", fields: Receipt::FIELDS },
        ModelSchema { name: "ExpenseCategory", fields: ExpenseCategory::FIELDS },
        ModelSchema { name: "IdRef", fields: IdRef::FIELDS },
        ModelSchema { name: "InvoiceRef", fields: InvoiceRef::FIELDS },
        ModelSchema { name: "Invoice", fields: Invoice::FIELDS },
        ModelSchema { name: "InvoiceLineItem", fields: InvoiceLineItem::FIELDS },
        ModelSchema { name: "InvoiceMessage", fields: InvoiceMessage::FIELDS },
        ModelSchema { name: "InvoiceMessageRecipient", fields: InvoiceMessageRecipient::FIELDS },
        ModelSchema { name: "InvoiceMessageSubjectAndBody", fields: InvoiceMessageSubjectAndBody::FIELDS },
        ModelSchema { name: "InvoicePayment", fields: InvoicePayment::FIELDS },
        ModelSchema { name: "PaymentGateway", fields: PaymentGateway::FIELDS },
        ModelSchema { name: "InvoiceItemCategory", fields: InvoiceItemCategory::FIELDS },
        ModelSchema { name: "Reference", fields: Reference::FIELDS },
        ModelSchema { name: "Links", fields: Links::FIELDS },
        ModelSchema { name: "Project", fields: Project::FIELDS },
        ModelSchema { name: "ProjectRef", fields: ProjectRef::FIELDS },
        ModelSchema { name: "UserAssignment", fields: UserAssignment::FIELDS },
        ModelSchema { name: "TaskAssignment", fields: TaskAssignment::FIELDS },
        ModelSchema { name: "TimeReportsResult", fields: TimeReportsResult::FIELDS },
        ModelSchema { name: "ExpenseReportsResult", fields: ExpenseReportsResult::FIELDS },
        ModelSchema { name: "UninvoicedReportResult", fields: UninvoicedReportResult::FIELDS },
        ModelSchema { name: "ProjectBudgetReportResult", fields: ProjectBudgetReportResult::FIELDS },
        ModelSchema { name: "Role", fields: Role::FIELDS },
        ModelSchema { name: "Task", fields: Task::FIELDS },
        ModelSchema { name: "TimeEntry", fields: TimeEntry::FIELDS },
        ModelSchema { name: "UserAssignmentRef", fields: UserAssignmentRef::FIELDS },
        ModelSchema { name: "TaskAssignmentRef", fields: TaskAssignmentRef::FIELDS },
        ModelSchema { name: "ExternalReference", fields: ExternalReference::FIELDS },
        ModelSchema { name: "User", fields: User::FIELDS },
        ModelSchema { name: "BillableRate", fields: BillableRate::FIELDS },
        ModelSchema { name: "CostRate", fields: CostRate::FIELDS },
        ModelSchema { name: "ProjectAssignment", fields: ProjectAssignment::FIELDS },
        ModelSchema { name: "Teammate", fields: Teammate::FIELDS },
        ModelSchema { name: "TeammatesPatchResponse", fields: TeammatesPatchResponse::FIELDS },
    ]
}

/// Every string enum.
pub fn enums() -> Vec<EnumSchema> {
    vec![
        EnumSchema { name: "AccountProduct", values: AccountProduct::VALUES },
        EnumSchema { name: "WeekStartDay", values: WeekStartDay::VALUES },
        EnumSchema { name: "TimeFormat", values: TimeFormat::VALUES },
        EnumSchema { name: "Clock", values: Clock::VALUES },
        EnumSchema { name: "CurrencyCodeDisplay", values: CurrencyCodeDisplay::VALUES },
        EnumSchema { name: "CurrencySymbolDisplay", values: CurrencySymbolDisplay::VALUES },
        EnumSchema { name: "EstimateState", values: EstimateState::VALUES },
        EnumSchema { name: "EstimateEventType", values: EstimateEventType::VALUES },
        EnumSchema { name: "InvoiceState", values: InvoiceState::VALUES },
        EnumSchema { name: "PaymentTerm", values: PaymentTerm::VALUES },
        EnumSchema { name: "PaymentOption", values: PaymentOption::VALUES },
        EnumSchema { name: "InvoiceEventType", values: InvoiceEventType::VALUES },
        EnumSchema { name: "BillBy", values: BillBy::VALUES },
        EnumSchema { name: "BudgetBy", values: BudgetBy::VALUES },
        EnumSchema { name: "ApprovalStatus", values: ApprovalStatus::VALUES },
        EnumSchema { name: "AccessRole", values: AccessRole::VALUES },
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_declared_model_and_enum_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
        let models: Vec<&str> = super::models().iter().map(|m| m.name).collect();
        let enums: Vec<&str> = super::enums().iter().map(|e| e.name).collect();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == "macros.rs" || name == "schema.rs" || name == "field.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (macro_name, listed) in [("model!", &models), ("string_enum!", &enums)] {
                for chunk in text.split(macro_name).skip(1) {
                    let declared = chunk.split("pub ").nth(1).and_then(|s| s.split_whitespace().nth(1)).unwrap_or_default();
                    assert!(listed.contains(&declared), "{declared} ({name}) is missing from model::schema");
                }
            }
        }
    }
}
