-- When a user's sessions last ended (sign-out, a new password, a reused refresh token, a
-- deleted profile): access tokens issued before it are refused. No foreign key: a deleted
-- user's stamp must outlive the user.
CREATE TABLE session_revocations (
    user_id BIGINT PRIMARY KEY,
    revoked_at TIMESTAMP NOT NULL
);
