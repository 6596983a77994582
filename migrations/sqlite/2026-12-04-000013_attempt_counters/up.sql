-- Attempt limits (sign-in failures, registrations, recovery, a password asked again):
-- fixed-window counters every instance shares and a restart keeps.
CREATE TABLE attempt_counters (
    key TEXT PRIMARY KEY,
    window_start TIMESTAMP NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX attempt_counters_window_start ON attempt_counters (window_start);
