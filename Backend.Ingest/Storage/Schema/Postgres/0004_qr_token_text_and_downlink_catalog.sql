-- The text of each QR token as issued (its Base45 characters), so its QR image can be served again.
alter table qr_tokens add column token_text text null;

-- What the terminals should hold (Backend.Ingest/Downlink, docs/blacklist.md "From the database"): the blacklist
-- as numbered versions with each version's change set, the current listings, the signed fare tables and the
-- backend key sets, each version with who published it and when. Times are unix milliseconds unless named otherwise.

-- The latest version of each item. Publishing takes its row first (update ... set version = version + 1), a lock
-- that numbers the versions of several backend processes one after the other, each committed before the next.
create table downlink_heads (
    item text primary key check (item in ('blacklist', 'fare_table', 'key_set')),
    version bigint not null);
insert into downlink_heads (item, version) values ('blacklist', 0), ('fare_table', 0), ('key_set', 0);

create table blacklist_versions (
    version bigint primary key,
    published_at bigint not null,
    published_by text not null,
    reason text not null,                           -- why, in the publisher's words
    changes integer not null);

-- One row per key a version changes (the last change of a key within a version wins, as on the terminal).
create table blacklist_changes (
    version bigint not null references blacklist_versions (version),
    kind integer not null check (kind between 0 and 3), -- 0 UID4, 1 UID7, 2 UID10, 3 account (firmware BlacklistKind)
    entry_key text not null,                        -- uppercase hex: a card UID as cards.uid, or the 8-byte account key
    reason integer not null check (reason between 0 and 255), -- 1..255 listed with this reason; 0 removed
    primary key (version, kind, entry_key));

-- The listings of the latest version, with the version, time, publisher and reason that listed each.
create table blacklist_listings (
    kind integer not null check (kind between 0 and 3),
    entry_key text not null,
    reason integer not null check (reason between 1 and 255),
    listed_version bigint not null,
    listed_at bigint not null,
    listed_by text not null,
    why text not null,
    primary key (kind, entry_key));

-- Signed fare tables as the terminals get them (docs/fares.md); version is the table's own.
create table fare_table_versions (
    version bigint primary key,
    signed_table bytea not null,
    valid_from bigint not null,                     -- unix s, as in the table
    valid_until bigint not null,                    -- unix s, 0 = no end
    published_at bigint not null,
    published_by text not null);

-- Backend public keys the terminals get by the keys downlink, beside their provisioned anchor.
create table key_set_versions (
    version bigint primary key,
    published_at bigint not null,
    published_by text not null);

create table key_set_keys (
    version bigint not null references key_set_versions (version),
    key_id integer not null check (key_id between 0 and 65535),
    public_key bytea not null,
    primary key (version, key_id));
