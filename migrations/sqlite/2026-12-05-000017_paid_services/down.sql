DROP TABLE service_request_payments;
DROP TABLE service_requests;
DROP TABLE paid_services;
