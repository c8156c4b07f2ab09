#!/bin/sh
# A plain-SQL dump of the public schema through psql (the local pg_dump is older than the server).
P="$1"
q() { psql "$P" -At -X -c "$1"; }
echo "-- Schema and data of a Rotor database on PostgreSQL, as the release before schema migrations"
echo "-- (bbc33d6) left it: tables created by Hibernate (ddl-auto=update) and by the read models."
q "select format('create sequence %I start with %s increment by %s;', sequencename, start_value, increment_by) from pg_sequences where schemaname = 'public' order by 1"
q "select format('create table %I (%s);', c.relname, string_agg(format('%I %s%s', a.attname, format_type(a.atttypid, a.atttypmod), case when a.attnotnull then ' not null' else '' end), ', ' order by a.attnum)) from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace group by c.relname order by c.relname"
q "select format('alter table %s add constraint %I %s;', conrelid::regclass, conname, pg_get_constraintdef(oid)) from pg_constraint where connamespace = 'public'::regnamespace order by conrelid::regclass::text, conname"
q "select indexdef || ';' from pg_indexes where schemaname = 'public' and indexname not in (select conname from pg_constraint) order by indexname"
for t in $(q "select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by relname"); do
  q "select format('insert into $t select * from json_populate_record(null::$t, %L);', row_to_json(x)::text) from $t x"
done
q "select format('select setval(%L, %s, true);', sequencename, last_value) from pg_sequences where schemaname = 'public' and last_value is not null order by 1"
