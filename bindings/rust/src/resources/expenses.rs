//! Expenses and expense categories: <https://help.getharvest.com/api-v2/expenses-api/expenses/expenses/>

use super::namespace;
use harvest_core::api::*;
use harvest_core::model::{Deleted, Expense, ExpenseCategory};

namespace! {
    /// Expenses (`client.expenses()`).
    Expenses {
        /// The expenses.
        list list / pages () ListExpensesParams => Expense = list_expenses;
        /// One expense.
        by_id get (expense_id) => Expense = retrieve_expense;
        /// Creates an expense.
        send create () CreateExpenseParams => Expense = create_expense;
        /// Changes an expense.
        send update (expense_id) UpdateExpenseParams => Expense = update_expense;
        /// Deletes an expense.
        by_id delete (expense_id) => Deleted = delete_expense;
        /// Expense categories.
        sub categories -> ExpenseCategories;
    }
}

namespace! {
    /// Expense categories (`client.expenses().categories()`).
    ExpenseCategories {
        /// The categories.
        list list / pages () ListExpenseCategoriesParams => ExpenseCategory = list_expense_categories;
        /// One category.
        by_id get (expense_category_id) => ExpenseCategory = retrieve_expense_category;
        /// Creates a category.
        send create () CreateExpenseCategoryParams => ExpenseCategory = create_expense_category;
        /// Changes a category.
        send update (expense_category_id) UpdateExpenseCategoryParams => ExpenseCategory = update_expense_category;
        /// Deletes a category.
        by_id delete (expense_category_id) => Deleted = delete_expense_category;
    }
}
