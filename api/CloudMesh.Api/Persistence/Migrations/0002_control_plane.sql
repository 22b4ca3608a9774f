-- CloudMesh schema, version 2: what the control plane needs.
--  * Change notification: every committed change that can alter proxy configuration NOTIFYs channel
--    'cloudmesh_changes' with '<account_id>/<mesh_name>' (account ids are 12 digits, so the first '/'
--    splits unambiguously). PostgreSQL delivers NOTIFYs only on commit and folds identical payloads of
--    one transaction into one, so a many-row write costs one message per mesh.
--  * The endpoint registry (the role AWS Cloud Map played): instances of virtual nodes, registered
--    through the registry API (no expiry) or by a connected proxy (leased by the replica serving it).
--  * Tenant-scoped xDS tokens, stored as SHA-256 hashes only.

CREATE FUNCTION cloudmesh_notify_mesh_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM pg_notify('cloudmesh_changes', OLD.account_id || '/' || OLD.mesh_name);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_notify('cloudmesh_changes', NEW.account_id || '/' || NEW.mesh_name);
    END IF;
    RETURN NULL;
END;
$$;

-- Tags and timestamps do not reach proxies: only a changed spec (or existence) is worth a recompile.
CREATE TRIGGER resources_notify_insert_delete AFTER INSERT OR DELETE ON resources
    FOR EACH ROW EXECUTE FUNCTION cloudmesh_notify_mesh_change();
CREATE TRIGGER resources_notify_update AFTER UPDATE ON resources
    FOR EACH ROW WHEN (OLD.spec IS DISTINCT FROM NEW.spec) EXECUTE FUNCTION cloudmesh_notify_mesh_change();

CREATE TABLE endpoint_instances (
    account_id        text NOT NULL REFERENCES tenants (account_id) ON DELETE CASCADE,
    mesh_name         text COLLATE "C" NOT NULL,
    virtual_node_name text COLLATE "C" NOT NULL,
    instance_id       text COLLATE "C" NOT NULL,
    address           text NOT NULL,
    port              integer NOT NULL CHECK (port BETWEEN 0 AND 65535),
    healthy           boolean NOT NULL,
    attributes        jsonb NOT NULL,
    -- 'api' (registered through the registry API) or 'proxy' (announced by a connected proxy).
    source            text NOT NULL CHECK (source IN ('api', 'proxy')),
    -- For 'proxy' registrations: the replica holding the proxy's stream, which renews the lease.
    replica_id        text,
    expires_at        timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (account_id, mesh_name, virtual_node_name, instance_id)
);
CREATE INDEX endpoint_instances_replica ON endpoint_instances (replica_id) WHERE replica_id IS NOT NULL;
CREATE INDEX endpoint_instances_expiry ON endpoint_instances (expires_at) WHERE expires_at IS NOT NULL;

-- Lease renewals touch only expires_at: they must not wake every replica.
CREATE TRIGGER endpoint_instances_notify_insert_delete AFTER INSERT OR DELETE ON endpoint_instances
    FOR EACH ROW EXECUTE FUNCTION cloudmesh_notify_mesh_change();
CREATE TRIGGER endpoint_instances_notify_update AFTER UPDATE ON endpoint_instances
    FOR EACH ROW WHEN ((OLD.address, OLD.port, OLD.healthy, OLD.attributes, OLD.virtual_node_name, OLD.mesh_name)
                       IS DISTINCT FROM (NEW.address, NEW.port, NEW.healthy, NEW.attributes, NEW.virtual_node_name, NEW.mesh_name))
    EXECUTE FUNCTION cloudmesh_notify_mesh_change();

CREATE TABLE xds_tokens (
    token_id    text PRIMARY KEY,
    account_id  text NOT NULL REFERENCES tenants (account_id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE,
    description text NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX xds_tokens_account ON xds_tokens (account_id);

-- Instances die with their virtual node. The registry API inserts under FOR KEY SHARE on the node's row,
-- so a concurrent DeleteVirtualNode waits for that insert and then removes it here.
CREATE FUNCTION cloudmesh_drop_node_instances() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM endpoint_instances
     WHERE account_id = OLD.account_id AND mesh_name = OLD.mesh_name AND virtual_node_name = OLD.name;
    RETURN NULL;
END;
$$;
CREATE TRIGGER resources_drop_node_instances AFTER DELETE ON resources
    FOR EACH ROW WHEN (OLD.kind = 'virtualNode') EXECUTE FUNCTION cloudmesh_drop_node_instances();
