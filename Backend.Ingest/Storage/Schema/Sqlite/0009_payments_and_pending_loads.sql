-- Online top-ups (docs/payments.md) and the loads they leave for a card to pick up at its next tap
-- (docs/ledger.md, "Pending loads"). Times are unix milliseconds by the backend's clock; money is cents.

-- One checkout at a payment provider for a top-up of a card or an account. payment_id is random and
-- unguessable (it is the passenger's handle on the checkout); the provider's own ids are kept to match its
-- events, refunds and payout report.
create table payments (
    payment_id text primary key,
    provider text not null,                          -- sandbox, stripe
    target text not null check (target in ('card', 'account')),
    card_uid text null,
    account_id bigint null,
    amount bigint not null check (amount > 0),
    currency text not null,
    status text not null check (status in ('open', 'paid', 'expired', 'refunding', 'refunded')),
    provider_session_id text null,                   -- the checkout session
    provider_payment_ref text null,                  -- what a refund names (Stripe: the payment intent)
    checkout_url text null,
    checkout_expires_at bigint null,                 -- when the provider gives up on an unpaid checkout
    created_at bigint not null,
    created_by text not null,                        -- the actor who asked: a passenger ("passenger") or staff
    paid_at bigint null,
    closed_at bigint null,                           -- expired or refunded
    refund_amount bigint null check (refund_amount > 0 and refund_amount <= amount),
    refund_reason text null,
    refund_requested_at bigint null,
    provider_refund_id text null,                    -- set once the provider accepted the refund
    refund_error text null,                          -- the provider's last refusal, retried until it accepts
    check ((target = 'card' and card_uid is not null and account_id is null)
        or (target = 'account' and account_id is not null and card_uid is null)));
create unique index payments_session on payments (provider, provider_session_id) where provider_session_id is not null;
create index payments_status on payments (status, created_at);

-- Every webhook event the backend accepted, once: a provider delivers at least once, and the primary key makes a
-- second delivery of one event change nothing.
create table payment_events (
    provider text not null,
    event_id text not null,
    event_type text not null,
    payment_id text null,
    received_at bigint not null,
    outcome text not null,                            -- what it did: paid, expired, refunded, ignored, ...
    primary key (provider, event_id));

-- Value paid for a card that is not on the card yet: the fleet writes it at the card's next tap. The ledger
-- holds it in loads:pending until then; funding_account is where it came from and goes back to if withdrawn.
create table pending_loads (
    load_id integer primary key autoincrement,
    card_uid text not null,
    amount bigint not null check (amount > 0),
    status text not null check (status in ('pending', 'applied', 'withdrawn', 'expired')),
    funding_account text not null,
    payment_id text null references payments (payment_id),
    created_at bigint not null,
    expires_at bigint not null,
    applied_at bigint null,
    applied_terminal bigint null,
    applied_sequence bigint null,
    why text not null,
    check ((applied_terminal is null) = (applied_sequence is null)));
create index pending_loads_card on pending_loads (card_uid, status);
create index pending_loads_status on pending_loads (status, expires_at);
create unique index pending_loads_payment on pending_loads (payment_id) where payment_id is not null;
