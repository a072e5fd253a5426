-- The history endpoint filters on customer_id and sorts by created_at:
-- one composite index serves both, for every request.
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at);
