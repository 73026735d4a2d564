-- API tokens of the REST API (docs/api.md). Only a SHA-256 hash of each token is stored: the token itself
-- is shown once, when it is made.
CREATE TABLE api_tokens (
    token_id     VARCHAR PRIMARY KEY,       -- short public id, to list and revoke a token by
    name         VARCHAR,
    role         VARCHAR NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    token_hash   VARCHAR NOT NULL UNIQUE,   -- hex SHA-256 of the token
    created_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP                  -- set by revoke; a revoked token is refused
);
