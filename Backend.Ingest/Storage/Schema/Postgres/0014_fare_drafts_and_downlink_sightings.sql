-- Fare table drafts edited in the back office (docs/operator-guide.md, "Fare tables"), and when each terminal was
-- first seen holding each fare table and blacklist version. Times are unix milliseconds by the backend's clock.

-- A draft is the signed part of a fare table as the firmware reads it (docs/fares.md, "Layout, version 1"), not yet
-- signed: its version and issuer key are set when it is published, which fills published_version.
create table fare_table_drafts (
    draft_id bigint generated always as identity primary key,
    based_on_version bigint not null,                -- the published version it was started from; 0 = none
    unsigned_table bytea not null,
    created_at bigint not null,
    created_by text not null,
    updated_at bigint not null,
    updated_by text not null,
    published_version bigint null);

-- One row per terminal, item and version, written by the first status report that carries it: when a terminal took a
-- version is the earliest first_seen_at of that version or a later one.
create table downlink_sightings (
    terminal_id bigint not null,
    item text not null check (item in ('fare_table', 'blacklist')),
    version bigint not null,
    first_seen_at bigint not null,
    primary key (terminal_id, item, version));
create index downlink_sightings_item on downlink_sightings (item, version);
