//! Accounts of id.getharvest.com (account discovery for a token):
//! <https://help.getharvest.com/api-v2/authentication-api/authentication/authentication/>

use super::Id;

string_enum! {
    /// The product an account belongs to.
    pub enum AccountProduct {
        /// A Harvest account: its id is valid for api.harvestapp.com.
        Harvest = "harvest",
        /// A Forecast account.
        Forecast = "forecast",
    }
}

model! {
    /// The answer of `GET https://id.getharvest.com/api/v2/accounts`: the user and their accounts.
    pub struct Accounts {
        /// The user the token belongs to.
        pub user: AccountUser,
        /// Every account the token can reach.
        pub accounts: Vec<Account>,
    }
}

model! {
    /// The user of an [`Accounts`] answer.
    pub struct AccountUser {
        /// The Harvest ID user id.
        pub id: Id,
        /// First name.
        pub first_name: Option<String>,
        /// Last name.
        pub last_name: Option<String>,
        /// Email address.
        pub email: Option<String>,
    }
}

model! {
    /// One account a token can reach.
    pub struct Account {
        /// The account id (the `Harvest-Account-Id` for Harvest accounts).
        pub id: Id,
        /// The account's name.
        pub name: Option<String>,
        /// `harvest` or `forecast`.
        pub product: Option<AccountProduct>,
    }
}

impl Accounts {
    /// The Harvest accounts only (Forecast ids are not valid on api.harvestapp.com).
    pub fn harvest_accounts(&self) -> impl Iterator<Item = &Account> {
        self.accounts.iter().filter(|a| a.product == Some(AccountProduct::Harvest))
    }
}
