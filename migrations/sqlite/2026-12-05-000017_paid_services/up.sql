-- Paid services: the organization's catalogue and the residents' requests for them (see
-- docs/paid-services.md).
CREATE TABLE paid_services (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    -- Kopecks per unit; none: «по договорённости».
    price BIGINT CHECK (price IS NULL OR price >= 0),
    unit TEXT NOT NULL,
    -- Off the catalogue; the requests made keep it.
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE service_requests (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    house_id BIGINT NOT NULL REFERENCES houses (id),
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    paid_service_id BIGINT NOT NULL REFERENCES paid_services (id),
    -- The service as it was ordered: a later rename does not rewrite the request.
    service_name TEXT NOT NULL,
    unit TEXT NOT NULL,
    preferred_date DATE NOT NULL,
    time_slot TEXT NOT NULL CHECK (time_slot IN ('morning', 'afternoon', 'evening', 'any')),
    comment TEXT NOT NULL,
    contact_phone TEXT,
    contact_email TEXT,
    status TEXT NOT NULL CHECK (status IN ('new', 'accepted', 'done', 'rejected')),
    -- Agreed on acceptance.
    scheduled_at TIMESTAMP,
    price BIGINT CHECK (price IS NULL OR price >= 0),
    reject_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    done_at TIMESTAMP,
    rejected_at TIMESTAMP,
    -- The online payment that paid it.
    paid_by BIGINT REFERENCES online_payments (id),
    CHECK (contact_phone IS NOT NULL OR contact_email IS NOT NULL),
    CHECK (status IN ('new', 'rejected') OR (scheduled_at IS NOT NULL AND price IS NOT NULL))
);
CREATE INDEX service_requests_account ON service_requests (account_id, created_at);
CREATE INDEX service_requests_queue ON service_requests (organization_id, status, created_at);

-- The online payments started for a service request (instead of the account's charges).
CREATE TABLE service_request_payments (
    online_payment_id BIGINT PRIMARY KEY REFERENCES online_payments (id) ON DELETE CASCADE,
    service_request_id BIGINT NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE
);
