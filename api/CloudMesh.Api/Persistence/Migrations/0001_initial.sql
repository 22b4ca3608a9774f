-- CloudMesh schema, version 1: tenants and their access keys, App Mesh resources, idempotency tokens.
-- Names are compared byte-wise (COLLATE "C") so that ordering, uniqueness and paging agree everywhere.

CREATE TABLE tenants (
    account_id          text PRIMARY KEY,
    name                text NOT NULL,
    created_at          timestamptz NOT NULL,
    requests_per_second integer,
    burst               integer,
    quotas              jsonb
);

CREATE TABLE access_keys (
    access_key_id    text PRIMARY KEY,
    account_id       text NOT NULL REFERENCES tenants (account_id) ON DELETE CASCADE,
    encrypted_secret bytea NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX access_keys_account ON access_keys (account_id);

CREATE TABLE resources (
    id          uuid PRIMARY KEY,
    account_id  text NOT NULL REFERENCES tenants (account_id) ON DELETE CASCADE,
    kind        text NOT NULL,
    mesh_name   text COLLATE "C" NOT NULL,
    parent_name text COLLATE "C" NOT NULL,
    name        text COLLATE "C" NOT NULL,
    spec        jsonb NOT NULL,
    tags        jsonb NOT NULL,
    refs        text[] NOT NULL,
    version     bigint NOT NULL,
    uid         text NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
-- Identity, and the keyset paging order of every List operation.
CREATE UNIQUE INDEX resources_identity ON resources (account_id, kind, mesh_name, parent_name, name);
-- "Who references this?" for ResourceInUse checks on delete.
CREATE INDEX resources_refs ON resources USING gin (refs);
-- "What does this mesh still contain?" for DeleteMesh.
CREATE INDEX resources_mesh ON resources (account_id, mesh_name);

CREATE TABLE idempotency_tokens (
    account_id   text NOT NULL REFERENCES tenants (account_id) ON DELETE CASCADE,
    client_token text NOT NULL,
    operation    text NOT NULL,
    request_hash text NOT NULL,
    response     jsonb NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (account_id, client_token)
);
CREATE INDEX idempotency_tokens_age ON idempotency_tokens (created_at);
