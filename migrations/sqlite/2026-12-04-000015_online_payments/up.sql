-- Online payments started from the cabinet, one row per attempt. The provider confirms
-- it; then, once, a row of `payments` (source 'online', the provider's id as
-- external_id) credits the account and `payment_id` points to it.
CREATE TABLE online_payments (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    for_period TEXT,
    provider TEXT NOT NULL,
    provider_id TEXT,
    confirmation_url TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'canceled', 'expired')),
    idempotency_key TEXT,
    payment_id BIGINT REFERENCES payments (id),
    error TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    UNIQUE (provider, provider_id),
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX online_payments_account ON online_payments (account_id, created_at);

-- The books of the built-in sandbox acquirer: what it was asked to collect and what the
-- payer decided on its page. A real provider keeps these on its side.
CREATE TABLE sandbox_payments (
    id TEXT PRIMARY KEY,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    description TEXT NOT NULL,
    return_url TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'canceled')),
    created_at TIMESTAMP NOT NULL
);
