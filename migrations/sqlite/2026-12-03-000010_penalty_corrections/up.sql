-- A close corrects the penalties earlier closes charged when a payment dated in their
-- months reached the company only after they closed (a late bank registry): one row per
-- account, period booked in and period corrected, written by the close with its other
-- rows. Each is part of `balances.penalties` of the period it is booked in.
CREATE TABLE penalty_corrections (
    account_id BIGINT NOT NULL,
    period TEXT NOT NULL,
    corrects_period TEXT NOT NULL,
    organization_id BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (account_id, period, corrects_period)
);
CREATE INDEX penalty_corrections_org_period ON penalty_corrections (organization_id, period);

-- The rate a close charged penalties at, in basis points (0: it charged none), so that a
-- correction replays the period at its own rate; NULL for periods closed before it was kept.
ALTER TABLE periods ADD COLUMN penalty_rate_bp INTEGER;
