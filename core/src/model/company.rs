//! Company: <https://help.getharvest.com/api-v2/company-api/company/company/>

string_enum! {
    /// The first day of the week of the account.
    pub enum WeekStartDay {
        /// Weeks start on Saturday.
        Saturday = "Saturday",
        /// Weeks start on Sunday.
        Sunday = "Sunday",
        /// Weeks start on Monday.
        Monday = "Monday",
    }
}

string_enum! {
    /// How the account displays tracked time.
    pub enum TimeFormat {
        /// Decimal hours (`1.5`).
        Decimal = "decimal",
        /// Hours and minutes (`1:30`).
        HoursMinutes = "hours_minutes",
    }
}

string_enum! {
    /// The account's clock.
    pub enum Clock {
        /// 12-hour clock (`3:00pm`).
        H12 = "12h",
        /// 24-hour clock (`15:00`).
        H24 = "24h",
    }
}

string_enum! {
    /// Where the ISO currency code is shown next to amounts.
    pub enum CurrencyCodeDisplay {
        /// Not shown.
        None = "iso_code_none",
        /// Before the amount.
        Before = "iso_code_before",
        /// After the amount.
        After = "iso_code_after",
    }
}

string_enum! {
    /// Where the currency symbol is shown next to amounts.
    pub enum CurrencySymbolDisplay {
        /// Not shown.
        None = "symbol_none",
        /// Before the amount.
        Before = "symbol_before",
        /// After the amount.
        After = "symbol_after",
    }
}

model! {
    /// The company (Harvest account) of the authenticated user. It has no id and no timestamps.
    pub struct Company {
        /// The account's URL, `https://{subdomain}.harvestapp.com`.
        pub base_uri: Option<String>,
        /// The account's domain.
        pub full_domain: Option<String>,
        /// The company name.
        pub name: Option<String>,
        /// Whether the account is active.
        pub is_active: bool,
        /// The first day of the week.
        pub week_start_day: Option<WeekStartDay>,
        /// True when time is tracked with start and end times, false when tracked by duration.
        pub wants_timestamp_timers: bool,
        /// How tracked time is displayed.
        pub time_format: Option<TimeFormat>,
        /// The date format, e.g. `%m/%d/%Y`.
        pub date_format: Option<String>,
        /// The plan, e.g. `trial`, `free`, `simple-v4`.
        pub plan_type: Option<String>,
        /// The clock used to display times.
        pub clock: Option<Clock>,
        /// Where the currency code is shown.
        pub currency_code_display: Option<CurrencyCodeDisplay>,
        /// Where the currency symbol is shown.
        pub currency_symbol_display: Option<CurrencySymbolDisplay>,
        /// The decimal separator.
        pub decimal_symbol: Option<String>,
        /// The thousands separator.
        pub thousands_separator: Option<String>,
        /// The color scheme.
        pub color_scheme: Option<String>,
        /// The weekly capacity, in seconds.
        pub weekly_capacity: Option<u64>,
        /// Whether expense tracking is enabled.
        pub expense_feature: Option<bool>,
        /// Whether invoicing is enabled.
        pub invoice_feature: Option<bool>,
        /// Whether estimates are enabled.
        pub estimate_feature: Option<bool>,
        /// Whether timesheet approval is enabled.
        pub approval_feature: Option<bool>,
        /// Whether the team feature is enabled.
        pub team_feature: Option<bool>,
    }
}
