-- A period keeps its last day, to tell the payments it counted from those that arrived
-- after, and the services' names, suppliers and units as they were when it closed: what
-- the resident's card and charges print for that period.
ALTER TABLE periods ADD COLUMN ends_on DATE NOT NULL DEFAULT '1970-01-01';
UPDATE periods SET ends_on = date(period || '-01', '+1 month', '-1 day');

-- JSON: [[service id, name, supplier, unit], ...]
ALTER TABLE periods ADD COLUMN services TEXT;
UPDATE periods
SET services = COALESCE((
    SELECT json_group_array(json_array(id, name, supplier_name, unit))
    FROM (SELECT * FROM services s WHERE s.organization_id = periods.organization_id ORDER BY s.id)
), '[]')
WHERE status = 'closed';

-- The organization's newest closed period: the one a resident's card shows.
ALTER TABLE organizations ADD COLUMN last_closed TEXT;
UPDATE organizations
SET last_closed = (
    SELECT max(period) FROM periods
    WHERE periods.organization_id = organizations.id AND periods.status = 'closed'
);
