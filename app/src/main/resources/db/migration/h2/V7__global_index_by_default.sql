-- Axon's JDBC event store leaves global_index to the database: the sequence that Axon's JPA
-- entities drew from (one value per event) becomes the column's default, so numbering carries on
-- where an earlier release left it.
alter table domain_event_entry alter column global_index set default next value for domain_event_entry_seq;
