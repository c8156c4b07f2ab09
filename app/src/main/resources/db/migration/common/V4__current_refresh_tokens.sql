-- CurrentRefreshTokenProjection (read model current-refresh-tokens): each session's current refresh
-- token hash, so that introspection can tell a current refresh token without rotating it.
create table if not exists rm_current_refresh_token (
    session_id varchar(64) not null,
    generation bigint not null,
    token_hash varchar(64) not null,
    primary key (session_id, generation)
);

create index if not exists ix_rm_current_refresh_token_hash on rm_current_refresh_token (token_hash, generation);
