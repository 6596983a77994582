-- Receipts by e-mail. A resident subscribes per linked account, so unlinking the account or
-- deleting the profile ends the subscription with the link. The unsubscribe token is made
-- at the first subscription and kept: every letter's one-click link stays valid. It is
-- stored as is: it can do nothing but switch the letters off.
ALTER TABLE account_links ADD COLUMN receipts_by_email BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE account_links ADD COLUMN unsubscribe_token TEXT;
CREATE UNIQUE INDEX account_links_unsubscribe_token ON account_links (unsubscribe_token);

-- The outbox: one letter per subscriber, account and period, queued with the period's
-- close, sent by a background job, retried with back-off.
CREATE TABLE receipt_letters (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'dropped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    UNIQUE (user_id, account_id, period)
);
CREATE INDEX receipt_letters_due ON receipt_letters (organization_id, period, next_attempt_at)
    WHERE status = 'queued';

-- A job may wait: a mailing's retry is queued for when its next letter is due.
ALTER TABLE jobs ADD COLUMN run_after TIMESTAMP;
