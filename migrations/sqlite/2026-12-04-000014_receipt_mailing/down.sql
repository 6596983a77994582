ALTER TABLE jobs DROP COLUMN run_after;
DROP TABLE receipt_letters;
DROP INDEX account_links_unsubscribe_token;
ALTER TABLE account_links DROP COLUMN unsubscribe_token;
ALTER TABLE account_links DROP COLUMN receipts_by_email;
