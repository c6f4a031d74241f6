-- Reconciliation: what the fraud rules found (with the evidence), and how far the rules have examined each
-- terminal's journal. Times are unix milliseconds by the backend's clock.

-- One row per finding. dedup_key names the finding's cause (the rule, the card or account, the record or pair
-- of records), so a record examined twice (a second backend process, a retried pass) cannot add a second row.
create table findings (
    finding_id integer primary key autoincrement,
    rule text not null check (rule in ('balance_above_ledger', 'counter_went_back', 'counter_repeated', 'travel_time', 'unregistered_card', 'late_blacklist', 'account_overdrawn')),
    card_uid text null,                              -- uppercase hex, as cards.uid
    account_id bigint null,
    severity text not null check (severity in ('high', 'medium', 'low')),
    action text not null check (action in ('block', 'review')),   -- what the rule's policy did with it
    status text not null check (status in ('open', 'confirmed', 'dismissed')),
    dedup_key text not null unique,
    evidence text not null,                          -- JSON: the records involved and the figures compared
    created_at bigint not null,
    decided_by text null,
    decided_at bigint null,
    decision_reason text null,
    check ((card_uid is null) <> (account_id is null)),
    check ((status = 'open') = (decided_at is null)));
create index findings_status on findings (status, finding_id);
create index findings_card on findings (card_uid, finding_id);
create index findings_account on findings (account_id, finding_id);

-- Per terminal, the highest sequence the rules have examined. A terminal's records commit in sequence order
-- (one batch in flight, acked after its commit), so everything above this mark is new and nothing below it
-- can still arrive; each pass advances it in the same transaction as the findings it made.
create table reconciliation_cursors (
    terminal_id bigint primary key,
    examined_through bigint not null,
    examined_at bigint not null);
