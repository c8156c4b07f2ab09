-- Event payloads (a few hundred bytes of JSON) are kept in the row that holds them rather than in
-- H2's separate LOB storage, which H2 uses for any value over 256 bytes by default: a refresh
-- appended its events through that storage, a copy and a map write per payload. This setting is
-- persistent and only applies to values written from now on; older payloads stay where they are.
SET MAX_LENGTH_INPLACE_LOB 16384;
