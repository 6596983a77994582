//! Paid services: the resident's catalogue and requests, the company's catalogue and desk
//! of requests.

use crate::operator::list_path;
use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;
use domkom_values::{AccountId, PaidServiceId, ServiceRequestId};

impl Client {
    pub async fn paid_services(
        &self,
        account_id: AccountId,
        page: PageQuery,
    ) -> Result<Page<PaidService>> {
        self.get(&list_path(
            &format!("accounts/{account_id}/paid-services"),
            &(),
            page,
        )?)
        .await
    }

    pub async fn service_requests(
        &self,
        account_id: AccountId,
        page: PageQuery,
    ) -> Result<Page<ServiceRequest>> {
        let path = format!("accounts/{account_id}/service-requests");
        self.get(&list_path(&path, &(), page)?).await
    }

    pub async fn request_service(
        &self,
        account_id: AccountId,
        request: &NewServiceRequest,
    ) -> Result<ServiceRequest> {
        let path = format!("accounts/{account_id}/service-requests");
        self.with_body(Method::Post, &path, request).await
    }

    pub async fn service_request(&self, id: ServiceRequestId) -> Result<ServiceRequest> {
        self.get(&format!("service-requests/{id}")).await
    }

    pub async fn operator_paid_services(&self, page: PageQuery) -> Result<Page<PaidService>> {
        self.get(&list_path("operator/paid-services", &(), page)?)
            .await
    }

    pub async fn create_paid_service(&self, data: &PaidServiceData) -> Result<PaidService> {
        self.with_body(Method::Post, "operator/paid-services", data)
            .await
    }

    pub async fn update_paid_service(
        &self,
        id: PaidServiceId,
        data: &PaidServiceData,
    ) -> Result<PaidService> {
        self.with_body(Method::Put, &format!("operator/paid-services/{id}"), data)
            .await
    }

    pub async fn delete_paid_service(&self, id: PaidServiceId) -> Result<()> {
        let path = format!("operator/paid-services/{id}");
        self.send_empty(self.request(Method::Delete, &path)).await
    }

    pub async fn operator_service_requests(
        &self,
        filter: &ServiceRequestFilter,
        page: PageQuery,
    ) -> Result<Page<ServiceRequest>> {
        self.get(&list_path("operator/service-requests", filter, page)?)
            .await
    }

    pub async fn operator_service_request(&self, id: ServiceRequestId) -> Result<ServiceRequest> {
        self.get(&format!("operator/service-requests/{id}")).await
    }

    pub async fn accept_service_request(
        &self,
        id: ServiceRequestId,
        accept: &AcceptRequest,
    ) -> Result<ServiceRequest> {
        let path = format!("operator/service-requests/{id}/accept");
        self.with_body(Method::Post, &path, accept).await
    }

    pub async fn finish_service_request(&self, id: ServiceRequestId) -> Result<ServiceRequest> {
        let path = format!("operator/service-requests/{id}/done");
        self.send(self.request(Method::Post, &path)).await
    }

    pub async fn reject_service_request(
        &self,
        id: ServiceRequestId,
        reject: &RejectRequest,
    ) -> Result<ServiceRequest> {
        let path = format!("operator/service-requests/{id}/reject");
        self.with_body(Method::Post, &path, reject).await
    }
}
