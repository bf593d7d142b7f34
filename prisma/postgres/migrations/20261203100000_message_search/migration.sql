-- Message search (ADR 022): a trigram index over Message.content for ILIKE '%term%'.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Message_content_trgm_idx" ON "Message" USING gin ("content" gin_trgm_ops);
