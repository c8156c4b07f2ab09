-- Before the read models became rebuildable (generations in rotor_read_model), each side kept
-- JPA tables of its own. Nothing reads or writes them any more; their content is rebuilt from the
-- event store into the rm_* and lk_* tables. A database that never had them is unaffected.
drop table if exists qry_session;
drop table if exists qry_token_floor;
drop table if exists qry_user_directory;
drop table if exists cmd_email_lookup;
drop table if exists cmd_refresh_token_lookup;
drop table if exists cmd_token_floor;
