-- Axon 4.13's JPA entities (event store, snapshots, tokens, sagas, dead letters), exactly as
-- Hibernate created them on H2 before the schema was migrated (payloads as blob), constraint
-- names included: "if not exists" keeps a database made by an earlier release as it is.
-- spring.jpa.hibernate.ddl-auto=validate checks the result at start.

create sequence if not exists domain_event_entry_seq start with 1 increment by 1;
create sequence if not exists association_value_entry_seq start with 1 increment by 50;

-- Appends check (aggregate_identifier, sequence_number) and event_identifier; tracking reads go
-- by global_index; loading an aggregate reads by aggregate_identifier ordered by sequence_number.
create table if not exists domain_event_entry (
    global_index bigint not null,
    event_identifier varchar(255) not null,
    meta_data blob,
    payload blob not null,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    time_stamp varchar(255) not null,
    aggregate_identifier varchar(255) not null,
    sequence_number bigint not null,
    type varchar(255),
    constraint domain_event_entry_pkey primary key (global_index),
    constraint idx8s1f994p4la2ipb13me2xqm1w unique (aggregate_identifier, sequence_number),
    constraint ukfwe6lsa8bfo6hyas6ud3m8c7x unique (event_identifier)
);

-- The primary key leads with aggregate_identifier: it is the index for "latest snapshot of".
create table if not exists snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number bigint not null,
    type varchar(255) not null,
    event_identifier varchar(255) not null,
    meta_data blob,
    payload blob not null,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    time_stamp varchar(255) not null,
    constraint snapshot_event_entry_pkey primary key (aggregate_identifier, sequence_number, type),
    constraint uke1uucjseo68gopmnd0vgdl44h unique (event_identifier)
);

create table if not exists token_entry (
    processor_name varchar(255) not null,
    segment integer not null,
    owner varchar(255),
    timestamp varchar(255) not null,
    token blob,
    token_type varchar(255),
    constraint token_entry_pkey primary key (processor_name, segment)
);

create table if not exists saga_entry (
    saga_id varchar(255) not null,
    revision varchar(255),
    saga_type varchar(255),
    serialized_saga blob,
    constraint saga_entry_pkey primary key (saga_id)
);

create table if not exists association_value_entry (
    id bigint not null,
    association_key varchar(255) not null,
    association_value varchar(255),
    saga_id varchar(255) not null,
    saga_type varchar(255),
    constraint association_value_entry_pkey primary key (id)
);
create index if not exists idxk45eqnxkgd8hpdn6xixn8sgft
    on association_value_entry (saga_type, association_key, association_value);
create index if not exists idxgv5k1v2mh6frxuy5c0hgbau94 on association_value_entry (saga_id, saga_type);

create table if not exists dead_letter_entry (
    dead_letter_id varchar(255) not null,
    cause_message varchar(1023),
    cause_type varchar(255),
    diagnostics blob,
    enqueued_at timestamp(6) with time zone not null,
    last_touched timestamp(6) with time zone,
    aggregate_identifier varchar(255),
    event_identifier varchar(255) not null,
    message_type varchar(255) not null,
    meta_data blob,
    payload blob not null,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    sequence_number bigint,
    time_stamp varchar(255) not null,
    token blob,
    token_type varchar(255),
    type varchar(255),
    processing_group varchar(255) not null,
    processing_started timestamp(6) with time zone,
    sequence_identifier varchar(255) not null,
    sequence_index bigint not null,
    constraint dead_letter_entry_pkey primary key (dead_letter_id),
    constraint idxhlr8io86j74qy298xf720n16v unique (processing_group, sequence_identifier, sequence_index)
);
create index if not exists idxe67wcx5fiq9hl4y4qkhlcj9cg on dead_letter_entry (processing_group);
create index if not exists idxrwucpgs6sn93ldgoeh2q9k6bn on dead_letter_entry (processing_group, sequence_identifier);
