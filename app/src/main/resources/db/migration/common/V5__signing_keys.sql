-- SigningKeyProjection (read model signing-keys): the life of every signing key, which every node
-- reads to sign with the active key, to verify tokens of retiring keys and to publish the JWKS.
create table if not exists rm_signing_key (
    kid varchar(64) not null,
    generation bigint not null,
    public_jwk varchar(1000) not null,
    status varchar(16) not null,
    created_at timestamp with time zone not null,
    activated_at timestamp with time zone,
    retires_at timestamp with time zone,
    primary key (kid, generation)
);

create index if not exists ix_rm_signing_key_status on rm_signing_key (generation, status);
