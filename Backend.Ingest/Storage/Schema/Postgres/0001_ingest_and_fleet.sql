-- The tables of the ingest store and the fleet status, as the backend created them before migrations existed.
-- "if not exists": a database made by those versions adopts this script as applied and keeps its rows.

create table if not exists transactions (
    terminal_id bigint not null,
    sequence bigint not null,
    kind integer not null,
    recorded_at bigint not null,
    amount integer not null,
    card_uid text null,
    token_id bigint null,
    account_id bigint null,
    balance_after integer null,
    route_id integer not null,
    record bytea not null,
    received_at bigint not null,
    primary key (terminal_id, sequence));
create index if not exists transactions_card_uid on transactions (card_uid);
create index if not exists transactions_received_at on transactions (received_at);

create table if not exists terminals (
    terminal_id bigint primary key,
    high_water bigint not null,
    last_batch_at bigint not null);

create table if not exists terminal_status (
    terminal_id bigint primary key,
    online boolean not null,
    firmware_version bigint not null,
    fare_table_version bigint not null,
    blacklist_version bigint not null,
    keys_version bigint not null,
    journal_backlog integer not null,
    last_seen_at bigint not null);
