-- Reports, dashboard alarms and passenger feedback (Backend.Ingest/Reports, Dashboard, Feedback; docs/reports.md).
-- Times are unix milliseconds by the backend's clock unless named otherwise.

-- The concession a record was priced for, bits 5-7 of its byte 9 (docs/protocol.md), as a column the report
-- index can hold. Computed from the stored bytes, so the ingest store writes nothing new and old rows have it too.
-- SQLite has no byte-to-integer function: the byte's first hex digit, looked up, is its high nibble.
alter table transactions add column concession integer generated always as
    ((instr('0123456789ABCDEF', substr(hex(substr(record, 10, 1)), 1, 1)) - 1) / 2) virtual;

-- One index serves every report over the records (by day, hour, route, concession, kind) from the index alone.
-- It leads with the same columns as 0006's (recorded_at, kind, amount), which it replaces: one index, not two,
-- for the ingest to maintain.
create index transactions_report on transactions (recorded_at, kind, route_id, concession, amount);
drop index transactions_recorded_kind_amount;

-- The ledger's reports (revenue by day, top-ups, refunds) read one kind over a range of days.
create index ledger_transfers_kind_occurred on ledger_transfers (kind, occurred_at, amount);

-- What the dashboard's alarms need from each terminal's status: its clock against the backend's when the status
-- arrived, and an earlier backlog to compare the current one with (taken again once it is older than the window).
alter table terminal_status add column clock_skew_seconds bigint null;
alter table terminal_status add column backlog_mark integer null;
alter table terminal_status add column backlog_mark_at bigint null;

-- Passenger feedback and its triage. The passenger's words and contact are kept here only; the audit log records
-- that feedback arrived and every staff change, not the contact.
create table feedback (
    feedback_id integer primary key autoincrement,
    submitted_at bigint not null,
    topic text not null check (topic in ('fares', 'card', 'qr', 'service', 'accessibility', 'other')),
    message text not null,
    contact text null,
    card_uid text null,                             -- uppercase hex, as cards.uid
    trip_terminal bigint null,                      -- the trip: a record of transactions (terminal_id, sequence)
    trip_sequence bigint null,
    status text not null check (status in ('new', 'in_progress', 'answered', 'closed')),
    status_changed_at bigint not null,
    status_changed_by text null,
    staff_note text null,
    check ((trip_terminal is null) = (trip_sequence is null)));
create index feedback_status on feedback (status, feedback_id);
create index feedback_topic on feedback (topic, status);
