-- A resident's personal accounts: several residents (a family) may link the same account,
-- one resident many accounts.
CREATE TABLE account_links (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, account_id)
);
CREATE INDEX account_links_account ON account_links (account_id);
