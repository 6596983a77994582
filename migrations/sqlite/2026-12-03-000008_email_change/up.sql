-- A change of e-mail waits for the link sent to the new address: its token carries that
-- address, and only such tokens carry one. SQLite cannot change a CHECK: the table is
-- built anew, the new column last as PostgreSQL adds it.
CREATE TABLE user_tokens_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset', 'email_change')),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    email TEXT,
    CHECK ((purpose = 'email_change') = (email IS NOT NULL))
);
INSERT INTO user_tokens_new (id, user_id, purpose, token_hash, expires_at, used_at, created_at)
SELECT id, user_id, purpose, token_hash, expires_at, used_at, created_at FROM user_tokens;
DROP TABLE user_tokens;
ALTER TABLE user_tokens_new RENAME TO user_tokens;
CREATE INDEX user_tokens_user_id ON user_tokens (user_id);
