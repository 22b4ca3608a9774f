-- CloudMesh schema, version 4: resource counts per quota container, so a create checks its quota in O(1) instead of
-- counting the container's rows, and without a lock held across client round trips.
-- A create increments its container's row in the transaction's last statement before COMMIT (sent in one batch), with
-- the tenant's current quota; the check constraint fails the create when the count would pass it. The row lock lasts
-- from that statement to the commit, so concurrent creates in one container stay exact and wait only for each
-- other's commit. Deletes decrement and clear the quota (a quota lowered below the count never blocks a delete).
-- Containers: meshes per account (mesh_name = parent_name = ''), routes and gateway routes per parent, the rest per mesh.
CREATE TABLE resource_counts (
    account_id  text NOT NULL REFERENCES tenants (account_id) ON DELETE CASCADE,
    kind        text NOT NULL,
    mesh_name   text COLLATE "C" NOT NULL,
    parent_name text COLLATE "C" NOT NULL,
    count       integer NOT NULL CHECK (count >= 0),
    quota       integer,
    CONSTRAINT resource_counts_within_quota CHECK (quota IS NULL OR count <= quota),
    PRIMARY KEY (account_id, kind, mesh_name, parent_name)
);

INSERT INTO resource_counts (account_id, kind, mesh_name, parent_name, count, quota)
SELECT account_id, kind, CASE WHEN kind = 'mesh' THEN '' ELSE mesh_name END, parent_name, count(*), NULL
FROM resources
GROUP BY account_id, kind, CASE WHEN kind = 'mesh' THEN '' ELSE mesh_name END, parent_name;
