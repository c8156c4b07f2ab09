-- Rotor's own tables, on H2 and PostgreSQL alike. Written with "if not exists" so that a database
-- made by an earlier release (where Hibernate and the read models created them at start) keeps
-- its tables and rows unchanged.

-- Server key material, sealed with the master key (dev.rotor.app.keys.KeyMaterialEntry, a JPA
-- entity: ddl-auto=validate checks it).
create table if not exists rotor_key_material (
    name varchar(100) not null,
    created_at timestamp(6) with time zone not null,
    material varchar(4000) not null,
    constraint rotor_key_material_pkey primary key (name)
);

-- Per read model: the generation serving reads and live writes, and the state of a rebuild
-- (dev.rotor.app.readmodel.ReadModelStates). Its rows are created at start, one per read model.
create table if not exists rotor_read_model (
    name varchar(64) not null primary key,
    active_generation bigint not null,
    building_generation bigint,
    status varchar(20) not null,
    position bigint not null,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    heartbeat_at timestamp with time zone,
    owner varchar(128),
    last_error varchar(500)
);

-- The read models (dev.rotor.kernel.readmodel.RebuildableReadModel). Every table carries the
-- generation its rows belong to, last in its primary key; every query names one generation.

-- Command side: the set-based lookups behind command decisions.
-- EmailRegistry: is an email taken, and by whom.
create table if not exists lk_email (
    email varchar(320) not null,
    generation bigint not null,
    user_id varchar(64) not null,
    primary key (email, generation)
);

-- RefreshTokenLookup: the session a presented refresh token (its hash) belongs to.
create table if not exists lk_refresh_token (
    token_hash varchar(64) not null,
    generation bigint not null,
    session_id varchar(64) not null,
    user_id varchar(64) not null,
    primary key (token_hash, generation)
);

-- TokenFloorLedger: the minimum token versions (global and per user) new tokens are issued at.
create table if not exists lk_token_floor (
    floor_key varchar(80) not null,
    generation bigint not null,
    min_version bigint not null,
    grace_until timestamp with time zone,
    primary key (floor_key, generation)
);

-- Query side.
-- SessionProjection: token validation by session id; an admin's list of a user's sessions.
create table if not exists rm_session (
    session_id varchar(64) not null,
    generation bigint not null,
    user_id varchar(64) not null,
    email varchar(320),
    roles varchar(4000),
    amr varchar(200),
    user_version bigint not null,
    global_version bigint not null,
    created_at timestamp with time zone not null,
    last_refreshed_at timestamp with time zone,
    idle_expires_at timestamp with time zone not null,
    absolute_expires_at timestamp with time zone not null,
    user_agent varchar(512),
    ip varchar(64),
    revoked_at timestamp with time zone,
    revocation_reason varchar(64),
    primary key (session_id, generation)
);
create index if not exists ix_rm_session_user on rm_session (user_id, generation);

-- TokenFloorProjection: the minimum token versions a token check compares against.
create table if not exists rm_token_floor (
    floor_key varchar(80) not null,
    generation bigint not null,
    min_version bigint not null,
    grace_until timestamp with time zone,
    rotated_at timestamp with time zone,
    primary key (floor_key, generation)
);

-- UserDirectoryProjection: an admin's view of a user.
create table if not exists rm_user_directory (
    user_id varchar(64) not null,
    generation bigint not null,
    email varchar(320) not null,
    roles varchar(4000),
    created_at timestamp with time zone not null,
    last_login_at timestamp with time zone,
    failed_logins integer not null,
    locked_until timestamp with time zone,
    password_changed_at timestamp with time zone,
    min_token_version bigint not null,
    mfa_enabled boolean not null,
    primary key (user_id, generation)
);

-- AuditIndexProjection: the user and session of each stored event (joined to
-- domain_event_entry.event_identifier), so the audit can list a user's or a session's events.
create table if not exists rm_audit_index (
    generation bigint not null,
    event_id varchar(36) not null,
    user_id varchar(64),
    session_id varchar(64),
    primary key (event_id, generation)
);
create index if not exists ix_rm_audit_index_user on rm_audit_index (user_id, generation);
create index if not exists ix_rm_audit_index_session on rm_audit_index (session_id, generation);
