CREATE TABLE balances_old (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    period TEXT NOT NULL,
    opening BIGINT NOT NULL,
    charged BIGINT NOT NULL,
    recalculated BIGINT NOT NULL,
    penalties BIGINT NOT NULL,
    paid BIGINT NOT NULL,
    closing BIGINT NOT NULL,
    PRIMARY KEY (account_id, period)
);
INSERT INTO balances_old SELECT * FROM balances;
DROP TABLE balances;
ALTER TABLE balances_old RENAME TO balances;
CREATE INDEX balances_org_period ON balances (organization_id, period);

CREATE TABLE meter_volumes_old (
    meter_id BIGINT NOT NULL REFERENCES meters (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    period TEXT NOT NULL,
    method TEXT NOT NULL,
    volumes TEXT NOT NULL,
    billed_values TEXT NOT NULL,
    PRIMARY KEY (meter_id, period)
);
INSERT INTO meter_volumes_old SELECT * FROM meter_volumes;
DROP TABLE meter_volumes;
ALTER TABLE meter_volumes_old RENAME TO meter_volumes;

CREATE TABLE charge_lines (
    id INTEGER PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    period TEXT NOT NULL,
    service_id BIGINT NOT NULL REFERENCES services (id),
    zone INTEGER NOT NULL DEFAULT 0,
    method TEXT NOT NULL,
    volume BIGINT NOT NULL,
    common_volume BIGINT NOT NULL,
    tariff BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    details TEXT NOT NULL
);
INSERT INTO charge_lines (organization_id, account_id, period, service_id, zone, method,
                          volume, common_volume, tariff, amount, details)
SELECT c.organization_id, c.account_id, c.period, json_extract(e.value, '$.service_id'),
       COALESCE(json_extract(e.value, '$.zone'), 0), json_extract(e.value, '$.method'),
       json_extract(e.value, '$.individual_volume'), json_extract(e.value, '$.common_volume'),
       json_extract(e.value, '$.tariff'), json_extract(e.value, '$.amount'),
       json(json_extract(e.value, '$.details'))
FROM charges c, json_each(c.lines) e
ORDER BY c.account_id, c.period, e.key;
DROP TABLE charges;
ALTER TABLE charge_lines RENAME TO charges;
CREATE INDEX charges_account_period ON charges (account_id, period);
CREATE INDEX charges_org_period ON charges (organization_id, period);
