//! `admin/*` and `operator/*`: the platform's and the company's side.

use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;
use domkom_values::{HouseId, OrganizationId};

fn page_path(path: &str, page: PageQuery) -> String {
    format!("{path}?limit={}&offset={}", page.limit(), page.offset())
}

impl Client {
    pub async fn create_organization(&self, data: &OrganizationData) -> Result<Organization> {
        self.with_body(Method::Post, "admin/organizations", data)
            .await
    }

    pub async fn organizations(&self, page: PageQuery) -> Result<Page<Organization>> {
        self.get(&page_path("admin/organizations", page)).await
    }

    pub async fn organization(&self, id: OrganizationId) -> Result<Organization> {
        self.get(&format!("admin/organizations/{id}")).await
    }

    pub async fn update_organization(
        &self,
        id: OrganizationId,
        data: &OrganizationData,
    ) -> Result<Organization> {
        self.with_body(Method::Put, &format!("admin/organizations/{id}"), data)
            .await
    }

    /// Creates an active operator of an organization.
    pub async fn create_operator(&self, operator: &NewOperator) -> Result<User> {
        self.with_body(Method::Post, "admin/operators", operator)
            .await
    }

    pub async fn houses(&self, page: PageQuery) -> Result<Page<House>> {
        self.get(&page_path("operator/houses", page)).await
    }

    pub async fn create_house(&self, data: &HouseData) -> Result<House> {
        self.with_body(Method::Post, "operator/houses", data).await
    }

    pub async fn house(&self, id: HouseId) -> Result<House> {
        self.get(&format!("operator/houses/{id}")).await
    }

    pub async fn update_house(&self, id: HouseId, data: &HouseData) -> Result<House> {
        self.with_body(Method::Put, &format!("operator/houses/{id}"), data)
            .await
    }

    pub async fn delete_house(&self, id: HouseId) -> Result<()> {
        self.send_empty(self.request(Method::Delete, &format!("operator/houses/{id}")))
            .await
    }
}
