-- Keys segmint makes for itself and keeps with the data, e.g. 'unsubscribe' (campaigns/unsubscribe.py): the
-- HMAC key that signs the one-click unsubscribe links in campaign emails, so only a link segmint sent can
-- unsubscribe its customer. Made on first use; a key in segmint.toml (secret_env) takes precedence.
CREATE TABLE IF NOT EXISTS workspace_secrets (
    name        VARCHAR PRIMARY KEY,
    value       VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
