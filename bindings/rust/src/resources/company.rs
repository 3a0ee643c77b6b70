//! The company: <https://help.getharvest.com/api-v2/company-api/company/company/>

use super::namespace;
use harvest_core::api::UpdateCompanyParams;
use harvest_core::model::Company;

namespace! {
    /// The company of the account (`client.company()`).
    CompanyNs {
        /// The company's settings (time tracking mode, currency, enabled features).
        by_id get () => Company = retrieve_company;
        /// Changes the company's settings.
        send update () UpdateCompanyParams => Company = update_company;
    }
}
