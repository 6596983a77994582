-- The day a meter was read, as the history shows it: a resident's reading is taken the
-- day it is sent, an imported or an operator's one the day given. Readings stored before
-- knew only when they were recorded: that day, unless it is after the period, when the
-- period's last day is the better guess (a registry of past months entered later).
ALTER TABLE readings ADD COLUMN taken_on DATE;
UPDATE readings
SET taken_on = LEAST(
    created_at::date,
    (to_date(period || '-01', 'YYYY-MM-DD') + INTERVAL '1 month' - INTERVAL '1 day')::date
);
ALTER TABLE readings ALTER COLUMN taken_on SET NOT NULL;
