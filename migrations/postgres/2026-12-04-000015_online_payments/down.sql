DROP TABLE sandbox_payments;
DROP TABLE online_payments;
