DELETE FROM user_tokens WHERE purpose = 'email_change';
ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_email_check;
ALTER TABLE user_tokens DROP COLUMN email;
ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_purpose_check;
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_purpose_check
    CHECK (purpose IN ('activation', 'password_reset'));
