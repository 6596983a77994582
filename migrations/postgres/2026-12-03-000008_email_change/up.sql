-- A change of e-mail waits for the link sent to the new address: its token carries that
-- address, and only such tokens carry one.
ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_purpose_check;
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_purpose_check
    CHECK (purpose IN ('activation', 'password_reset', 'email_change'));
ALTER TABLE user_tokens ADD COLUMN email TEXT;
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_email_check
    CHECK ((purpose = 'email_change') = (email IS NOT NULL));
