CREATE TABLE user_tokens_old (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset')),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
INSERT INTO user_tokens_old (id, user_id, purpose, token_hash, expires_at, used_at, created_at)
SELECT id, user_id, purpose, token_hash, expires_at, used_at, created_at FROM user_tokens
WHERE purpose <> 'email_change';
DROP TABLE user_tokens;
ALTER TABLE user_tokens_old RENAME TO user_tokens;
CREATE INDEX user_tokens_user_id ON user_tokens (user_id);
