-- A city's journal records (100 million rows and more) kept in one partition per month of recorded_at, the
-- terminal's clock: a day's report reads one partition, a card's history probes one small index per month, and
-- an old month can be detached and archived without touching the rest.
--
-- PostgreSQL requires a partitioned table's primary key to hold the partition key, so the primary key of
-- transactions becomes (terminal_id, sequence, recorded_at). A record is stored once across ALL months by
-- transaction_keys (terminal_id, sequence): the ingest inserts a record's key first and stores only the records
-- whose key was new. The keys outlive an archived month, so a record re-sent years later is still a duplicate.
--
-- Records dated outside every month partition (a terminal with a wrong clock, a month not yet created) land in
-- transactions_default; transactions_month_partition(t) creates the month holding unix time t and moves its
-- rows there. The backend calls it at start and daily for this month and the next two
-- (Backend.Ingest/Storage/TransactionPartitions.cs).

alter table transactions rename to transactions_unpartitioned;
alter index transactions_pkey rename to transactions_unpartitioned_pkey;
alter index transactions_card_history rename to transactions_unpartitioned_card_history;
alter index transactions_report rename to transactions_unpartitioned_report;
alter index transactions_received_at rename to transactions_unpartitioned_received_at;

create table transactions (
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
    concession integer generated always as (get_byte(record, 9) >> 5) stored,
    primary key (terminal_id, sequence, recorded_at)) partition by range (recorded_at);
create table transactions_default partition of transactions default;
create index transactions_card_history on transactions (card_uid, recorded_at);
create index transactions_report on transactions (recorded_at, kind, route_id, concession, amount);
create index transactions_received_at on transactions (received_at);

create table transaction_keys (
    terminal_id bigint not null,
    sequence bigint not null,
    primary key (terminal_id, sequence));

create function transactions_month_partition(at_unix bigint) returns text language plpgsql as $$
declare
    first_day timestamp := date_trunc('month', to_timestamp(at_unix) at time zone 'UTC');
    low bigint := extract(epoch from first_day)::bigint;
    high bigint := extract(epoch from first_day + interval '1 month')::bigint;
    name text := 'transactions_' || to_char(first_day, 'YYYY_MM');
begin
    if to_regclass(quote_ident(name)) is not null then
        return name;
    end if;
    -- A partition cannot be created over rows the default partition holds: they step aside and come back.
    -- (concession is generated from the record, so it is not copied.)
    create temporary table if not exists transactions_moving on commit drop as
        select terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at from transactions_default with no data;
    insert into transactions_moving
        select terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at from transactions_default where recorded_at >= low and recorded_at < high;
    delete from transactions_default where recorded_at >= low and recorded_at < high;
    execute format('create table %I partition of transactions for values from (%s) to (%s)', name, low, high);
    insert into transactions (terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at)
        select terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at from transactions_moving;
    truncate transactions_moving;
    return name;
end $$;

-- The months the existing rows fall in (within 2020 .. three months ahead; the rest stays in the default
-- partition), and this month and the next two.
select transactions_month_partition(month) from (
    select distinct extract(epoch from date_trunc('month', to_timestamp(recorded_at) at time zone 'UTC'))::bigint as month
    from transactions_unpartitioned
    where recorded_at >= 1577836800 and recorded_at < extract(epoch from now() + interval '3 months')::bigint
    union
    select extract(epoch from now() + make_interval(months => ahead))::bigint from generate_series(0, 2) as ahead) as months;

insert into transaction_keys (terminal_id, sequence) select terminal_id, sequence from transactions_unpartitioned;
insert into transactions (terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at)
select terminal_id, sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, record, received_at from transactions_unpartitioned;
drop table transactions_unpartitioned;
