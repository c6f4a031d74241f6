-- The fleet's list of pending loads (docs/pending-loads.md): each load's number on its card, the list's numbered
-- versions with the change section each adds (so a terminal catches up with one combined delta), and the list as
-- of the latest version. Times are unix milliseconds by the backend's clock; money is cents.

-- A load's number on its card: 1, 2, 3... per card in the order loads are created, assigned when the load first
-- joins the list. The card keeps the last number it took (docs/card-format.md, block 10).
create table pending_load_numbers (
    load_id bigint primary key references pending_loads (load_id),
    card_uid text not null,
    load_number integer not null check (load_number between 1 and 65535),
    unique (card_uid, load_number));

-- One row per version; section is its change set as the firmware's PendingLoadBody writes it.
create table pending_load_list_versions (
    version bigint primary key,
    published_at bigint not null,
    changes integer not null,
    section bytea not null);

-- The list as of the latest version: at most one load per card, the oldest still pending.
create table pending_load_list_entries (
    card_uid text primary key,
    load_id bigint not null references pending_loads (load_id),
    load_number integer not null,
    amount bigint not null check (amount between 1 and 65535),
    listed_version bigint not null);

-- A load record for a load that was no longer pending when it arrived (withdrawn or expired meanwhile, taken
-- offline from a list not yet updated): it still posts, since the card holds the value; an operator settles it.
create table pending_load_late_applications (
    load_id bigint not null references pending_loads (load_id),
    terminal_id bigint not null,
    sequence bigint not null,
    status_found text not null,
    recorded_at bigint not null,
    primary key (terminal_id, sequence));
