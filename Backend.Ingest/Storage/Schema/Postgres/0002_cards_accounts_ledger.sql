-- The system of record: passenger accounts, the card registry, the double-entry ledger, QR ride tokens,
-- idempotent API requests and the audit log. Times are unix milliseconds by the backend's clock unless named
-- otherwise; money is integer minor units (cents).

create table accounts (
    account_id bigint primary key,                  -- pseudonymous, 1..4294967295 (the QR token's 32-bit field)
    status text not null check (status in ('active', 'blocked', 'closed')),
    contact_name text null,
    contact_email text null,
    contact_phone text null,
    created_at bigint not null,
    status_changed_at bigint not null,
    status_reason text null);

create table cards (
    uid text primary key,                           -- uppercase hex, as transactions.card_uid
    card_type integer not null,                     -- the concession (firmware CardType)
    key_version integer not null,
    expiry_day integer not null,                    -- days since 1970-01-01, as written on the card
    status text not null check (status in ('active', 'blocked', 'lost', 'replaced', 'expired', 'refunded')),
    account_id bigint null references accounts (account_id),
    issued_at bigint not null,
    issued_by text not null,                        -- the desk or place that issued it
    status_changed_at bigint not null,
    status_reason text null);
create index cards_account on cards (account_id);

-- One row per transfer, TigerBeetle-style: amount moves from debit_account to credit_account, so every row is
-- balanced by construction and the sum over all accounts is zero. An account's balance is
-- sum(credits) - sum(debits): positive for what the operator owes (card and account liabilities).
-- Account codes: card:{UID}, account:{id}, revenue:fares, clearing:cash, clearing:payments, expense:write-off,
-- equity:adjustment. source names what caused it: a journal record (source_terminal, source_sequence) or an
-- API request / rule (source_key), and leg numbers several transfers of one cause.
create table ledger_transfers (
    transfer_id bigint generated always as identity primary key,
    kind text not null,                              -- issue, load, tap_charge, write_abandoned, qr_charge, cap_refund, refund, write_off, adjustment
    debit_account text not null,
    credit_account text not null,
    amount bigint not null check (amount > 0),
    source_terminal bigint null,
    source_sequence bigint null,
    source_key text null,
    leg integer not null default 0,
    occurred_at bigint not null,                    -- when it happened (the terminal's clock for records), unix ms
    posted_at bigint not null,
    check ((source_terminal is not null and source_sequence is not null) or source_key is not null),
    check (debit_account <> credit_account));
create unique index ledger_transfers_record on ledger_transfers (source_terminal, source_sequence, leg) where source_terminal is not null;
create unique index ledger_transfers_key on ledger_transfers (source_key, leg) where source_key is not null;
create index ledger_transfers_debit on ledger_transfers (debit_account);
create index ledger_transfers_credit on ledger_transfers (credit_account);

-- Ride tokens the backend signed for an account; used_at is set by the first QR record that carries the token.
create table qr_tokens (
    token_id bigint primary key,                    -- the token's 64 bits, as transactions.token_id
    account_id bigint not null references accounts (account_id),
    valid_from bigint not null,                     -- unix s, as in the token
    valid_until bigint not null,
    fare_product integer not null,
    concession integer not null,
    issued_at bigint not null,
    used_at bigint null);
create index qr_tokens_account on qr_tokens (account_id, valid_until);

-- A request that changes something carries the client's request id: a retry with the same id and body gets the
-- first answer again and changes nothing; the same id with another body is refused.
create table api_requests (
    request_id text primary key,
    operation text not null,
    request_hash text not null,
    response_status integer not null,
    response_body text not null,
    created_at bigint not null);

-- Append-only: who did what, when, to what, and why. Nothing in the application updates or deletes a row.
create table audit_log (
    audit_id bigint generated always as identity primary key,
    at bigint not null,
    actor text not null,
    action text not null,
    subject text not null,
    reason text null,
    detail text null);
create index audit_log_at on audit_log (at);
create index audit_log_subject on audit_log (subject);

-- Append-only in the database too, not only by the application's word.
create function append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function append_only();
create trigger ledger_transfers_append_only before update or delete on ledger_transfers
    for each row execute function append_only();
